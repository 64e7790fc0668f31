import { otaEnvelope } from './envelope';
import { attr, buildXml, textOf, type XmlNode } from './xml';

/** OTA_PingRQ → OTA_PingRS: Success and the EchoData the partner sent, echoed back. */
export function answerPing(ping: XmlNode): string {
  const echoData = textOf(ping.EchoData) ?? '';
  return buildXml('OTA_PingRS', {
    ...otaEnvelope(attr(ping, 'EchoToken')),
    Success: '',
    ...(echoData !== '' ? { EchoData: echoData } : {}),
  });
}
