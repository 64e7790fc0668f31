import { and, isNotNull, lt } from 'drizzle-orm';
import { z } from 'zod';
import { defineJob } from '../../lib/job';
import { emailOutbox } from './emails.table';

export const RAW_RETENTION_DAYS = 30;

/** The stored MIME of emails older than 30 days is dropped; the outbox row (status, ids) stays. */
export const purgeEmailRawJob = defineJob({
  type: 'email.purge_raw',
  schema: z.object({ at: z.number() }),
  handle: async ({ at }, deps) => {
    const before = new Date(at - RAW_RETENTION_DAYS * 86_400_000);
    const result = await deps.db
      .update(emailOutbox)
      .set({ raw: null })
      .where(and(isNotNull(emailOutbox.raw), lt(emailOutbox.createdAt, before)))
      .run();
    deps.log.info('email messages purged', { emails: result.meta.changes ?? 0 });
  },
});
