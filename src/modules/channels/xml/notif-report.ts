import type { ImportOutcome } from '../domain';
import { newEchoToken, otaEnvelope } from './envelope';
import { issueNode, type OtaIssue } from './errors';
import { issueForOutcome, OUR_ID_SOURCE } from './res-notif';
import { buildXml, type XmlNode } from './xml';

// UIT: 14 = Reservation, 15 = Cancellation (as the partner sent it), 10 = Hotel (our number).
const uniqueIdType = (outcome: ImportOutcome) => (outcome.kind === 'cancel' ? '15' : '14');

/**
 * OTA_NotifReportRQ: tells an OpenTravel partner what became of the reservations it delivered.
 * Taken ones are listed (with our confirmation number as HotelReservationID ResID_Type 10) and are
 * not delivered again; refused ones are record-level Warnings (RecordID = the channel's id), the
 * AlpineBits way of saying "not taken".
 */
export function buildNotifReportRQ(
  hotelCode: string,
  outcomes: readonly ImportOutcome[],
  echoToken: string = newEchoToken(),
  version?: string,
): { xml: string; echoToken: string } {
  const issues = outcomes.map(issueForOutcome).filter((issue): issue is OtaIssue => issue !== null);
  const taken = outcomes.filter((outcome) => outcome.error === null);
  const reservation = (outcome: ImportOutcome): XmlNode => ({
    UniqueID: { '@Type': uniqueIdType(outcome), '@ID': outcome.channelReservationId.slice(0, 64) },
    ...(outcome.confirmationNumber
      ? {
          ResGlobalInfo: {
            HotelReservationIDs: {
              HotelReservationID: {
                '@ResID_Type': '10',
                '@ResID_Value': outcome.confirmationNumber,
                '@ResID_Source': OUR_ID_SOURCE,
              },
            },
            BasicPropertyInfo: { '@HotelCode': hotelCode },
          },
        }
      : {}),
  });
  const xml = buildXml('OTA_NotifReportRQ', {
    ...otaEnvelope(echoToken, new Date(), version),
    Success: '',
    ...(issues.length > 0 ? { Warnings: { Warning: issues.map(issueNode) } } : {}),
    ...(taken.length > 0
      ? { NotifDetails: { HotelNotifReport: { HotelReservations: { HotelReservation: taken.map(reservation) } } } }
      : {}),
  });
  return { xml, echoToken };
}
