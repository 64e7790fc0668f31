import { env } from 'cloudflare:workers';

/** One audit_logs row as stored, `changes` parsed. */
export type StoredAuditRow = {
  id: string;
  hotel_id: string | null;
  actor_type: string;
  actor_id: string;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  request_id: string | null;
  ip: string | null;
  outcome: string;
  status: number | null;
  changes: Record<string, { from: unknown; to: unknown }> | null;
  created_at: number;
};

/** The audit rows of one entity (read straight from D1), oldest first; `action` narrows them. */
export async function auditRowsOf(entityId: string, action?: string): Promise<StoredAuditRow[]> {
  const { results } = await env.DB.prepare(
    `SELECT * FROM audit_logs WHERE entity_id = ? AND (?2 IS NULL OR action = ?2) ORDER BY created_at, rowid`,
  )
    .bind(entityId, action ?? null)
    .all<Omit<StoredAuditRow, 'changes'> & { changes: string | null }>();
  return results.map((r) => ({ ...r, changes: r.changes === null ? null : JSON.parse(r.changes) }));
}

/** The audit rows with this action (any entity), oldest first. */
export async function auditRowsWithAction(action: string): Promise<StoredAuditRow[]> {
  const { results } = await env.DB.prepare('SELECT * FROM audit_logs WHERE action = ? ORDER BY created_at, rowid')
    .bind(action)
    .all<Omit<StoredAuditRow, 'changes'> & { changes: string | null }>();
  return results.map((r) => ({ ...r, changes: r.changes === null ? null : JSON.parse(r.changes) }));
}
