import { z } from 'zod';
import { configPart } from '../../lib/config-kit';

export const availabilityConfig = configPart({
  shape: {
    /** Seconds a search result is cached in KV (CONTRACT: default 300). */
    BOOKING_ENGINE_CACHE_TTL: z.coerce.number().int().min(0).max(86_400).default(300),
  },
});
