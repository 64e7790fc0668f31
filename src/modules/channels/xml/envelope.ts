import { OTA_NS, type XmlNode } from './xml';

/**
 * The attributes every OpenTravel message we build carries (OTA_PayloadStdAttributes: Version is
 * required; TimeStamp, EchoToken and Target are optional but partners log by them).
 */
export function otaEnvelope(echoToken?: string | null, now: Date = new Date(), version = '1.000'): XmlNode {
  return {
    '@xmlns': OTA_NS,
    ...(echoToken ? { '@EchoToken': echoToken.slice(0, 128) } : {}),
    '@TimeStamp': now.toISOString(),
    '@Target': 'Production',
    '@Version': version,
  };
}

/** A fresh EchoToken for a request we start: it ties the partner's answer and the message log to it. */
export function newEchoToken(): string {
  return crypto.randomUUID();
}

/** The answer root for a request root: `OTA_HotelResNotifRQ` → `OTA_HotelResNotifRS`. */
export function responseRootFor(requestRoot: string): string {
  return requestRoot.replace(/RQ$/, 'RS');
}

/** ShortText and RecordID are at most 64 characters (StringLength1to64). */
export function clip64(text: string): string {
  return text.length > 64 ? `${text.slice(0, 63)}…` : text;
}
