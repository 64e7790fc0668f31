import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const EVENT_TYPES = [
  'ari.updated',
  'reservation.created',
  'reservation.modified',
  'reservation.cancelled',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * Transactional outbox: every domain change writes its event in the same D1 batch, and consumers
 * (webhooks, OTA pushes) read from here. `published_at` is set once a relay has handed it on.
 */
export const outboxEvents = sqliteTable(
  'outbox_events',
  {
    id: text('id').primaryKey(),
    hotelId: text('hotel_id').notNull(),
    type: text('type', { enum: EVENT_TYPES }).notNull(),
    subjectId: text('subject_id').notNull(),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('outbox_unpublished').on(t.publishedAt, t.id), index('outbox_hotel').on(t.hotelId, t.id)],
);

export type OutboxEventRow = typeof outboxEvents.$inferSelect;
