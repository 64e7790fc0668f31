import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { EVENT_TYPES } from './events.schema';

/**
 * Transactional outbox: every domain change writes its event in the same D1 batch (commitChange).
 * The relay claims unpublished rows for a lease (the sweep 60 s, a request's relay 10 min), hands one
 * job per (event, subscriber) to the queue, then sets `published_at` (a request's relay leaves that to
 * the row's first job to run); published rows are purged after 30 days.
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
    /** A relay holds the row until then; after it, another relay may take it (its hand-off failed). */
    claimedUntil: integer('claimed_until', { mode: 'timestamp_ms' }),
    /**
     * Commit order: taken from `outbox_sequence` inside the writing batch, so a row committed later always
     * has a larger `seq` (D1 runs one batch at a time), which ids — made before the batch — cannot promise.
     */
    seq: integer('seq'),
  },
  (t) => [
    index('outbox_seq').on(t.seq),
    index('outbox_unpublished').on(t.publishedAt, t.id),
    index('outbox_hotel').on(t.hotelId, t.id),
    index('outbox_created').on(t.createdAt),
    /** A subject's events in commit order (the ARI push reads a modified reservation's previous stay). */
    index('outbox_subject').on(t.subjectId, t.seq),
  ],
);

export type OutboxEventRow = typeof outboxEvents.$inferSelect;

/** The one counter `seq` is drawn from (a single row, id 1). */
export const outboxSequence = sqliteTable('outbox_sequence', {
  id: integer('id').primaryKey(),
  value: integer('value').notNull(),
});

/** One row per event a subscriber has handled: a second hand-off of the same pair does nothing. */
export const eventDeliveries = sqliteTable(
  'event_deliveries',
  {
    eventId: text('event_id').notNull(),
    subscriber: text('subscriber').notNull(),
    deliveredAt: integer('delivered_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.subscriber] }), index('event_deliveries_time').on(t.deliveredAt)],
);
