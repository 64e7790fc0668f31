/** Payload fields that name the hotel, or a row that belongs to one (its table has `hotel_id`). */
export const JOB_SUBJECTS = {
  hotel_id: null,
  channel_id: 'channels',
  reservation_id: 'reservations',
  email_id: 'email_outbox',
  delivery_id: 'webhook_deliveries',
  event_id: 'outbox_events',
  campaign_id: 'email_campaigns',
} as const;

export type JobSubjects = Record<keyof typeof JOB_SUBJECTS, string | null>;

/**
 * What a queued job's payload says it is about, so its dead letter can be filed under a hotel: the
 * hotel itself (sweeps and purges name none) or a row whose hotel the INSERT looks up.
 */
export function jobSubjects(body: unknown): JobSubjects {
  const payload = typeof body === 'object' && body !== null ? (body as { payload?: unknown }).payload : undefined;
  const fields = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
  const subjects = {} as JobSubjects;
  for (const key of Object.keys(JOB_SUBJECTS) as (keyof JobSubjects)[]) {
    const value = fields[key];
    subjects[key] = typeof value === 'string' && value.length > 0 && value.length <= 64 ? value : null;
  }
  return subjects;
}

/** Why a dead letter cannot be sent again as it is, or null when it can. */
export function replayRefusal(
  jobType: string | null,
  payload: unknown,
  parses: (type: string, payload: unknown) => unknown,
): string | null {
  if (jobType === null) return 'The dead letter is not a job envelope; there is nothing to replay.';
  const verdict = parses(jobType, payload);
  if (verdict === null) return `No job of type ${jobType} exists on this deployment.`;
  if (verdict === false) return `The payload no longer fits the ${jobType} job; replaying it would only fail again.`;
  return null;
}
