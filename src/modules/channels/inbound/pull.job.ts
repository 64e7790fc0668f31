import { z } from 'zod';
import { defineJob } from '../../../lib/job';
import { pullChannel, scheduleDuePulls, unschedulePulls } from './pull.service';
import { CHANNEL_TOOLS } from './tools';

/**
 * One pull of one channel. A partner failure (HTTP, timeout, Errors, unreadable batch, failed
 * acknowledgement) throws, and the queue retries it with this backoff; what was acknowledged stays so,
 * what was not comes again from the partner. A pull that runs out of attempts is dead-lettered: the
 * channel's next interval pulls again.
 */
export const pullChannelJob = defineJob({
  type: 'channels.pull',
  schema: z.object({ channel_id: z.string() }),
  retry: { baseSeconds: 15, capSeconds: 300, maxAttempts: 5 },
  handle: async ({ channel_id }, deps) => {
    if (!deps.config.OTA_INTEGRATION_ENABLED) return;
    await pullChannel(deps, channel_id, CHANNEL_TOOLS);
  },
});

/** The cron's minute: starts a pull job for each channel whose sync interval has passed. */
export const schedulePullsJob = defineJob({
  type: 'channels.schedule_pulls',
  schema: z.object({ at: z.number() }),
  retry: { baseSeconds: 5, capSeconds: 60, maxAttempts: 3 },
  handle: async ({ at }, deps) => {
    if (!deps.config.OTA_INTEGRATION_ENABLED) return;
    const due = await scheduleDuePulls(deps, at);
    if (due.length === 0) return;
    try {
      await deps.jobs.sendBatch(due.map((id) => pullChannelJob.message({ channel_id: id })));
    } catch (err) {
      // Not started after all: due again at once, for this job's retry.
      await unschedulePulls(deps, due, at);
      throw err;
    }
  },
});
