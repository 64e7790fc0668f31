import { and, desc, eq, gte, lt, or, type SQL } from 'drizzle-orm';
import { inList } from '../../db';
import type { Deps } from '../../deps';
import { AppError } from '../../errors';
import { toPage } from '../../lib/pagination';
import { type AuditLogJson, type ListAuditLogsQuery, parseEntity } from './audit.schema';
import { type AuditLogRow, auditLogs } from './audit.table';

export type AuditLogFilter = Omit<ListAuditLogsQuery, 'hotel_id' | 'cursor'> & {
  /** The hotels whose rows may be read; null: every row, those of no hotel included. */
  hotelIds: readonly string[] | null;
  /** The last row of the previous page (a decoded cursor). */
  after?: string;
};

/** Newest first; a page continues strictly below the previous page's last row (time, then id). */
export async function listAuditLogs(
  deps: Pick<Deps, 'db'>,
  filter: AuditLogFilter,
): Promise<{ data: AuditLogJson[]; next_cursor: string | null }> {
  const where: SQL[] = [];
  if (filter.hotelIds) where.push(inList(auditLogs.hotelId, filter.hotelIds));
  if (filter.entity) {
    const entity = parseEntity(filter.entity);
    where.push(eq(auditLogs.entityType, entity.type));
    if (entity.id !== undefined) where.push(eq(auditLogs.entityId, entity.id));
  }
  if (filter.actor) where.push(eq(auditLogs.actorId, filter.actor));
  if (filter.action) where.push(eq(auditLogs.action, filter.action));
  if (filter.outcome) where.push(eq(auditLogs.outcome, filter.outcome));
  const from = filter.from ? new Date(filter.from) : undefined;
  const to = filter.to ? new Date(filter.to) : undefined;
  if (from && to && from > to) {
    throw new AppError('validation_failed', '`from` is after `to`.', {
      errors: [{ path: 'query.from', message: 'must not be after `to`' }],
    });
  }
  if (from) where.push(gte(auditLogs.createdAt, from));
  if (to) where.push(lt(auditLogs.createdAt, to));
  if (filter.after) where.push(await below(deps, filter.after));
  const rows = await deps.db
    .select()
    .from(auditLogs)
    .where(and(...where))
    .orderBy(desc(auditLogs.createdAt), desc(auditLogs.id))
    .limit(filter.limit + 1);
  return toPage(rows, filter.limit, auditLogJson);
}

/** Rows after the cursor's row in newest-first order. */
async function below(deps: Pick<Deps, 'db'>, afterId: string): Promise<SQL> {
  const row = await deps.db
    .select({ createdAt: auditLogs.createdAt })
    .from(auditLogs)
    .where(eq(auditLogs.id, afterId))
    .get();
  if (!row) {
    throw new AppError('validation_failed', 'The cursor’s row is no longer in the audit log (purged); start again.', {
      errors: [{ path: 'query.cursor', message: 'unknown or purged row' }],
    });
  }
  return or(
    lt(auditLogs.createdAt, row.createdAt),
    and(eq(auditLogs.createdAt, row.createdAt), lt(auditLogs.id, afterId)),
  ) as SQL;
}

export function auditLogJson(row: AuditLogRow): AuditLogJson {
  return {
    id: row.id,
    hotel_id: row.hotelId,
    actor: { type: row.actorType, id: row.actorId },
    action: row.action,
    entity: { type: row.entityType, id: row.entityId },
    request_id: row.requestId,
    ip: row.ip,
    outcome: row.outcome,
    status: row.status,
    changes: row.changes ?? null,
    created_at: row.createdAt.toISOString(),
  };
}

/**
 * Deletes up to `batch` rows created before `cutoff` (oldest first), so no single D1 write runs long;
 * returns how many went. The purge job repeats it while rounds come back full.
 */
export async function purgeAuditLogs(deps: Pick<Deps, 'd1'>, cutoff: number, batch: number): Promise<number> {
  const result = await deps.d1
    .prepare(
      `DELETE FROM audit_logs WHERE id IN (
         SELECT id FROM audit_logs WHERE created_at < ? ORDER BY created_at LIMIT ?)`,
    )
    .bind(cutoff, batch)
    .run();
  return result.meta.changes ?? 0;
}
