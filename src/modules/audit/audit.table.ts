import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Who acted: a credential (admin, API key, token, OAuth grant), a partner (channel, Square), or us. */
export const AUDIT_ACTOR_TYPES = [
  'admin',
  'api_key',
  'token',
  'oauth',
  'channel',
  'webhook',
  'square',
  'system',
] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];

/** `success`: the change was committed; `refused`: a 4xx, nothing written; `failed`: a 5xx or partner error. */
export const AUDIT_OUTCOMES = ['success', 'refused', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * The audit trail: one row per state change (written in the change's own D1 batch, src/modules/audit/audit.ts)
 * and per refused or failed state-changing call. `changes` is a field-level diff, PII and secrets redacted.
 */
export const auditLogs = sqliteTable(
  'audit_logs',
  {
    id: text('id').primaryKey(),
    hotelId: text('hotel_id'),
    actorType: text('actor_type', { enum: AUDIT_ACTOR_TYPES }).notNull(),
    actorId: text('actor_id').notNull(),
    /** `<entity>.<verb>` (e.g. `reservation.created`, `api_key.updated`), or `<METHOD> <route>` for a refused call. */
    action: text('action').notNull(),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    requestId: text('request_id'),
    ip: text('ip'),
    outcome: text('outcome', { enum: AUDIT_OUTCOMES }).notNull(),
    /** The HTTP status of the call, when the change came from one. */
    status: integer('status'),
    changes: text('changes', { mode: 'json' }).$type<AuditChanges | null>(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    index('audit_logs_hotel_created').on(t.hotelId, t.createdAt),
    index('audit_logs_entity').on(t.entityType, t.entityId, t.createdAt),
    index('audit_logs_actor').on(t.actorId, t.createdAt),
    index('audit_logs_created').on(t.createdAt),
  ],
);

/** Field → its value before and after (`null` where it did not exist); redacted values read `"[redacted]"`. */
export type AuditChanges = Record<string, { from: unknown; to: unknown }>;

export type AuditLogRow = typeof auditLogs.$inferSelect;
