import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const DEAD_LETTER_REASONS = [
  'permanent',
  'exhausted',
  'unparseable',
  'unknown_type',
  'dead_letter_queue',
] as const;

/**
 * Jobs that will not be retried any more, kept for operators to see and replay (issue: operations API).
 * `error` is the last error's redacted message; `payload` the job as it was queued.
 */
export const deadLetters = sqliteTable(
  'dead_letters',
  {
    id: text('id').primaryKey(),
    queue: text('queue').notNull(),
    messageId: text('message_id').notNull(),
    jobType: text('job_type'),
    /** The hotel the job was for, when its payload names one (`hotel_id` / `hotelId`). */
    hotelId: text('hotel_id'),
    payload: text('payload').notNull(),
    reason: text('reason', { enum: DEAD_LETTER_REASONS }).notNull(),
    error: text('error'),
    attempts: integer('attempts').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    replayedAt: integer('replayed_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    index('dead_letters_created').on(t.createdAt),
    index('dead_letters_message').on(t.queue, t.messageId),
    index('dead_letters_hotel').on(t.hotelId, t.createdAt),
  ],
);

export type DeadLetterRow = typeof deadLetters.$inferSelect;
