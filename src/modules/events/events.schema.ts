import { z } from '@hono/zod-openapi';
import { CHANNEL_EVENT_DATA } from '../channels/channel-events';
import { PAYMENT_EVENT_DATA } from '../payments/payments.schema';
import { ReservationSchema } from '../reservations/reservations.schema';

/**
 * The event catalogue: each type's `data` contract. A module adds its events here (one line each);
 * commitChange() checks `data` against it before anything is written, so a subscriber can rely on it.
 * Reservation events carry the reservation as the API returns it after the change (CONTRACT: Events).
 */
export const EVENT_DATA = {
  /** What changed, not the request (which can be 1 MB): per room type and rate plan, the span and fields. */
  'ari.updated': z.object({
    hotel_id: z.string(),
    room_nights: z.number().int(),
    changes: z.array(
      z.object({
        room_type_id: z.string(),
        rate_plan_id: z.string().nullable(),
        from: z.string(),
        to: z.string(),
        fields: z.array(z.string()),
      }),
    ),
  }),
  'reservation.created': ReservationSchema,
  'reservation.modified': ReservationSchema,
  'reservation.cancelled': ReservationSchema,
  ...PAYMENT_EVENT_DATA,
  ...CHANNEL_EVENT_DATA,
  /** Every delivery to the endpoint failed for 5 days; it was switched off (hotel_id `*`: an all-hotel endpoint). */
  /** One per hotel the endpoint served: no URL (its path may hold a token) and no other hotel's id. */
  'webhook_endpoint.disabled': z.object({
    id: z.string(),
    reason: z.literal('failing'),
    failing_since: z.string(),
    disabled_at: z.string(),
  }),
} as const;

export type EventType = keyof typeof EVENT_DATA;
export const EVENT_TYPES = Object.keys(EVENT_DATA) as [EventType, ...EventType[]];
export type EventData<T extends EventType> = z.infer<(typeof EVENT_DATA)[T]>;

/** A domain event before it is committed. */
export type DomainEvent = {
  [T in EventType]: { type: T; hotelId: string; subjectId: string; data: EventData<T> };
}[EventType];

/** The envelope subscribers, the events API and webhooks see (CONTRACT: Events). */
export const EventEnvelopeSchema = z
  .object({
    id: z.string(),
    type: z.enum(EVENT_TYPES),
    created_at: z.string().openapi({ description: 'RFC 3339 UTC' }),
    hotel_id: z.string(),
    data: z
      .record(z.string(), z.unknown())
      .openapi({ description: "The event type's resource, as the API returns it" }),
  })
  .openapi('Event');
export type EventEnvelope = z.infer<typeof EventEnvelopeSchema>;
