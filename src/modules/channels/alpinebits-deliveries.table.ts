import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { channels } from './channels.table';

/** The AlpineBits ResStatus a reservation went out with (Type 14 for the first two, 15 for Cancelled). */
export const DELIVERED_STATUSES = ['Reserved', 'Modify', 'Cancelled'] as const;
export type DeliveredStatus = (typeof DELIVERED_STATUSES)[number];

/**
 * What an `alpinebits` channel's client was sent of one of our reservations (OTA_Read:GuestRequests)
 * and what it acknowledged (OTA_NotifReport:GuestRequests). `delivered_*` is the last Read's copy;
 * an acknowledgement copies it to `acked_*` in one statement. A reservation goes out again while its
 * current content (`digest`, see guest-requests.content.ts) differs from the acknowledged one: a change
 * between a Read and its acknowledgement is therefore never lost. `acked_version` is the reservation
 * version whose content matched last, so unchanged ones are not rendered again on every Read.
 */
export const alpinebitsDeliveries = sqliteTable(
  'alpinebits_deliveries',
  {
    channelId: text('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    reservationId: text('reservation_id').notNull(),
    deliveredVersion: integer('delivered_version').notNull(),
    deliveredDigest: text('delivered_digest').notNull(),
    deliveredStatus: text('delivered_status', { enum: DELIVERED_STATUSES }).notNull(),
    deliveredAt: integer('delivered_at', { mode: 'timestamp_ms' }).notNull(),
    ackedVersion: integer('acked_version'),
    ackedDigest: text('acked_digest'),
    ackedStatus: text('acked_status', { enum: DELIVERED_STATUSES }),
    ackedAt: integer('acked_at', { mode: 'timestamp_ms' }),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.reservationId] })],
);

export type AlpineBitsDeliveryRow = typeof alpinebitsDeliveries.$inferSelect;
