import { z } from 'zod';
import { configPart, optionalString } from '../../lib/config-kit';

/** Square's own base URLs; PAYMENT_GATEWAY_API_URL overrides them (the local emulator, a test's fake). */
export const SQUARE_BASE_URLS = {
  sandbox: 'https://connect.squareupsandbox.com',
  production: 'https://connect.squareup.com',
} as const;

export const paymentsConfig = configPart({
  shape: {
    PAYMENT_GATEWAY_PROVIDER: z.enum(['square']).default('square'),
    PAYMENT_GATEWAY_ENVIRONMENT: z.enum(['sandbox', 'production']).default('sandbox'),
    PAYMENT_GATEWAY_API_URL: optionalString.pipe(z.string().url().optional()),
    /** The platform's Square account: used for every hotel without its own connection. */
    PAYMENT_GATEWAY_ACCESS_TOKEN: optionalString,
    PAYMENT_GATEWAY_LOCATION_ID: optionalString,
    /** Square calls give up after this long (then the outcome is resolved with the same idempotency key). */
    PAYMENT_GATEWAY_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(15_000),
    SQUARE_WEBHOOK_SIGNATURE_KEY: optionalString,
    SQUARE_WEBHOOK_NOTIFICATION_URL: optionalString,
    /** Square OAuth (per-hotel accounts): the application's id and secret, and our callback URL. */
    SQUARE_APPLICATION_ID: optionalString,
    SQUARE_APPLICATION_SECRET: optionalString,
    SQUARE_OAUTH_REDIRECT_URL: optionalString,
    /** Hotels' access tokens (30 days) are refreshed once they expire within this many days. */
    SQUARE_OAUTH_REFRESH_WITHIN_DAYS: z.coerce.number().int().min(1).max(29).default(7),
    /** AES-GCM key (base64 of 32 bytes) that encrypts hotels' Square tokens at rest. */
    PAYMENT_TOKEN_ENCRYPTION_KEY: optionalString,
    /** Velocity limits: attempts allowed per window, per reservation, guest email, card and client address. */
    PAYMENT_VELOCITY_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3600),
    PAYMENT_VELOCITY_PER_RESERVATION: z.coerce.number().int().min(1).default(10),
    PAYMENT_VELOCITY_PER_EMAIL: z.coerce.number().int().min(1).default(20),
    PAYMENT_VELOCITY_PER_CARD: z.coerce.number().int().min(1).default(10),
    PAYMENT_VELOCITY_PER_CLIENT: z.coerce.number().int().min(1).default(30),
  },
  check: (values, deployed) => {
    const issues: { path: string; message: string }[] = [];
    if (values.PAYMENT_TOKEN_ENCRYPTION_KEY !== undefined) {
      const bytes = base64Length(values.PAYMENT_TOKEN_ENCRYPTION_KEY);
      if (bytes !== 32) issues.push({ path: 'PAYMENT_TOKEN_ENCRYPTION_KEY', message: 'must be base64 of 32 bytes' });
    }
    if (deployed && values.PAYMENT_GATEWAY_ACCESS_TOKEN && !values.PAYMENT_GATEWAY_LOCATION_ID) {
      issues.push({ path: 'PAYMENT_GATEWAY_LOCATION_ID', message: 'required with PAYMENT_GATEWAY_ACCESS_TOKEN' });
    }
    if (deployed && values.PAYMENT_GATEWAY_ACCESS_TOKEN && !values.SQUARE_WEBHOOK_SIGNATURE_KEY) {
      issues.push({ path: 'SQUARE_WEBHOOK_SIGNATURE_KEY', message: 'required to accept Square notifications' });
    }
    return issues;
  },
});

function base64Length(value: string): number | null {
  try {
    return atob(value).length;
  } catch {
    return null;
  }
}

export function squareBaseUrl(config: {
  PAYMENT_GATEWAY_API_URL?: string | undefined;
  PAYMENT_GATEWAY_ENVIRONMENT: keyof typeof SQUARE_BASE_URLS;
}): string {
  return (config.PAYMENT_GATEWAY_API_URL ?? SQUARE_BASE_URLS[config.PAYMENT_GATEWAY_ENVIRONMENT]).replace(/\/+$/, '');
}
