import type { Principal } from '../../env';
import { newId } from '../../lib/ids';
import type { AuditActorType, AuditChanges, AuditOutcome } from './audit.table';

/**
 * Who a change is recorded against, from where and in which request. Built once per request from the
 * principal (actorOfPrincipal) or per job (a partner's or `system`), and carried on Deps.
 */
export type AuditActor = {
  type: AuditActorType;
  id: string;
  ip: string | null;
  requestId: string | null;
  /** The request's own mark (set by the audit middleware); actors copied from it share it. */
  mark?: AuditMark | undefined;
};

/** Whether a request wrote an audit row in a change's batch (markAudited); one object per request. */
export type AuditMark = { audited: boolean };

export const SYSTEM_ACTOR: AuditActor = { type: 'system', id: 'system', ip: null, requestId: null };

/** One audited change: what happened to which entity; `before`/`after` give the field-level diff. */
export type AuditEntry = {
  hotelId: string | null;
  action: string;
  entityType: string;
  /** null: a call on a collection (`POST /api/v1/hotels` refused before a hotel existed). */
  entityId: string | null;
  /** The entity's fields before the change (omit or null for a creation). */
  before?: Record<string, unknown> | null;
  /** The entity's fields after the change (omit or null for a deletion). */
  after?: Record<string, unknown> | null;
  outcome?: AuditOutcome;
  status?: number | null;
};

/**
 * Values never stored in the audit trail: secrets of every kind and guest PII. The diff still records
 * that such a field changed, as `"[redacted]"` on both sides. Field names are matched at every depth
 * (a nested `payment_gateway.access_token` is as secret as a top-level one); `pan` only as a word, so
 * `company` or `span` stay readable.
 */
const REDACTED =
  /(secret|password|token|credential|hash|signature|authorization|card|cvv|(^|_)pan($|_)|nonce|source_id|sealed|encrypted|code_(verifier|challenge)|^code$|^key$|email|phone|first_?name|last_?name|guest_?name|to_name|^name$|^guest$|address|special_?requests|notes|iban|birth|passport|variables|payload|^raw$)/i;

/**
 * Values that are secret or personal whatever field holds them: e-mail addresses, Square payment
 * tokens (card/bank nonces, 3-D Secure tokens), our API keys and webhook secrets, and JWTs.
 */
const SECRET_VALUE =
  /([^\s@"'<>()[\],;:]+@[^\s@"'<>()[\],;:]+\.[A-Za-z]{2,})|^(cnon|bnon|verf|ccof):|^(whk|whsec)_|^eyJ[\w-]+\.[\w-]+\./;

export const REDACTED_VALUE = '[redacted]';

export function isRedactedField(field: string): boolean {
  return REDACTED.test(field);
}

function comparable(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  return JSON.stringify(value ?? null);
}

/** A value as the trail stores it: dates as ISO text, secret fields and values replaced at any depth. */
function plain(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return SECRET_VALUE.test(value) ? REDACTED_VALUE : value;
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([field, v]) => [
        field,
        isRedactedField(field) && v != null ? REDACTED_VALUE : plain(v),
      ]),
    );
  }
  return value;
}

/**
 * The fields that differ between `before` and `after` (top level; nested objects compare as a whole),
 * redacted by name at every depth and by value. A creation lists every field `from: null`, a deletion
 * every field `to: null`.
 */
export function auditDiff(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): AuditChanges | null {
  if (!before && !after) return null;
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: AuditChanges = {};
  for (const field of [...fields].sort()) {
    const from = before?.[field];
    const to = after?.[field];
    if (comparable(from) === comparable(to)) continue;
    changes[field] = isRedactedField(field)
      ? { from: from == null ? null : REDACTED_VALUE, to: to == null ? null : REDACTED_VALUE }
      : { from: plain(from), to: plain(to) };
  }
  return changes;
}

/** An SQL condition (with its parameters) a guarded audit row is written under. */
export type AuditGuard = { sql: string; params: unknown[] };

/**
 * The INSERT of one audit row, to be put in the same D1 batch as the change it records (commitChange
 * does this for every change it writes): the trail then holds a row exactly when the change committed.
 * `when`: for a change whose own statement is guarded (it may match no row without failing the batch),
 * the same condition, so the row is written only when the change is.
 */
export function auditStatement(
  d1: D1Database | D1DatabaseSession,
  actor: AuditActor,
  entry: AuditEntry,
  now: Date,
  when?: AuditGuard,
): D1PreparedStatement {
  const changes = entry.before === undefined && entry.after === undefined ? null : auditDiff(entry.before, entry.after);
  return d1
    .prepare(
      `INSERT INTO audit_logs (id, hotel_id, actor_type, actor_id, action, entity_type, entity_id, request_id, ip,
         outcome, status, changes, created_at)
       SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE ${when ? when.sql : '1'}`,
    )
    .bind(
      newId('auditLog'),
      entry.hotelId,
      actor.type,
      actor.id,
      entry.action,
      entry.entityType,
      entry.entityId,
      actor.requestId,
      actor.ip,
      entry.outcome ?? 'success',
      entry.status ?? null,
      changes === null ? null : JSON.stringify(changes),
      now.getTime(),
      ...(when?.params ?? []),
    );
}

type ActorContext = {
  get(key: 'principal'): Principal | undefined;
  get(key: 'actor'): AuditActor | undefined;
  get(key: 'auditMark'): AuditMark | undefined;
  get(key: 'requestId'): string;
  req: { header(name: string): string | undefined };
};

/**
 * The actor of a request: a partner route's verified partner (`actor`), else the credential
 * (`principal.id`: the key id, `token:<sub>`, `oauth:<grant>` or `admin`), else `anonymous`.
 */
export function actorOfContext(c: ActorContext): AuditActor {
  const ip = c.req.header('cf-connecting-ip') ?? null;
  const requestId = c.get('requestId') ?? null;
  const mark = c.get('auditMark');
  const partner = c.get('actor');
  if (partner) return { ...partner, ip, requestId, mark };
  const principal = c.get('principal');
  if (principal) return { type: principal.kind, id: principal.id, ip, requestId, mark };
  return { type: 'system', id: 'anonymous', ip, requestId, mark };
}

/**
 * Notes on the request's mark that its change was audited in its own batch (commitChange,
 * batchAudited). The request middleware reads it once the handler is done: a state-changing call that
 * wrote no row of its own is still recorded there, as a call (src/modules/audit/audit.middleware.ts).
 * The mark is the request's own object, not its request id: a client chooses X-Request-Id, and two
 * concurrent requests sending the same one must not read each other's mark. A job's actor has none.
 */
export function markAudited(actor: AuditActor): void {
  if (actor.mark) actor.mark.audited = true;
}

/**
 * For a change that does not go through commitChange (it emits no domain event): runs its statements
 * and their audit rows as one D1 batch (one transaction), so the trail holds a row exactly when the
 * change committed. Returns the batch's results, the audit rows' left off.
 */
export async function batchAudited(
  deps: { actor: AuditActor; now: () => Date },
  session: D1Database | D1DatabaseSession,
  statements: D1PreparedStatement[],
  entries: AuditEntry[],
): Promise<D1Result[]> {
  const now = deps.now();
  const results = await session.batch([
    ...statements,
    ...entries.map((entry) => auditStatement(session, deps.actor, entry, now)),
  ]);
  markAudited(deps.actor);
  return results.slice(0, statements.length);
}
