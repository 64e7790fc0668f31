import { z } from '@hono/zod-openapi';
import { parseIpRange } from '../../lib/ip';
import { DEFAULT_RATE_LIMITS, RATE_LIMIT_TIERS } from '../platform/rate-limit.rules';
import { SCOPES } from './scopes';

const Origin = z
  .string()
  .refine((v) => v === '*' || /^https?:\/\/[^/\s]+$/.test(v), 'must be an origin like https://hotel.example or *');
/** An allowlist entry as src/lib/ip.ts matches it; anything else is refused rather than stored and never matching. */
export const IpOrCidr = z
  .string()
  .max(64)
  .refine(
    (v) => parseIpRange(v) !== null,
    'must be an IPv4 or IPv6 address or CIDR range (203.0.113.0/24, 2001:db8::/32)',
  )
  .openapi({ example: '2001:db8::/32' });

const PerMinute = z
  .number()
  .int()
  .positive()
  .nullable()
  .optional()
  .openapi({
    description: `Requests per minute: one of ${RATE_LIMIT_TIERS.join(', ')} (another value is a 422); null: the default.`,
    example: 3000,
  });

/** A key's own limits per request class (README "Rate limits"); a field left out keeps its value. */
export const RateLimitsBody = z
  .object({ read_per_minute: PerMinute, write_per_minute: PerMinute })
  .strict()
  .openapi('ApiKeyRateLimitsInput');

export const CreateApiKeyBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    scopes: z.array(z.enum(SCOPES)).min(1),
    hotel_ids: z.array(z.string().min(1)).min(1).nullable(),
    allowed_origins: z.array(Origin).max(50).optional(),
    allowed_ips: z.array(IpOrCidr).max(50).optional(),
    rate_limits: RateLimitsBody.optional(),
  })
  .openapi('CreateApiKey');

export const UpdateApiKeyBody = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    rate_limits: RateLimitsBody.optional(),
  })
  .strict()
  .refine((body) => body.name !== undefined || body.rate_limits !== undefined, 'send name or rate_limits')
  .openapi('UpdateApiKey');

export const ApiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    key_prefix: z.string(),
    scopes: z.array(z.enum(SCOPES)),
    hotel_ids: z.array(z.string()).nullable(),
    allowed_origins: z.array(z.string()),
    allowed_ips: z.array(z.string()),
    rate_limits: z.object({ read_per_minute: z.number().int(), write_per_minute: z.number().int() }).openapi({
      description: `The limits in force per credential and client address (defaults: read ${DEFAULT_RATE_LIMITS.read}, write ${DEFAULT_RATE_LIMITS.write}).`,
    }),
    created_at: z.string(),
    revoked_at: z.string().nullable(),
  })
  .openapi('ApiKey');

export const CreatedApiKeySchema = ApiKeySchema.extend({
  key: z.string().openapi({
    description: 'The secret key: `whk_` + 48 characters (the last 16 a checksum). Shown once; store it now.',
  }),
}).openapi('CreatedApiKey');

export const TokenRequestBody = z
  .object({
    hotel_id: z.string().min(1),
    scopes: z
      .array(z.enum(SCOPES))
      .min(1)
      .optional()
      .openapi({
        description:
          'At most the key’s scopes. Omitted: the key’s scopes; for a key with `admin`, every scope but `admin` ' +
          '(a token gets `admin` only when asked for by name).',
      }),
    ttl_seconds: z.number().int().min(60).max(86_400).default(900),
  })
  .openapi('TokenRequest');

export const TokenSchema = z
  .object({
    access_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int(),
    expires_at: z.string(),
  })
  .openapi('AccessToken');
