import type { Deps } from '../../deps';
import { newId } from '../../lib/ids';
import type { DeadLetterReason } from '../../lib/job';
import { JOB_SUBJECTS, type JobSubjects, jobSubjects } from './dead-letters.rules';

const MAX_PAYLOAD_CHARS = 64_000;
const MAX_ERROR_CHARS = 1_000;

export type DeadLetter = {
  queue: string;
  messageId: string;
  jobType: string | null;
  body: unknown;
  reason: DeadLetterReason;
  error: string | null;
  attempts: number;
};

const SUBJECT_KEYS = Object.keys(JOB_SUBJECTS) as (keyof JobSubjects)[];
/** The hotel: named in the payload, else the hotel of the row the payload names (primary-key lookups). */
const HOTEL_OF = `COALESCE(${SUBJECT_KEYS.map((key) => {
  const table = JOB_SUBJECTS[key];
  return table === null ? '?' : `(SELECT hotel_id FROM ${table} WHERE id = ?)`;
}).join(', ')})`;

/**
 * Records a job that will not run again, filed under its hotel when the payload leads to one. The
 * same message recorded twice (a consumer that died after recording, before acknowledging) stays one row.
 */
export async function recordDeadLetter(deps: Pick<Deps, 'd1' | 'now'>, letter: DeadLetter): Promise<void> {
  let payload: string;
  try {
    payload = JSON.stringify(letter.body ?? null).slice(0, MAX_PAYLOAD_CHARS);
  } catch {
    payload = '"<unserialisable>"';
  }
  const subjects = jobSubjects(letter.body);
  await deps.d1
    .prepare(
      `INSERT INTO dead_letters (id, queue, message_id, job_type, payload, reason, error, attempts, created_at, hotel_id)
       SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ${HOTEL_OF}
       WHERE NOT EXISTS (SELECT 1 FROM dead_letters WHERE queue = ? AND message_id = ?)`,
    )
    .bind(
      newId('deadLetter'),
      letter.queue,
      letter.messageId,
      letter.jobType,
      payload,
      letter.reason,
      letter.error?.slice(0, MAX_ERROR_CHARS) ?? null,
      letter.attempts,
      deps.now().getTime(),
      ...SUBJECT_KEYS.map((key) => subjects[key]),
      letter.queue,
      letter.messageId,
    )
    .run();
}
