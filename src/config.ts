import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .default('false')
  .transform((v) => v === 'true' || v === '1');

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v ? v : undefined));

const ConfigSchema = z
  .object({
    ENVIRONMENT: z.enum(['development', 'staging', 'production']).default('development'),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    ADMIN_API_KEY: optionalString,
    JWT_SIGNING_SECRET: optionalString,
    JWT_JWKS_URL: optionalString.pipe(z.url().optional()),
    JWT_ISSUER: optionalString,
    JWT_AUDIENCE: optionalString,
    /** Lets an external token claim the `admin` scope or `hotel_ids: "*"` (platform admin); off by default. */
    JWT_EXTERNAL_ADMIN: flag,
    BOOKING_ENGINE_CACHE_TTL: z.coerce.number().int().min(0).max(86_400).default(300),
    OTA_INTEGRATION_ENABLED: flag,
  })
  .superRefine((c, ctx) => {
    const secret = c.JWT_SIGNING_SECRET;
    if (secret !== undefined && secret.length < 32) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SIGNING_SECRET'], message: 'must be at least 32 characters' });
    }
    if (c.ENVIRONMENT !== 'development') {
      if (!c.ADMIN_API_KEY || c.ADMIN_API_KEY.length < 32) {
        ctx.addIssue({ code: 'custom', path: ['ADMIN_API_KEY'], message: 'required, at least 32 characters' });
      }
      if (!secret) ctx.addIssue({ code: 'custom', path: ['JWT_SIGNING_SECRET'], message: 'required' });
      // Without them any token signed by the key set passes, whoever it was issued to.
      if (c.JWT_JWKS_URL) {
        for (const key of ['JWT_ISSUER', 'JWT_AUDIENCE'] as const) {
          if (!c[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'required when JWT_JWKS_URL is set' });
        }
      }
    }
  });

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {}

const CONFIG_KEYS = Object.keys(ConfigSchema.shape) as (keyof typeof ConfigSchema.shape)[];
let cached: { fingerprint: string; config: Config } | undefined;

/**
 * Parses vars and secrets once per isolate; a misconfiguration throws here, not deep in a handler.
 * workerd hands each request its own `env` object, so the cache is keyed by the raw values.
 */
export function loadConfig(env: Env): Config {
  const raw = env as unknown as Record<string, unknown>;
  const fingerprint = CONFIG_KEYS.map((k) => String(raw[k] ?? '')).join('\u0000');
  if (cached?.fingerprint === fingerprint) return cached.config;
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid worker configuration: ${issues}`);
  }
  cached = { fingerprint, config: parsed.data };
  return parsed.data;
}
