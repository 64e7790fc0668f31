import { z } from '@hono/zod-openapi';
import { ReservationSchema } from '../reservations/reservations.schema';

/**
 * The channels module's events (the catalogue in events.schema.ts spreads them in). A channel
 * reservation's event carries what was applied and, when it maps onto a reservation of ours, that
 * reservation as the API returns it.
 */
export const CHANNEL_EVENT_DATA = {
  /** A channel's new, modified or cancelled reservation was applied (or kept for review or mapping). */
  'ota.reservation.imported': z.object({
    channel_id: z.string(),
    provider: z.string(),
    channel_reservation_id: z.string(),
    kind: z.enum(['new', 'modify', 'cancel']),
    status: z.enum(['imported', 'pending', 'rejected', 'needs_mapping', 'failed']),
    overbooked: z.boolean(),
    problem: z.string().nullable(),
    reservation: ReservationSchema.nullable(),
  }),
  /** A channel sold nights we no longer had: stored anyway, and a stop-sell went to every channel. */
  'reservation.overbooked': z.object({
    channel_id: z.string(),
    channel_reservation_id: z.string(),
    reservation: ReservationSchema,
    nights: z.array(z.object({ room_type_id: z.string(), date: z.string(), over_by: z.number().int() })),
  }),
  /** A message to a channel was given up after its retries (it is in dead letters and the message log). */
  'channel.sync_failed': z.object({
    channel_id: z.string(),
    provider: z.string(),
    message_type: z.string(),
    error: z.string(),
    attempts: z.number().int(),
  }),
} as const;
