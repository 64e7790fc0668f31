import { expectRoot } from '../xml/res-notif';
import { dateOf } from '../xml/room-stay';
import { attr, buildXml, child, list, OTA_NS, parseXml, type XmlNode } from '../xml/xml';
import { AB_ERR as AB_CODE, AB_ERROR_TYPE, type AbIssue } from './answer';

/**
 * The GuestRequests messages around the HotelReservations: OTA_ReadRQ and OTA_NotifReportRQ in,
 * OTA_ResRetrieveRS, OTA_NotifReportRS and OTA_HotelResNotifRS out. AlpineBits roots carry
 * `Version` (and may carry `TimeStamp`) but no EchoToken, Target or other OTA payload attributes, and
 * their Errors and Warnings take fewer attributes than OTA's (no ShortText; Status only the
 * protocol's ALPINEBITS_SEND_* values): xml/errors.ts's builders do not fit them.
 */

// The Version the AlpineBits samples give each root (the schema only requires one).
const ROOT_VERSIONS: Record<string, string> = {
  OTA_ResRetrieveRS: '7.000',
  OTA_NotifReportRS: '1.000',
  OTA_HotelResNotifRS: '1.000',
};

export function abMessage(root: keyof typeof ROOT_VERSIONS, body: XmlNode, now: Date): string {
  return buildXml(root, {
    '@xmlns': OTA_NS,
    '@Version': ROOT_VERSIONS[root] ?? '1.000',
    '@TimeStamp': now.toISOString(),
    ...body,
  });
}

/** `<Errors>` of any GuestRequests RS. */
export function abErrors(root: keyof typeof ROOT_VERSIONS, issues: readonly AbIssue[], now: Date): string {
  return abMessage(
    root,
    {
      Errors: {
        Error: issues.map((i) => ({ '@Type': i.type, ...(i.code ? { '@Code': i.code } : {}), '#text': i.text })),
      },
    },
    now,
  );
}

export type Acknowledged = { id: string; cancellation: boolean };

export type ReadRequest = { hotelCode: string | null; since: Date | null };

type Read<T> = { ok: true; value: T } | { ok: false; issue: AbIssue };

const missing = (text: string): { ok: false; issue: AbIssue } => ({
  ok: false,
  issue: { type: AB_ERROR_TYPE.applicationError, code: AB_CODE.requiredFieldMissing, text },
});

/** OTA_ReadRQ: ReadRequests/HotelReadRequest@HotelCode and the optional SelectionCriteria@Start. */
export function readReadRQ(node: XmlNode): Read<ReadRequest> {
  const request = child(child(node, 'ReadRequests'), 'HotelReadRequest');
  if (request === undefined) return missing('OTA_ReadRQ has no ReadRequests/HotelReadRequest.');
  const hotelCode = attr(request, 'HotelCode')?.trim() || null;
  const start = attr(child(request, 'SelectionCriteria'), 'Start')?.trim();
  if (start === undefined) return { ok: true, value: { hotelCode, since: null } };
  // def_datetime; a bare date is read as its midnight UTC rather than refused.
  const at = Date.parse(dateOf(start) === start ? `${start}T00:00:00Z` : start);
  if (Number.isNaN(at)) {
    return {
      ok: false,
      issue: {
        type: AB_ERROR_TYPE.applicationError,
        code: AB_CODE.invalidValue,
        text: `SelectionCriteria Start "${start}" is not a date-time.`,
      },
    };
  }
  return { ok: true, value: { hotelCode, since: new Date(at) } };
}

/**
 * OTA_NotifReportRQ: the UniqueIDs under NotifDetails/HotelNotifReport/HotelReservations (none is a
 * valid report: nothing to acknowledge). The client's own Warnings (requests it refused) are not ours
 * to act on: those reservations stay unacknowledged and come again.
 */
export function readNotifReportRQ(node: XmlNode): Read<Acknowledged[]> {
  const reservations = list(
    child(child(child(node, 'NotifDetails'), 'HotelNotifReport'), 'HotelReservations')?.HotelReservation,
  );
  const acknowledged: Acknowledged[] = [];
  for (const reservation of reservations) {
    const uniqueId = child(reservation, 'UniqueID');
    const id = attr(uniqueId, 'ID')?.trim();
    const type = attr(uniqueId, 'Type')?.trim();
    if (!id || (type !== '14' && type !== '15')) {
      return missing('Every acknowledged HotelReservation needs a UniqueID with Type 14 or 15 and an ID.');
    }
    acknowledged.push({ id, cancellation: type === '15' });
  }
  return { ok: true, value: acknowledged };
}

/** `Warning` of OTA_NotifReportRS (Type and RecordID; it has no Code) or of OTA_HotelResNotifRS (Code required). */
export function abWarning(recordId: string, text: string, code?: string): XmlNode {
  return {
    '@Type': AB_ERROR_TYPE.advisory,
    ...(code !== undefined ? { '@Code': code } : {}),
    '@RecordID': [...recordId].slice(0, 64).join(''),
    '#text': text,
  };
}

/** The request's XML root, or the plain-text refusal of a request that is not that message. */
export function requestRoot(
  request: string | null,
  root: string,
): { ok: true; node: XmlNode } | { ok: false; text: string } {
  if (request === null || request.trim() === '') return { ok: false, text: 'the request parameter is missing' };
  const parsed = expectRoot(parseXml(request), [root]);
  return parsed.ok ? { ok: true, node: parsed.node } : { ok: false, text: parsed.refusal.message };
}
