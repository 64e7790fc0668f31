import { eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db';
import type { Deps } from '../../deps';
import { notFound } from '../../errors';
import { PermanentJobError } from '../../lib/job';
import { getHotelOrThrow } from '../catalog/catalog.service';
import { type HotelRow, hotels } from '../catalog/catalog.table';
import type { EventEnvelope } from '../events/events.schema';
import type { Subscriber } from '../events/subscribers';
import { PAYMENT_EVENT_DATA } from '../payments/payments.schema';
import { loadReservation, toReservationJson } from '../reservations/reservations.repo';
import { type ReservationJson, ReservationSchema } from '../reservations/reservations.schema';
import { domainOf } from './address';
import { reservationMail } from './automations.rules';
import type { EmailSettingsRow } from './emails.table';
import { emailOutbox, type TemplateKey } from './emails.table';
import { queueEmail } from './outbox.service';
import { type EmailSettings, getSettings, settingsOf, settingsQuery } from './settings.service';
import { paymentVariables, stayVariables } from './variables';

type AutomationDeps = Pick<Deps, 'db' | 'd1' | 'jobs' | 'now' | 'pacer' | 'config'>;

/** The confirmation is once per reservation; this key finds it. */
const CONFIRMATION = 'reservation_confirmation:';
export const confirmationKey = (reservationId: string) => `${CONFIRMATION}${reservationId}`;

/**
 * Records (and queues) one automated email for a stay, or records it `suppressed` when the hotel
 * switched that automation off. `dedupeKey` makes a second call for the same email a no-op.
 */
export async function queueStayEmail(
  deps: AutomationDeps,
  input: {
    hotel: HotelRow;
    stay: ReservationJson;
    key: TemplateKey;
    dedupeKey: string;
    eventId: string | null;
    extra?: Record<string, string>;
    /** The hotel's email settings when the caller already read them. */
    settings?: EmailSettings;
  },
) {
  const settings = input.settings ?? (await getSettings(deps.db, input.hotel.id));
  // A channel reservation without the guest's email is filed under a reserved `.invalid` placeholder
  // (docs/channel-import.md): recorded, never sent.
  const suppressed = settings.disabled.includes(input.key)
    ? 'automation switched off'
    : domainOf(input.stay.guest.email).endsWith('.invalid')
      ? 'no guest address (a channel reservation without one)'
      : null;
  return queueEmail(deps, {
    hotelId: input.hotel.id,
    dedupeKey: input.dedupeKey,
    templateKey: input.key,
    language: settings.language,
    category: 'transactional',
    reservationId: input.stay.id,
    eventId: input.eventId,
    to: { address: input.stay.guest.email, name: `${input.stay.guest.first_name} ${input.stay.guest.last_name}` },
    variables: { ...stayVariables(input.stay, input.hotel), ...input.extra },
    ...(suppressed ? { status: 'suppressed' as const, reason: suppressed } : {}),
  });
}

/**
 * What a reservation event's email needs to know: whether the confirmation exists, the hotel and its
 * settings; `event` names the stay and the hotel (values, or SQL reaching the event's row).
 */
function stayReads(db: Db, event: { stayId: string | SQL; hotelId: string | SQL }) {
  const dedupeKey =
    typeof event.stayId === 'string' ? confirmationKey(event.stayId) : sql`${CONFIRMATION} || ${event.stayId}`;
  return [
    db.select({ id: emailOutbox.id }).from(emailOutbox).where(eq(emailOutbox.dedupeKey, dedupeKey)),
    db.select().from(hotels).where(eq(hotels.id, event.hotelId)),
    settingsQuery(db, event.hotelId),
  ] as const;
}

type StayReads = [{ id: string }[], HotelRow[], EmailSettingsRow[]];

/** `stayReads` in event.deliver's batch of reads: the stay and hotel from the event's row. */
function prefetchStayReads(db: Db, eventId: string) {
  const ofEvent = (expr: string) => sql`(SELECT ${sql.raw(expr)} FROM outbox_events WHERE id = ${eventId})`;
  return [...stayReads(db, { stayId: ofEvent("json_extract(data, '$.id')"), hotelId: ofEvent('hotel_id') })];
}

async function onReservationEvent(
  deps: AutomationDeps,
  event: EventEnvelope,
  prefetched: readonly unknown[] | undefined,
): Promise<void> {
  const parsed = ReservationSchema.safeParse(event.data);
  if (!parsed.success) throw new PermanentJobError(`event ${event.id} does not carry a reservation`);
  const stay = parsed.data;
  // Whether the confirmation exists, the hotel and its settings: read with the delivery's own reads
  // (every booking's email), or in one round trip of their own.
  const [confirmation, [hotel], [settings]] =
    prefetched?.length === 3
      ? (prefetched as StayReads)
      : await deps.db.batch(stayReads(deps.db, { stayId: stay.id, hotelId: event.hotel_id }));
  const mail = reservationMail(event.type, stay, confirmation.length > 0);
  if (!mail) return;
  if (!hotel) throw notFound('Hotel', event.hotel_id);
  const dedupeKey = mail.dedupe === 'reservation' ? confirmationKey(stay.id) : `${event.id}:${mail.key}`;
  await queueStayEmail(deps, {
    hotel,
    stay,
    key: mail.key,
    dedupeKey,
    eventId: event.id,
    settings: settingsOf(settings),
  });
}

/** Receipts: the payment (and refund) from the event, the stay as it is now. */
async function onPaymentEvent(deps: AutomationDeps, event: EventEnvelope): Promise<void> {
  const refunded = event.type === 'payment.refunded';
  const parsed = PAYMENT_EVENT_DATA['payment.refunded'].partial({ refund: true }).safeParse(event.data);
  if (!parsed.success || (refunded && !parsed.data.refund)) {
    throw new PermanentJobError(`event ${event.id} does not carry a payment`);
  }
  const { refund, ...payment } = parsed.data;
  const loaded = await loadReservation(deps.d1, payment.reservation_id);
  if (!loaded) throw new PermanentJobError(`payment ${payment.id} names no reservation we have`);
  const hotel = await getHotelOrThrow(deps.db, event.hotel_id);
  const key: TemplateKey = refunded ? 'refund_receipt' : 'payment_receipt';
  await queueStayEmail(deps, {
    hotel,
    stay: toReservationJson(loaded, 'hotel'),
    key,
    dedupeKey: `${event.id}:${key}`,
    eventId: event.id,
    extra: paymentVariables(payment, refunded ? refund : undefined),
  });
}

/**
 * Turns reservation and payment events into queued guest emails. The relay may hand an event over more
 * than once; each email's dedupe key (`<event id>:<template>`, the confirmation's per reservation)
 * makes it one email.
 */
export const emailSubscriber: Subscriber = {
  name: 'emails',
  events: [
    'reservation.created',
    'reservation.modified',
    'reservation.cancelled',
    'payment.completed',
    'payment.refunded',
  ],
  prefetch: prefetchStayReads,
  handle: (event, deps, prefetched) =>
    event.type.startsWith('payment.') ? onPaymentEvent(deps, event) : onReservationEvent(deps, event, prefetched),
};
