import type { OtaState, PartnerAccount, PartnerReservation } from './state.ts';
import { all, attr, type Node, type OtaIssue, one, textOf } from './xml.ts';

/**
 * Acknowledgements from the hotel. ota_xml: OTA_NotifReportRQ (NotifDetails/HotelNotifReport/
 * HotelReservations) — with or without Errors, the listed reservations were delivered (Errors say the
 * hotel refused them). booking_com: OTA_HotelResNotifRS / OTA_HotelResModifyNotifRS — Booking.com
 * removes a reservation from its queue only on a successful acknowledgement; one with Errors leaves it
 * queued, so it is served again. Each acknowledgement covers the version the last pull served.
 */

export type AckResult = { acknowledged: string[]; unknown: string[] };

/** The partner's reservation a HotelReservation element names, and the hotel's confirmation number in it. */
function identify(
  state: OtaState,
  item: Node,
): { reservation?: PartnerReservation; confirmation: string | null; named: string } {
  const ids = all(one(item, 'ResGlobalInfo', 'HotelReservationIDs'), 'HotelReservationID');
  const candidates = [attr(one(item, 'UniqueID'), 'ID'), ...ids.map((i) => attr(i, 'ResID_Value'))].filter(
    (v): v is string => !!v,
  );
  const reservation = candidates.map((id) => state.reservations.get(id)).find((r) => r !== undefined);
  const confirmation =
    ids.map((i) => (attr(i, 'ResID_Type') === '10' ? attr(i, 'ResID_Value') : undefined)).find((v) => !!v) ?? null;
  return { ...(reservation ? { reservation } : {}), confirmation, named: candidates[0] ?? '(no id)' };
}

function errorsOf(root: Node): OtaIssue[] | null {
  if (root.Errors === undefined) return null;
  return all(one(root, 'Errors'), 'Error').map((e) => ({
    type: attr(e, 'Type') ?? '',
    code: attr(e, 'Code') ?? '',
    text: (textOf(e) ?? attr(e, 'ShortText') ?? '').trim(),
  }));
}

export function recordAcknowledgement(
  state: OtaState,
  reservation: PartnerReservation,
  outcome: {
    message: string;
    version: number;
    accepted: boolean;
    confirmation: string | null;
    errors: OtaIssue[];
    delivered: boolean;
  },
): void {
  reservation.acknowledgements.push({
    at: state.now().toISOString(),
    version: outcome.version,
    message: outcome.message,
    accepted: outcome.accepted,
    confirmationNumber: outcome.confirmation,
    errors: outcome.errors,
  });
  if (outcome.confirmation) reservation.confirmationNumber = outcome.confirmation;
  if (outcome.delivered) reservation.deliveredVersion = Math.max(reservation.deliveredVersion, outcome.version);
}

export function acknowledge(
  state: OtaState,
  account: PartnerAccount,
  message: string,
  root: Node,
  items: readonly Node[],
  /** booking_com: an acknowledgement with Errors leaves the reservations queued. */
  errorsKeepQueued: boolean,
): AckResult {
  const errors = errorsOf(root);
  const result: AckResult = { acknowledged: [], unknown: [] };
  for (const item of items) {
    const { reservation, confirmation, named } = identify(state, item);
    if (!reservation || (account.hotelCodes && !account.hotelCodes.includes(reservation.hotelCode))) {
      result.unknown.push(named);
      continue;
    }
    const delivered = !(errors && errorsKeepQueued);
    recordAcknowledgement(state, reservation, {
      message,
      version: reservation.servedVersion || reservation.version,
      accepted: !errors,
      confirmation,
      errors: errors ?? [],
      delivered,
    });
    if (delivered) result.acknowledged.push(reservation.id);
  }
  return result;
}

/** The HotelReservation elements an acknowledgement lists. */
export function acknowledgedItems(message: string, root: Node): Node[] {
  if (message === 'OTA_NotifReportRQ') {
    return all(one(root, 'NotifDetails', 'HotelNotifReport', 'HotelReservations'), 'HotelReservation');
  }
  if (message === 'OTA_HotelResModifyNotifRS') return all(one(root, 'HotelResModifies'), 'HotelResModify');
  return all(one(root, 'HotelReservations'), 'HotelReservation');
}
