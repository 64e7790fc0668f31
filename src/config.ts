import { z } from 'zod';
import { configPart } from './lib/config-kit';
import { auditConfig } from './modules/audit/audit.config';
import { authConfig } from './modules/auth/auth.config';
import { availabilityConfig } from './modules/availability/availability.config';
import { channelsConfig } from './modules/channels/channels.config';
import { emailsConfig } from './modules/emails/emails.config';
import { metricsConfig } from './modules/metrics/metrics.config';
import { paymentsConfig } from './modules/payments/payments.config';
import { webhooksConfig } from './modules/webhooks/webhooks.config';

const platformConfig = configPart({
  shape: {
    ENVIRONMENT: z.enum(['development', 'staging', 'production']).default('development'),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    /**
     * `skip` (tests only): work after the response that waits for a time does not wait (Deps.sleep).
     * Ignored when deployed: there the waits keep KV at one write per key and second.
     */
    DEFERRED_WAITS: z.enum(['real', 'skip']).default('real'),
  },
});

/** Every module's part of the configuration; a module adds its part here with one line. */
const PARTS = [
  platformConfig,
  authConfig,
  availabilityConfig,
  webhooksConfig,
  paymentsConfig,
  emailsConfig,
  channelsConfig,
  metricsConfig,
  auditConfig,
] as const;

const ConfigSchema = z
  .object({
    ...platformConfig.shape,
    ...authConfig.shape,
    ...availabilityConfig.shape,
    ...webhooksConfig.shape,
    ...paymentsConfig.shape,
    ...emailsConfig.shape,
    ...channelsConfig.shape,
    ...metricsConfig.shape,
    ...auditConfig.shape,
  })
  .superRefine((values, ctx) => {
    const deployed = values.ENVIRONMENT !== 'development';
    for (const part of PARTS) {
      const check = part.check as
        | ((v: typeof values, deployed: boolean) => { path: string; message: string }[])
        | undefined;
      for (const issue of check?.(values, deployed) ?? []) {
        ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
      }
    }
  });

export type Config = z.infer<typeof ConfigSchema>;

/** A deployment that lacks or misstates a var or secret; `issues` name what (never their values). */
export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid worker configuration: ${issues.join('; ')}`);
    this.name = 'ConfigError';
  }
}

const CONFIG_KEYS = Object.keys(ConfigSchema.shape) as (keyof typeof ConfigSchema.shape)[];
let cached: { fingerprint: string; config: Config } | undefined;

/**
 * Parses vars and secrets once per isolate; a misconfiguration throws here, at the first request,
 * not deep in a booking. workerd hands each request its own `env` object, so the cache is keyed by
 * the raw values.
 */
export function loadConfig(env: Env): Config {
  const raw = env as unknown as Record<string, unknown>;
  const fingerprint = CONFIG_KEYS.map((k) => String(raw[k] ?? '')).join('\u0000');
  if (cached?.fingerprint === fingerprint) return cached.config;
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  cached = { fingerprint, config: parsed.data };
  return parsed.data;
}
