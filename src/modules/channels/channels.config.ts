import { z } from 'zod';
import { configPart, flag, optionalString } from '../../lib/config-kit';

/** The OTA module's configuration (seed: `OTA_INTEGRATION_ENABLED`, `OTA_SYNC_INTERVAL`, `OTA_AUTO_ACCEPT`). */
export const channelsConfig = configPart({
  shape: {
    /** Off: no ARI push, no pull cron, partner pushes answered with an OTA error. */
    OTA_INTEGRATION_ENABLED: flag,
    /** Default seconds between reservation pulls of a pull-mode channel (a channel may set its own). */
    OTA_SYNC_INTERVAL: z.coerce.number().int().min(60).max(86_400).default(300),
    /** The default of a new channel's `auto_accept`: false keeps imported reservations `pending` for review. */
    OTA_AUTO_ACCEPT: flag,
    /** AES-GCM key (base64 of 32 bytes) that encrypts channel credentials at rest. */
    OTA_CREDENTIALS_ENCRYPTION_KEY: optionalString,
    /** Every call to a channel gives up after this long. */
    OTA_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(20_000),
    /** ARI changes within this many seconds go to a channel as one push. */
    OTA_PUSH_COALESCE_SECONDS: z.coerce.number().int().min(0).max(300).default(5),
  },
  check: (values, deployed) => {
    const issues: { path: string; message: string }[] = [];
    const key = values.OTA_CREDENTIALS_ENCRYPTION_KEY;
    if (key !== undefined && base64Bytes(key) !== 32) {
      issues.push({ path: 'OTA_CREDENTIALS_ENCRYPTION_KEY', message: 'must be base64 of 32 bytes' });
    }
    if (deployed && values.OTA_INTEGRATION_ENABLED && key === undefined) {
      issues.push({ path: 'OTA_CREDENTIALS_ENCRYPTION_KEY', message: 'required with OTA_INTEGRATION_ENABLED' });
    }
    return issues;
  },
});

function base64Bytes(text: string): number {
  try {
    return atob(text).length;
  } catch {
    return -1;
  }
}
