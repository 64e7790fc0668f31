import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { vi } from 'vitest';
import worker from '../../src/index';
import { type CallOptions, requestOf } from './http';

/** An audit_logs row as stored (snake_case columns, `changes` as JSON text). */
export type AuditRow = {
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
  changes: string | null;
  created_at: number;
};

/** The audit rows of one request, straight from D1, oldest first. */
export async function auditRowsOf(requestId: string): Promise<AuditRow[]> {
  const { results } = await env.DB.prepare('SELECT * FROM audit_logs WHERE request_id = ? ORDER BY created_at, id')
    .bind(requestId)
    .all<AuditRow>();
  return results;
}

/**
 * The request's audit rows once at least `count` exist: the call rows of the request middleware are
 * written after the answer (waitUntil), so a test polls for them.
 */
export async function awaitAuditRows(requestId: string, count = 1): Promise<AuditRow[]> {
  return vi.waitFor(
    async () => {
      const rows = await auditRowsOf(requestId);
      if (rows.length < count) throw new Error(`${rows.length} audit rows for ${requestId}, want ${count}`);
      return rows;
    },
    { timeout: 5000, interval: 20 },
  );
}

/** A request id of our own, sent as X-Request-Id, to find the request's rows by. */
export function newRequestId(): string {
  return `test-${crypto.randomUUID()}`;
}

/**
 * Like http.ts `call`, but returns only once everything the request deferred (waitUntil: the audit
 * middleware's row, a relay) has finished, so a test may also assert that a row was NOT written.
 */
export async function settledCall(method: string, path: string, options: CallOptions = {}): Promise<Response> {
  const request = requestOf(method, path, options);
  const ctx = createExecutionContext();
  const res = await worker.fetch(request as Request<unknown, IncomingRequestCfProperties>, env, ctx);
  const text = await res.text();
  await waitOnExecutionContext(ctx);
  return new Response(text === '' ? null : text, { status: res.status, headers: res.headers });
}

/** One audit_logs row as stored, `changes` parsed. */
export type StoredAuditRow = Omit<AuditRow, 'changes'> & {
  changes: Record<string, { from: unknown; to: unknown }> | null;
};

/** The audit rows of one entity (read straight from D1), oldest first; `action` narrows them. */
export async function auditRowsOfEntity(entityId: string, action?: string): Promise<StoredAuditRow[]> {
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
