import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Idempotency records live in D1, not KV: claiming a key must be atomic (INSERT on the primary key),
 * which KV's last-write-wins cannot give.
 */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    principalId: text('principal_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    state: text('state', { enum: ['in_flight', 'completed'] }).notNull(),
    responseStatus: integer('response_status'),
    responseBody: text('response_body'),
    responseHeaders: text('response_headers', { mode: 'json' }).$type<Record<string, string>>(),
    lockedUntil: integer('locked_until', { mode: 'timestamp_ms' }).notNull(),
    /**
     * What the request created, written in the same D1 batch as the creation itself: if the worker
     * fails after that commit, a retry answers with this resource instead of creating another.
     */
    resourceId: text('resource_id'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.principalId, t.key] }), index('idempotency_expires').on(t.expiresAt)],
);

/**
 * Never holds a row: a creating batch inserts one only when its idempotency claim was taken over, and
 * the CHECK then fails the whole batch (`fenceClaim`, part of `completeInBatch`). SQLite has no other way for a statement to
 * abort its transaction on a condition.
 */
export const claimFences = sqliteTable('claim_fences', { lost: integer('lost').notNull() }, (t) => [
  check('idempotency_claim_lost', sql`${t.lost} = 0`),
]);
