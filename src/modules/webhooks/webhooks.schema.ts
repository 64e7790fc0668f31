import { z } from '@hono/zod-openapi';
import { EVENT_TYPES } from '../events/events.schema';
import { MAX_URL_LENGTH } from './url-policy';

export const MAX_EVENT_PATTERNS = 50;
export const MAX_ENDPOINT_HOTELS = 100;

/** `*`, a type of the event catalogue, or `prefix.*` where some catalogue type starts with `prefix.`. */
export function isKnownEventPattern(pattern: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return EVENT_TYPES.some((t) => t.startsWith(pattern.slice(0, -1)));
  return (EVENT_TYPES as readonly string[]).includes(pattern);
}

const EventPattern = z
  .string()
  .min(1)
  .max(100)
  .refine(isKnownEventPattern, { message: `must be an event type (${EVENT_TYPES.join(', ')}), a prefix.* or *` });

const HotelIds = z
  .array(z.string().min(1).max(64))
  .min(1)
  .max(MAX_ENDPOINT_HOTELS)
  .openapi({ description: 'Only these hotels’ events. Omit (or null) for every hotel the credential covers.' });

export const CreateEndpointBody = z
  .object({
    url: z
      .string()
      .min(1)
      .max(MAX_URL_LENGTH)
      .openapi({ example: 'https://pms.example.com/hooks/wehub', description: 'https only (outside development)' }),
    events: z
      .array(EventPattern)
      .min(1)
      .max(MAX_EVENT_PATTERNS)
      .openapi({ example: ['reservation.*'] }),
    hotel_ids: HotelIds.nullable().optional(),
    description: z.string().max(500).optional(),
    enabled: z.boolean().default(true),
  })
  .strict()
  .openapi('CreateWebhookEndpoint');

export const UpdateEndpointBody = z
  .object({
    url: z.string().min(1).max(MAX_URL_LENGTH).optional(),
    events: z.array(EventPattern).min(1).max(MAX_EVENT_PATTERNS).optional(),
    hotel_ids: HotelIds.nullable().optional(),
    description: z.string().max(500).nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .strict()
  .openapi('UpdateWebhookEndpoint');

export const EndpointSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.string()),
    hotel_ids: z.array(z.string()).nullable(),
    description: z.string().nullable(),
    enabled: z.boolean(),
    disabled_reason: z.enum(['manual', 'failing']).nullable(),
    previous_secret_expires_at: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('WebhookEndpoint');

export const CreatedEndpointSchema = EndpointSchema.extend({
  secret: z.string().openapi({ description: 'The signing secret (`whsec_…`), shown only now' }),
}).openapi('CreatedWebhookEndpoint');

export const RotatedSecretSchema = z
  .object({
    id: z.string(),
    secret: z.string().openapi({ description: 'The new signing secret, shown only now' }),
    previous_secret_expires_at: z.string().openapi({ description: 'Until then deliveries carry both signatures' }),
  })
  .openapi('RotatedWebhookSecret');

export const AttemptSchema = z
  .object({
    attempt: z.number().int(),
    attempted_at: z.string(),
    status_code: z.number().int().nullable(),
    latency_ms: z.number().int(),
    error: z.string().nullable(),
    response_body: z.string().nullable().openapi({ description: 'The first 1 KB of the answer' }),
    next_retry_at: z.string().nullable(),
  })
  .openapi('WebhookAttempt');

export const DeliverySchema = z
  .object({
    id: z.string(),
    endpoint_id: z.string(),
    event_id: z.string().openapi({ description: 'Also the `webhook-id` header of every attempt' }),
    event_type: z.string(),
    hotel_id: z.string().nullable(),
    status: z.enum(['pending', 'delivered', 'dead']),
    next_attempt_at: z.string().nullable(),
    last_error: z.string().nullable(),
    created_at: z.string(),
    attempts: z.array(AttemptSchema),
  })
  .openapi('WebhookDelivery');

export const ReplayBody = z
  .object({
    since: z.iso.datetime().openapi({ description: 'Every event committed at or after this instant' }),
    after: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .openapi({ description: 'Continue after this event: `next_after` of the previous call' }),
  })
  .strict()
  .openapi('WebhookReplay');

export const ReplaySchema = z
  .object({
    deliveries: z.number().int().openapi({ description: 'Deliveries scheduled' }),
    more: z.boolean().openapi({ description: 'More events matched than one call replays' }),
    next_after: z
      .string()
      .nullable()
      .openapi({ description: 'When `more`: pass it as `after` (with the same `since`) to continue' }),
  })
  .openapi('WebhookReplayResult');
