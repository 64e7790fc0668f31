import { buildXml, OTA_NS, type XmlNode } from '../xml/xml';

/** One OTA error: Type from the EWT list, Code from the ERR list (2015A code lists). */
export type OtaIssue = { type: string; code: string; text: string };

function envelope(echoToken: string | null): XmlNode {
  return {
    '@xmlns': OTA_NS,
    ...(echoToken ? { '@EchoToken': echoToken } : {}),
    '@TimeStamp': new Date().toISOString(),
    '@Version': '1.0',
  };
}

/** `<root><Errors><Error Type Code>text</Error></Errors></root>`: the answer to a refused message. */
export function errorsXml(root: string, echoToken: string | null, issues: readonly OtaIssue[]): string {
  return buildXml(root, {
    ...envelope(echoToken),
    Errors: { Error: issues.map((i) => ({ '@Type': i.type, '@Code': i.code, '#text': i.text })) },
  });
}

/** OTA_PingRS: Success and the EchoData the partner sent. */
export function pingXml(echoToken: string | null, echoData: string): string {
  return buildXml('OTA_PingRS', { ...envelope(echoToken), Success: '', EchoData: echoData });
}
