import { z } from 'zod';
import { configPart } from '../../lib/config-kit';

/** The audit trail's configuration. */
export const auditConfig = configPart({
  shape: {
    /** Days an audit row is kept; the daily purge deletes older ones (src/modules/audit/audit.jobs.ts). */
    AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  },
});
