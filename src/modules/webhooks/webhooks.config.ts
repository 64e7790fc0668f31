import { z } from 'zod';
import { configPart } from '../../lib/config-kit';

export const webhooksConfig = configPart({
  shape: {
    /** The first retry delay of a failed webhook delivery; later ones grow ×5 (capped at 12 h). Tests use 1. */
    WEBHOOK_RETRY_BASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  },
});
