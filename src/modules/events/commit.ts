import type { Deps } from '../../deps';
import { newId } from '../../lib/ids';
import { type AuditEntry, auditStatement, markAudited } from '../audit/audit';
import { bumpVersion } from '../availability/cache';
import { claimOf, claimSlot } from '../availability/version-slots';
import { type DomainEvent, EVENT_DATA } from './events.schema';
import type { OutboxEventRow } from './outbox.table';
import { type ClaimedRow, claimedColumns, HANDOFF_LEASE_MS, relayCommitted } from './relay';

/**
 * The one way a domain change is written: the caller's statements and its typed events in one D1
 * batch (one transaction), then — only after the commit — the hotel's availability-cache version is
 * bumped (when the change can alter a search) and the relay is nudged to hand the events on.
 * Nobody else writes `outbox_events` or bumps the cache version.
 */
export type Change = {
  hotelId: string;
  /** The session the caller read with: its bookmark after the write keeps searches read-your-writes. */
  session: D1Database | D1DatabaseSession;
  statements: D1PreparedStatement[];
  events: DomainEvent[];
  /** Inventory, prices, restrictions or catalog changed: cached searches of the hotel must not be served. */
  affectsAvailability: boolean;
  /**
   * The audit rows of this change (with before/after for a field-level diff), written in the same batch
   * by `deps.actor`. Absent: one row per event (action = event type, entity = its subject).
   */
  audit?: AuditEntry[];
};

/** `claim_lost`: the batch's idempotency claim was taken over by a retry (idempotency completeInBatch). */
export type ConstraintKind = 'check' | 'unique' | 'foreign_key' | 'not_null' | 'claim_lost';

export type CommitResult =
  /** `results`: D1's answers to the caller's `statements`, in order (e.g. an INSERT's RETURNING rows). */
  | { ok: true; events: OutboxEventRow[]; results: D1Result[] }
  /** A guard in the schema refused the batch and nothing was written (e.g. the last unit was just sold). */
  | { ok: false; constraint: ConstraintKind };

/** The Deps (a request's or a job's) that already started a relay. */
const nudged = new WeakSet<object>();

export type CommitDeps = Pick<
  Deps,
  'cache' | 'log' | 'now' | 'sleep' | 'defer' | 'd1' | 'jobs' | 'subscribers' | 'actor'
>;

export async function commitChange(deps: CommitDeps, change: Change): Promise<CommitResult> {
  const now = deps.now();
  // The relay this commit starts holds its rows from the INSERT on (no claim of its own); a relay that
  // dies leaves them to the cron's sweep once the lease runs out.
  const relayNow = change.events.length > 0 && deps.subscribers.length > 0 && !nudged.has(deps);
  const lease = relayNow ? { until: new Date(now.getTime() + HANDOFF_LEASE_MS), subscribers: deps.subscribers } : null;
  const rows = change.events.map((e) => outboxRow(e, now, lease?.until ?? null));
  const audit = (change.audit ?? change.events.map(auditOfEvent)).map((entry) =>
    auditStatement(change.session, deps.actor, entry, now),
  );
  // Only beside a write: a change with no statement of its own (a cache bump) records nothing.
  const audited = change.statements.length > 0 || rows.length > 0;
  const statements = [
    ...change.statements,
    ...rows.flatMap((r) => insertOutboxRow(change.session, r, lease)),
    ...(audited ? audit : []),
  ];
  // The cache version's publishing slot is claimed in the same transaction (version-slots.ts), last.
  const leaseId = change.affectsAvailability ? crypto.randomUUID() : '';
  if (change.affectsAvailability) statements.push(claimSlot(change.session, change.hotelId, now.getTime(), leaseId));
  let results: D1Result[] = [];
  try {
    // Nothing to write: D1 refuses an empty batch.
    if (statements.length > 0) results = await change.session.batch(statements);
    if (audited && audit.length > 0) markAudited(deps.actor);
  } catch (err) {
    const constraint = constraintKind(err);
    if (constraint) return { ok: false, constraint };
    throw err;
  }
  const claimed = results.at(-1);
  if (change.affectsAvailability && claimed) {
    const bookmark = 'getBookmark' in change.session ? change.session.getBookmark() : null;
    await bumpVersion(deps, change.hotelId, bookmark, claimOf(claimed, leaseId, now.getTime()), now.getTime());
  }
  if (lease) {
    // Best effort right away, once per request or job (a job committing hundreds of changes must not
    // start hundreds of relays); the cron sweep hands on whatever this misses (e.g. the isolate dies).
    nudged.add(deps);
    // Each row's INSERT (the second of its two statements) returned it as a claim does.
    const first = change.statements.length;
    const leased = rows.map((_, i) => results[first + 2 * i + 1]?.results[0] as ClaimedRow);
    deps.defer(
      relayCommitted(deps, leased).catch((err) =>
        deps.log.warn('relay after commit failed', { error: errorName(err) }),
      ),
    );
  }
  return { ok: true, events: rows, results: results.slice(0, change.statements.length) };
}

/** An event is an audited action on its subject: `reservation.created` on the reservation. */
function auditOfEvent(event: DomainEvent): AuditEntry {
  const [entityType = event.type] = event.type.split('.');
  return { hotelId: event.hotelId, action: event.type, entityType, entityId: event.subjectId };
}

/** Validates `data` against the catalogue: an event that breaks its contract is a bug, never written. */
function outboxRow(event: DomainEvent, now: Date, claimedUntil: Date | null): OutboxEventRow {
  const data = EVENT_DATA[event.type].parse(event.data) as Record<string, unknown>;
  return {
    id: newId('event'),
    hotelId: event.hotelId,
    type: event.type,
    subjectId: event.subjectId,
    data,
    createdAt: now,
    publishedAt: null,
    claimedUntil,
    seq: null,
  };
}

/**
 * The row and its place in commit order: the counter moves in the same batch (transaction) as the row.
 * A row leased to the relay this commit starts comes back as the relay's claim would return it.
 */
function insertOutboxRow(
  d1: D1Database | D1DatabaseSession,
  e: OutboxEventRow,
  lease: { subscribers: CommitDeps['subscribers'] } | null,
): D1PreparedStatement[] {
  return [
    d1.prepare('UPDATE outbox_sequence SET value = value + 1 WHERE id = 1'),
    d1
      .prepare(
        `INSERT INTO outbox_events (id, hotel_id, type, subject_id, data, created_at, published_at, claimed_until, seq)
         VALUES (?, ?, ?, ?, ?, ?, NULL, ?, (SELECT value FROM outbox_sequence WHERE id = 1))
         ${lease ? `RETURNING ${claimedColumns(lease.subscribers)}` : ''}`,
      )
      .bind(
        e.id,
        e.hotelId,
        e.type,
        e.subjectId,
        JSON.stringify(e.data),
        e.createdAt.getTime(),
        e.claimedUntil?.getTime() ?? null,
      ),
  ];
}

/**
 * A refusal by a constraint the caller did not design as its guard (e.g. a UNIQUE collision where only
 * the inventory CHECK was expected) is a bug: a 500 with its kind in the log, never "sold out".
 */
export function unexpectedConstraint(constraint: ConstraintKind): Error {
  return new Error(`unexpected ${constraint} constraint failure`);
}

/** The one place that reads SQLite's constraint messages (D1 reports them as error text). */
export function constraintKind(err: unknown): ConstraintKind | null {
  // drizzle wraps the D1 error as `cause`; walk a few levels of causes.
  for (let e: unknown = err, depth = 0; e !== undefined && e !== null && depth < 5; depth++) {
    const text = e instanceof Error ? e.message : String(e);
    // The fence's own CHECK (migrations/0025), before any other CHECK.
    if (text.includes('CHECK constraint failed: idempotency_claim_lost')) return 'claim_lost';
    if (text.includes('CHECK constraint failed')) return 'check';
    if (text.includes('UNIQUE constraint failed') || text.includes('PRIMARY KEY constraint failed')) return 'unique';
    if (text.includes('FOREIGN KEY constraint failed')) return 'foreign_key';
    if (text.includes('NOT NULL constraint failed')) return 'not_null';
    e = e instanceof Error ? e.cause : undefined;
  }
  return null;
}

function errorName(err: unknown): string {
  return err instanceof Error ? err.name : 'unknown';
}
