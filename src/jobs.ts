import { z } from 'zod';
import { ConfigError, loadConfig } from './config';
import { type Deps, depsFromEnv } from './deps';
import { decideFailure, type JobDefinition, type JobEnvelope } from './lib/job';
import { errorFields, Logger, redact } from './lib/log';
import { MAX_PACING_DELAY_SECONDS, OutboundPaced } from './lib/pacing';
import { purgeAuditLogsJob } from './modules/audit/audit.jobs';
import { ariPushJob } from './modules/channels/ari-push/push.job';
import { ariSendJob } from './modules/channels/ari-push/send.job';
import { purgeChannelMessagesJob } from './modules/channels/channel-messages.service';
import { acknowledgeJobWith } from './modules/channels/inbound/acknowledge.job';
import { pullChannelJob, schedulePullsJob } from './modules/channels/inbound/pull.job';
import { RESERVATION_ADAPTERS } from './modules/channels/providers/reservation-adapters';
import { campaignBatchJob, dueCampaignsJob } from './modules/emails/campaigns.jobs';
import { dailyEmailsJob, dailyHotelEmailsJob } from './modules/emails/daily.job';
import { purgeEmailRawJob } from './modules/emails/emails.jobs';
import { sendEmailJob } from './modules/emails/send.job';
import { EVENT_JOBS, purgeEventsJob, relaySweepJob } from './modules/events/relay';
import { purgeMetricsJob, sampleBacklogJob } from './modules/metrics/metrics.jobs';
import { cancellationRefundJob } from './modules/payments/cancellation-refund';
import { refreshConnectionJob, sweepConnectionsJob } from './modules/payments/connections.refresh';
import { reconcilePaymentsJob } from './modules/payments/reconcile.job';
import { reconcileRefundsJob } from './modules/payments/refunds.reconcile';
import { recordDeadLetter } from './modules/platform/dead-letters';
import { housekeepingJob } from './modules/platform/housekeeping';
import { deliverWebhookJob } from './modules/webhooks/deliver.job';
import { sweepDeliveriesJob } from './modules/webhooks/sweep.job';

/** Every job type the JOBS queue carries; a module adds its own by listing them here. */
export const JOBS: readonly JobDefinition[] = [
  housekeepingJob,
  ...EVENT_JOBS,
  deliverWebhookJob,
  sweepDeliveriesJob,
  reconcilePaymentsJob,
  cancellationRefundJob,
  reconcileRefundsJob,
  sweepConnectionsJob,
  refreshConnectionJob,
  sendEmailJob,
  purgeEmailRawJob,
  dailyEmailsJob,
  dailyHotelEmailsJob,
  dueCampaignsJob,
  campaignBatchJob,
  acknowledgeJobWith(RESERVATION_ADAPTERS),
  schedulePullsJob,
  pullChannelJob,
  purgeChannelMessagesJob,
  ariPushJob,
  ariSendJob,
  sampleBacklogJob,
  purgeMetricsJob,
  purgeAuditLogsJob,
];

/**
 * Periodic work: one row per module task. A row's `cron` must be in wrangler.toml's `crons` (checked by
 * test/platform/jobs.test.ts); the scheduled handler runs the rows of the cron that fired, and a row only
 * enqueues — the queue consumer does the work, with retries.
 */
export type CronRow = { name: string; cron: string; enqueue: (at: number, deps: Deps) => JobEnvelope[] };

export const CRONS: readonly CronRow[] = [
  { name: 'housekeeping', cron: '* * * * *', enqueue: (at) => [housekeepingJob.message({ at })] },
  { name: 'event relay sweep', cron: '* * * * *', enqueue: (at) => [relaySweepJob.message({ at })] },
  { name: 'event purge', cron: '17 3 * * *', enqueue: (at) => [purgeEventsJob.message({ at })] },
  { name: 'webhook sweep', cron: '* * * * *', enqueue: (at) => [sweepDeliveriesJob.message({ at })] },
  { name: 'payment reconciliation', cron: '* * * * *', enqueue: (at) => [reconcilePaymentsJob.message({ at })] },
  { name: 'refund reconciliation', cron: '* * * * *', enqueue: (at) => [reconcileRefundsJob.message({ at })] },
  { name: 'square token refresh', cron: '41 * * * *', enqueue: (at) => [sweepConnectionsJob.message({ at })] },
  { name: 'email message purge', cron: '17 3 * * *', enqueue: (at) => [purgeEmailRawJob.message({ at })] },
  { name: 'email campaigns', cron: '* * * * *', enqueue: (at) => [dueCampaignsJob.message({ at })] },
  {
    name: 'channel reservation pulls',
    cron: '* * * * *',
    enqueue: (at, deps) => (deps.config.OTA_INTEGRATION_ENABLED ? [schedulePullsJob.message({ at })] : []),
  },
  { name: 'pre-arrival and post-stay emails', cron: '17 3 * * *', enqueue: (at) => [dailyEmailsJob.message({ at })] },
  { name: 'channel message purge', cron: '17 3 * * *', enqueue: (at) => [purgeChannelMessagesJob.message({ at })] },
  { name: 'integration backlog sample', cron: '* * * * *', enqueue: (at) => [sampleBacklogJob.message({ at })] },
  { name: 'integration metrics purge', cron: '17 3 * * *', enqueue: (at) => [purgeMetricsJob.message({ at })] },
  { name: 'audit log purge', cron: '17 3 * * *', enqueue: (at) => [purgeAuditLogsJob.message({ at })] },
];

const BY_TYPE = new Map(JOBS.map((job) => [job.type, job]));
const Envelope = z.object({
  type: z.string(),
  payload: z.unknown(),
  prior_attempts: z.number().int().min(0).optional(),
});

/**
 * For a dead letter's replay: the message to send for job `type` with `payload`; false when the job no
 * longer accepts the payload, null when this deployment has no such job.
 */
export function checkJob(type: string, payload: unknown): JobEnvelope | false | null {
  const job = BY_TYPE.get(type);
  if (!job) return null;
  const parsed = job.schema.safeParse(payload);
  return parsed.success ? job.replay(parsed.data) : false;
}

/** The dead-letter queues' names end in `-dlq` (wrangler.toml). */
const isDeadLetterQueue = (queue: string) => /-dlq(-|$)/.test(queue);

export async function runCron(cron: string, at: number, deps: Deps): Promise<JobEnvelope[]> {
  const rows = CRONS.filter((row) => row.cron === cron);
  if (rows.length === 0) deps.log.warn('cron with no rows', { cron });
  const jobs = rows.flatMap((row) => row.enqueue(at, deps));
  if (jobs.length > 0) await deps.jobs.sendBatch(jobs);
  return jobs;
}

export async function handleScheduled(controller: ScheduledController, env: Env): Promise<void> {
  const { deps, settle } = depsFromEnv(env);
  await runCron(controller.cron, controller.scheduledTime, deps);
  await settle();
}

/**
 * The JOBS consumer: each message is parsed by its job's schema and run. A failure is retried with the
 * job's backoff; a permanent failure, a job out of attempts, or a message no job understands is
 * recorded in `dead_letters` and acknowledged. If even that record cannot be written, the message is
 * retried, so nothing is dropped silently. Messages that reach the dead-letter queue are recorded too.
 */
export async function handleQueue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    // A deployment missing a secret: keep every message (nothing is dead-lettered or dropped, the DLQ's
    // included) and try again in 10 minutes, saying once what is missing.
    new Logger('error', { queue: batch.queue }).error('configuration invalid', { issues: err.issues.join('; ') });
    for (const message of batch.messages) message.retry({ delaySeconds: 600 });
    return;
  }
  const log = new Logger(config.LOG_LEVEL, { queue: batch.queue });
  for (const message of batch.messages) {
    const { deps, settle } = depsFromEnv(env, log.child({ message_id: message.id, attempts: message.attempts }));
    await consume(batch.queue, message, deps, settle);
  }
}

export async function consume(queue: string, message: Message<unknown>, deps: Deps, settle: () => Promise<void>) {
  const envelope = Envelope.safeParse(message.body);
  const type = envelope.success ? envelope.data.type : null;
  // This run's attempt number across re-queues for pacing (JobEnvelope.prior_attempts).
  const attempts = message.attempts + (envelope.success ? (envelope.data.prior_attempts ?? 0) : 0);
  const deadLetter = async (
    reason: Parameters<typeof recordDeadLetter>[1]['reason'],
    type: string | null,
    error: string | null,
  ) => {
    try {
      await recordDeadLetter(deps, {
        queue,
        messageId: message.id,
        jobType: type,
        body: message.body,
        reason,
        error,
        attempts,
      });
      deps.log.error('job dead-lettered', { job: type, reason });
      message.ack();
    } catch (err) {
      deps.log.error('dead letter not recorded, retrying', { job: type, ...errorFields(err) });
      message.retry({ delaySeconds: 60 });
    }
  };

  if (isDeadLetterQueue(queue)) return deadLetter('dead_letter_queue', type, null);
  if (!envelope.success) return deadLetter('unparseable', null, 'not a job envelope');
  const job = BY_TYPE.get(envelope.data.type);
  if (!job) return deadLetter('unknown_type', type, `no job of type ${type}`);
  const payload = job.schema.safeParse(envelope.data.payload);
  if (!payload.success) return deadLetter('unparseable', type, z.prettifyError(payload.error));

  try {
    await job.handle(payload.data, deps, { attempts });
    await settle();
    message.ack();
  } catch (err) {
    if (err instanceof OutboundPaced) return repace(message, { ...envelope.data, attempts }, err, deps, settle);
    const decision = decideFailure(job.retryFor(payload.data, deps), attempts, err);
    if (decision.action === 'dead_letter') return deadLetter(decision.reason, type, errorText(err));
    deps.log.warn('job failed, retrying', { job: type, delay_s: decision.delaySeconds, ...errorFields(err) });
    message.retry({ delaySeconds: decision.delaySeconds });
  }
}

/**
 * A job whose partner call was paced (src/lib/pacing.ts) did not fail: it runs again when the partner
 * may be called, as a new message carrying its attempt count on, so this run is not counted (a
 * `retry()` would count it, towards the queue's max_retries too). If the new message cannot be sent,
 * the queue's retry keeps the job, counting this run rather than losing it.
 */
async function repace(
  message: Message<unknown>,
  job: { type: string; payload: unknown; attempts: number },
  paced: OutboundPaced,
  deps: Deps,
  settle: () => Promise<void>,
): Promise<void> {
  const delaySeconds = Math.min(Math.max(1, paced.retryAfterSeconds), MAX_PACING_DELAY_SECONDS);
  try {
    await settle();
    const next: JobEnvelope = { type: job.type, payload: job.payload, prior_attempts: job.attempts - 1 };
    await deps.jobs.send(next, { delaySeconds });
    deps.log.info('job paced', { job: job.type, service: paced.service, reason: paced.reason, delay_s: delaySeconds });
    message.ack();
  } catch (err) {
    deps.log.warn('paced job not re-queued, retrying', { job: job.type, ...errorFields(err) });
    message.retry({ delaySeconds });
  }
}

/** What a dead letter keeps of its last error: database errors lose their bound parameters (guest data). */
function errorText(err: unknown): string {
  return redact(err instanceof Error ? `${err.name}: ${err.message}` : String(err));
}
