import type { ReservationJson } from '../reservations/reservations.schema';
import type { TemplateKey } from './emails.table';

/** What a reservation event means for the guest's mailbox (pure; automations.ts applies it). */
export type ReservationMail = { key: TemplateKey; dedupe: 'reservation' | 'event' } | null;

type EventView = Pick<ReservationJson, 'status' | 'source'>;

/**
 * Only reservations booked with us: an OTA's guest is the channel's to contact (the channel setting
 * that allows it does not exist yet). Status changes arrive as `reservation.modified` too (confirm,
 * check-in, check-out, no-show), and an expired hold as `reservation.cancelled`, so the status after
 * the change decides:
 * - created `confirmed` → the confirmation; created `pending` (a hold) → nothing yet;
 * - modified `confirmed` → the confirmation if the guest has none yet (a hold was confirmed), else the
 *   modification notice; modified into any other status → nothing;
 * - cancelled `cancelled` → the cancellation notice, if the guest was sent a confirmation; `expired` → nothing.
 * The confirmation is once per reservation (`dedupe: 'reservation'`), the others once per event.
 */
export function reservationMail(type: string, stay: EventView, confirmed: boolean): ReservationMail {
  if (stay.source !== 'direct') return null;
  switch (type) {
    case 'reservation.created':
      return stay.status === 'confirmed' ? { key: 'reservation_confirmation', dedupe: 'reservation' } : null;
    case 'reservation.modified':
      if (stay.status !== 'confirmed') return null;
      return confirmed
        ? { key: 'reservation_modified', dedupe: 'event' }
        : { key: 'reservation_confirmation', dedupe: 'reservation' };
    case 'reservation.cancelled':
      return stay.status === 'cancelled' && confirmed ? { key: 'reservation_cancelled', dedupe: 'event' } : null;
    default:
      return null;
  }
}

/** Pre-arrival: confirmed stays arriving within the next `days` days (a missed run catches up). */
export function preArrivalWindow(today: string, days: number, addDays: (d: string, n: number) => string) {
  return { from: addDays(today, 1), to: addDays(today, days) };
}

/** Post-stay: stays that ended in the last 3 days (the day after check-out, or a later run's catch-up). */
export function postStayWindow(today: string, addDays: (d: string, n: number) => string) {
  return { from: addDays(today, -3), to: addDays(today, -1) };
}
