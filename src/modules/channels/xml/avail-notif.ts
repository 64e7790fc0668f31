import type { AvailStatus } from '../domain';
import { buildXml, OTA_NS, type XmlNode } from './xml';

/**
 * OTA_HotelAvailNotifRQ ↔ AvailStatus (2015A). What every ARI message shares: the hotel, the echo token
 * that ties the answer and the log to the request, and how the partner names our room (the room
 * type's code is `InvTypeCode`; `InvCode`, one specific unit, is what the OpenTravel samples show).
 */
export type NotifHeader = {
  hotelCode: string;
  echoToken: string;
  timeStamp: string;
  roomAttribute: 'InvCode' | 'InvTypeCode';
  /** The root's Version (default 1.0): some partners ask for their own. */
  version?: string;
  /** POS/Source/RequestorID for a partner that reads its credentials in the body (providers/ota_xml/dialect.ts). */
  pos?: XmlNode | null;
};

/** The root's attributes and, for a partner that wants it, the POS element that comes first in the body. */
export function rootAttributes(h: NotifHeader): XmlNode {
  return {
    '@xmlns': OTA_NS,
    '@EchoToken': h.echoToken,
    '@TimeStamp': h.timeStamp,
    '@Version': h.version ?? '1.0',
    ...(h.pos ? { POS: h.pos } : {}),
  };
}

export function applicationControl(
  h: NotifHeader,
  s: { roomCode: string; rateCode: string | null; start: string; end: string },
): XmlNode {
  return {
    '@Start': s.start,
    '@End': s.end,
    [`@${h.roomAttribute}`]: s.roomCode,
    ...(s.rateCode !== null ? { '@RatePlanCode': s.rateCode } : {}),
  };
}

const openClose = (closed: boolean) => (closed ? 'Close' : 'Open');

/**
 * The LengthsOfStay of a status: a minimum of "none" is sent as SetMinLOS 1 (every stay is long enough),
 * a maximum of "none" as RemoveMaxLOS, so a limit lifted here is lifted at the partner too.
 */
function lengthsOfStay(s: AvailStatus): XmlNode | undefined {
  const items: XmlNode[] = [];
  if (s.minLos !== undefined) {
    items.push({ '@Time': String(s.minLos ?? 1), '@TimeUnit': 'Day', '@MinMaxMessageType': 'SetMinLOS' });
  }
  if (s.maxLos !== undefined) {
    items.push(
      s.maxLos === null
        ? { '@TimeUnit': 'Day', '@MinMaxMessageType': 'RemoveMaxLOS' }
        : { '@Time': String(s.maxLos), '@TimeUnit': 'Day', '@MinMaxMessageType': 'SetMaxLOS' },
    );
  }
  return items.length > 0 ? { LengthOfStay: items } : undefined;
}

/**
 * The AvailStatusMessage elements of one status. The schema allows one RestrictionStatus per
 * message, so arrival and departure closures travel in messages of their own next to the one with
 * BookingLimit, lengths of stay and the master Open/Close. Element order follows AvailStatusMessageType.
 */
export function availStatusMessages(h: NotifHeader, s: AvailStatus): XmlNode[] {
  const control = applicationControl(h, s);
  const out: XmlNode[] = [];
  const los = lengthsOfStay(s);
  if (s.bookingLimit !== undefined || los !== undefined || s.closed !== undefined) {
    out.push({
      ...(s.bookingLimit !== undefined
        ? { '@BookingLimit': String(Math.max(0, s.bookingLimit)), '@BookingLimitMessageType': 'SetLimit' }
        : {}),
      StatusApplicationControl: control,
      ...(los !== undefined ? { LengthsOfStay: los } : {}),
      ...(s.closed !== undefined ? { RestrictionStatus: { '@Status': openClose(s.closed) } } : {}),
    });
  }
  if (s.closedToArrival !== undefined) {
    out.push({
      StatusApplicationControl: control,
      RestrictionStatus: { '@Restriction': 'Arrival', '@Status': openClose(s.closedToArrival) },
    });
  }
  if (s.closedToDeparture !== undefined) {
    out.push({
      StatusApplicationControl: control,
      RestrictionStatus: { '@Restriction': 'Departure', '@Status': openClose(s.closedToDeparture) },
    });
  }
  return out;
}

/** One OTA_HotelAvailNotifRQ with every status given (the caller bounds its size: see ari-push/plan.ts). */
export function buildAvailNotif(h: NotifHeader, statuses: readonly AvailStatus[]): string {
  return buildXml('OTA_HotelAvailNotifRQ', {
    ...rootAttributes(h),
    AvailStatusMessages: {
      '@HotelCode': h.hotelCode,
      AvailStatusMessage: statuses.flatMap((s) => availStatusMessages(h, s)),
    },
  });
}
