import type { InboundBatch } from '../adapter';
import { answerOf } from './answer';
import { newEchoToken, otaEnvelope } from './envelope';
import { expectRoot, readReservations } from './res-notif';
import { buildXml, child, list, parseXml, type XmlNode } from './xml';

/**
 * Pulling reservations from an OpenTravel partner: OTA_ReadRQ asks for the hotel's reservations it
 * has not yet delivered (no SelectionCriteria: what was acknowledged with OTA_NotifReportRQ does
 * not come again, as in AlpineBits GuestRequests); OTA_ResRetrieveRS carries them.
 */
export function buildReadRQ(
  hotelCode: string,
  echoToken: string = newEchoToken(),
  dialect: { version?: string; pos?: XmlNode | null } = {},
): { xml: string; echoToken: string } {
  const xml = buildXml('OTA_ReadRQ', {
    ...otaEnvelope(echoToken, new Date(), dialect.version),
    ...(dialect.pos ? { POS: dialect.pos } : {}),
    ReadRequests: { HotelReadRequest: { '@HotelCode': hotelCode } },
  });
  return { xml, echoToken };
}

/**
 * A partner's OTA_ResRetrieveRS: its reservations (each by its own ResStatus: new, modified,
 * cancelled) and its answer. `Errors` is a batch with no reservations and an error answer.
 */
export function readResRetrieveRS(xml: string): InboundBatch {
  const message = expectRoot(parseXml(xml), ['OTA_ResRetrieveRS']);
  if (!message.ok) return message;
  const answer = answerOf(message.node);
  const reservations = list(child(message.node, 'ReservationsList')?.HotelReservation);
  if (answer.outcome === 'error') return { ok: true, reservations: [], answer };
  return readReservations(reservations, { status: undefined, modifyMessage: false }, answer);
}
