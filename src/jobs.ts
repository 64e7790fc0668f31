import { z } from 'zod';
import { loadConfig } from './config';
import { errorFields, Logger } from './lib/log';
// Static on purpose: with no code splitting in a Worker bundle, an import() here only made esbuild
// wrap every module it reaches in a lazy initialiser, which defeats tree-shaking (+130 KiB, slower
// startup; docs/operations.md). Keep import() for a heavy SDK that one rare path alone needs.
import { runHousekeeping } from './modules/platform/housekeeping';

/** Every message on the JOBS queue. Cron only enqueues; the consumer does the work with retries. */
export const JobMessage = z.discriminatedUnion('type', [z.object({ type: z.literal('housekeeping'), at: z.number() })]);
export type JobMessage = z.infer<typeof JobMessage>;

export async function runJob(env: Env, job: JobMessage, log: Logger): Promise<void> {
  switch (job.type) {
    case 'housekeeping': {
      const result = await runHousekeeping(env, new Date(job.at));
      log.info('housekeeping done', result);
      return;
    }
  }
}

export async function handleQueue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const log = new Logger(loadConfig(env).LOG_LEVEL, { queue: batch.queue });
  for (const message of batch.messages) {
    const parsed = JobMessage.safeParse(message.body);
    if (!parsed.success) {
      // A malformed message will never succeed: drop it loudly instead of retrying it forever.
      log.error('unparseable job dropped', { message_id: message.id });
      message.ack();
      continue;
    }
    try {
      await runJob(env, parsed.data, log.child({ message_id: message.id, job: parsed.data.type }));
      message.ack();
    } catch (err) {
      const delaySeconds = Math.min(300, 2 ** message.attempts * 5);
      log.warn('job failed, retrying', {
        message_id: message.id,
        attempts: message.attempts,
        ...errorFields(err),
      });
      message.retry({ delaySeconds });
    }
  }
}

export async function handleScheduled(controller: ScheduledController, env: Env): Promise<void> {
  await env.JOBS.send({ type: 'housekeeping', at: controller.scheduledTime } satisfies JobMessage);
}
