import { z } from '@hono/zod-openapi';
import { PaginationQuery } from '../../../lib/schemas';
import { RESERVATION_STATUSES } from '../../reservations/reservations.table';
import { CHANNEL_RESERVATION_STATUSES } from '../channels.table';

export const ChannelIdParam = z.object({ id: z.string().min(1).max(64) });
export const ChannelReservationParams = ChannelIdParam.extend({
  channel_reservation_id: z.string().min(1).max(128).openapi({ description: 'The channel’s own reservation id' }),
});

export const ListChannelReservationsQuery = PaginationQuery.extend({
  status: z.enum(CHANNEL_RESERVATION_STATUSES).optional(),
});

export const ChannelReservationSchema = z
  .object({
    id: z.string(),
    channel_id: z.string(),
    channel_reservation_id: z.string(),
    status: z.enum(CHANNEL_RESERVATION_STATUSES).openapi({
      description:
        '`imported`: on our books (or cancelled by the channel); `pending`: waiting for accept or reject; ' +
        '`rejected`; `needs_mapping`: a room or rate code without a mapping (re-import after mapping it); ' +
        '`failed`: could not be applied (see `problem`)',
    }),
    last_kind: z.enum(['new', 'modify', 'cancel']),
    reservation_id: z.string().nullable(),
    confirmation_number: z.string().nullable(),
    reservation_status: z.enum(RESERVATION_STATUSES).nullable(),
    overbooked: z.boolean().openapi({ description: 'Sold by the channel beyond our inventory when last applied' }),
    problem: z.string().nullable(),
    card: z
      .object({ brand: z.string().nullable(), last4: z.string().nullable(), expiry: z.string().nullable() })
      .nullable()
      .openapi({ description: 'Never the number or the CVV' }),
    channel_collect: z.boolean(),
    acknowledged_at: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
    data: z.record(z.string(), z.unknown()).openapi({ description: 'The reservation as the channel sent it, parsed' }),
  })
  .openapi('ChannelReservation');

export const ReimportSchema = z
  .object({
    channel_reservation: ChannelReservationSchema,
    outcome: z.object({
      status: z.enum(CHANNEL_RESERVATION_STATUSES),
      confirmation_number: z.string().nullable(),
      error: z.object({ code: z.string(), text: z.string() }).nullable(),
    }),
  })
  .openapi('ChannelReimport');
