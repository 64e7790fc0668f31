import { z } from 'zod';
import { configPart } from '../../lib/config-kit';

/** Integration metrics (src/modules/metrics). */
export const metricsConfig = configPart({
  shape: {
    /** Days the per-minute call rows and backlog samples stay in D1 (the daily purge removes older ones). */
    METRICS_RETENTION_DAYS: z.coerce.number().int().min(1).max(400).default(30),
  },
});
