import type { Deps } from '../../deps';
import { AppError, notFound } from '../../errors';
import type { JobEnvelope } from '../../lib/job';
import { errorFields } from '../../lib/log';
import { type AuditEntry, auditStatement, markAudited } from '../audit/audit';
import { replayRefusal } from './dead-letters.rules';
import type { DeadLetterRow } from './dead-letters.table';

export type DeadLetterFilter = {
  type?: string | undefined;
  hotelId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  replayed?: boolean | undefined;
};

/** The message replaying job `type` with `payload` sends: false when the payload no longer fits, null when no such job exists. */
export type JobCheck = (type: string, payload: unknown) => JobEnvelope | false | null;

type Row = {
  id: string;
  queue: string;
  message_id: string;
  job_type: string | null;
  hotel_id: string | null;
  payload: string;
  reason: DeadLetterRow['reason'];
  error: string | null;
  attempts: number;
  created_at: number;
  replayed_at: number | null;
};

export function deadLetterJson(row: Row) {
  return {
    id: row.id,
    queue: row.queue,
    message_id: row.message_id,
    type: row.job_type,
    hotel_id: row.hotel_id,
    reason: row.reason,
    error: row.error,
    attempts: row.attempts,
    payload: parsePayload(row.payload),
    created_at: new Date(row.created_at).toISOString(),
    replayed_at: row.replayed_at === null ? null : new Date(row.replayed_at).toISOString(),
  };
}

function parsePayload(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function where(filter: DeadLetterFilter, cursor?: string): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => {
    clauses.push(clause);
    params.push(...values);
  };
  if (filter.type !== undefined) add('job_type = ?', filter.type);
  if (filter.hotelId !== undefined) add('hotel_id = ?', filter.hotelId);
  if (filter.from !== undefined) add('created_at >= ?', filter.from.getTime());
  if (filter.to !== undefined) add('created_at < ?', filter.to.getTime());
  if (filter.replayed !== undefined) add(filter.replayed ? 'replayed_at IS NOT NULL' : 'replayed_at IS NULL');
  if (cursor !== undefined) add('id < ?', cursor);
  return { sql: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** Newest first (ids sort by time), `limit + 1` rows for the page. */
export async function listDeadLetters(
  deps: Pick<Deps, 'd1'>,
  filter: DeadLetterFilter,
  page: { limit: number; cursor?: string | undefined },
): Promise<Row[]> {
  const { sql, params } = where(filter, page.cursor);
  const { results } = await deps.d1
    .prepare(`SELECT * FROM dead_letters ${sql} ORDER BY id DESC LIMIT ?`)
    .bind(...params, page.limit + 1)
    .all<Row>();
  return results;
}

async function loadRow(deps: Pick<Deps, 'd1'>, id: string): Promise<Row> {
  const row = await deps.d1.prepare('SELECT * FROM dead_letters WHERE id = ?').bind(id).first<Row>();
  if (!row) throw notFound('Dead letter', id);
  return row;
}

/** The job to send again, or why not (a 422: replaying it could only fail again). */
function envelopeOf(row: Row, check: JobCheck): JobEnvelope {
  const body = parsePayload(row.payload) as { payload?: unknown } | string;
  const payload = typeof body === 'object' && body !== null ? body.payload : undefined;
  const refusal = replayRefusal(typeof body === 'object' ? row.job_type : null, payload, check);
  if (refusal !== null) throw new AppError('not_supported', refusal);
  return check(row.job_type as string, payload) as JobEnvelope;
}

export type ReplayOutcome = { id: string; replayed: boolean; reason?: string };

/**
 * Sends a dead letter's job to the queue again as a new message (so with a fresh attempt count). The
 * row is claimed first with a guarded update, so two replays, concurrent or not, send it once: the
 * second finds it claimed and answers 409. If the queue refuses the job the claim is given back.
 */
export async function replayDeadLetter(
  deps: Pick<Deps, 'd1' | 'jobs' | 'now' | 'log' | 'actor'>,
  id: string,
  check: JobCheck,
): Promise<Row> {
  const row = await loadRow(deps, id);
  if (row.replayed_at !== null) {
    throw new AppError('invalid_state', `The dead letter was replayed at ${new Date(row.replayed_at).toISOString()}.`);
  }
  const envelope = envelopeOf(row, check);
  const now = deps.now();
  const at = now.getTime();
  // The audit row ahead of the claim, under the claim's own guard: only the replay that claimed it is recorded.
  const [, claimed] = await deps.d1.batch([
    auditStatement(deps.d1, deps.actor, replayEntry(row, 'dead_letter.replayed', null, at), now, {
      sql: 'EXISTS (SELECT 1 FROM dead_letters WHERE id = ? AND replayed_at IS NULL)',
      params: [id],
    }),
    deps.d1.prepare('UPDATE dead_letters SET replayed_at = ? WHERE id = ? AND replayed_at IS NULL').bind(at, id),
  ]);
  if (claimed?.meta.changes === 0) throw new AppError('invalid_state', 'The dead letter was replayed meanwhile.');
  markAudited(deps.actor);
  try {
    await deps.jobs.sendBatch([envelope]);
  } catch (err) {
    const guard = { sql: 'EXISTS (SELECT 1 FROM dead_letters WHERE id = ? AND replayed_at = ?)', params: [id, at] };
    await deps.d1.batch([
      auditStatement(deps.d1, deps.actor, replayEntry(row, 'dead_letter.replay_undone', at, null), deps.now(), guard),
      deps.d1.prepare('UPDATE dead_letters SET replayed_at = NULL WHERE id = ? AND replayed_at = ?').bind(id, at),
    ]);
    deps.log.error('dead letter not replayed', { dead_letter_id: id, job: row.job_type, ...errorFields(err) });
    throw new AppError('service_unavailable', 'The job queue did not take the job; try again.');
  }
  deps.log.info('dead letter replayed', { dead_letter_id: id, job: row.job_type, hotel_id: row.hotel_id });
  return { ...row, replayed_at: at };
}

/** A replay (or its undoing, when the queue refused the job) in the audit trail, filed under the letter's hotel. */
function replayEntry(row: Row, action: string, from: number | null, to: number | null): AuditEntry {
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  return {
    hotelId: row.hotel_id,
    action,
    entityType: 'dead_letter',
    entityId: row.id,
    before: { replayed_at: iso(from) },
    after: { replayed_at: iso(to), job_type: row.job_type },
    outcome: to === null ? 'failed' : 'success',
  };
}

export const MAX_BULK_REPLAY = 100;

/**
 * Replays the given dead letters, or the unreplayed ones matching a filter (oldest first), at most
 * MAX_BULK_REPLAY per call: each one as replayDeadLetter does, one outcome per letter, so a letter
 * already replayed, not replayable or refused by the queue is reported and skipped, never sent twice.
 */
export async function replayDeadLetters(
  deps: Pick<Deps, 'd1' | 'jobs' | 'now' | 'log' | 'actor'>,
  selection: { ids: string[] } | { filter: DeadLetterFilter; limit: number },
  check: JobCheck,
): Promise<ReplayOutcome[]> {
  let ids: string[];
  if ('ids' in selection) {
    ids = [...new Set(selection.ids)];
  } else {
    const { sql, params } = where({ ...selection.filter, replayed: false });
    const { results } = await deps.d1
      .prepare(`SELECT id FROM dead_letters ${sql} ORDER BY id LIMIT ?`)
      .bind(...params, Math.min(selection.limit, MAX_BULK_REPLAY))
      .all<{ id: string }>();
    ids = results.map((r) => r.id);
  }
  const outcomes: ReplayOutcome[] = [];
  for (const id of ids) {
    try {
      await replayDeadLetter(deps, id, check);
      outcomes.push({ id, replayed: true });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      outcomes.push({ id, replayed: false, reason: err.detail });
    }
  }
  return outcomes;
}
