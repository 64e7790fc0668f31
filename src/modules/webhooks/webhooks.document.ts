import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../env';
import { EVENT_DATA, EVENT_TYPES, type EventType } from '../events/events.schema';
import { USER_AGENT } from './signing';

/** `reservation.created` → `ReservationCreated`, `ota.reservation.imported` → `OtaReservationImported`. */
function pascal(type: string): string {
  return type
    .split(/[._]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

const EventId = z
  .string()
  .openapi({ description: 'The event id, also sent as `webhook-id`: the same on every retry, so deduplicate by it.' });
const CreatedAt = z.string().openapi({ description: 'When the change was committed (RFC 3339, UTC).' });

/**
 * The body of one delivery as the `webhooks` subscriber freezes it (deliveries.service.ts `deliveryRow`:
 * the event's envelope, `envelopeOf`), typed with the event's own `data` schema from EVENT_DATA, the one
 * commitChange checks every event against before it is written.
 */
function envelopeOf<T extends EventType>(type: T) {
  return z
    .object({
      id: EventId,
      type: z.literal(type),
      created_at: CreatedAt,
      hotel_id: z.string().openapi({
        description:
          type === 'webhook_endpoint.disabled'
            ? 'One of the hotels the endpoint served, or `*` for an endpoint of every hotel.'
            : 'The hotel the event belongs to.',
      }),
      data: EVENT_DATA[type],
    })
    .openapi(`${pascal(type)}Event`);
}

/** The body of `POST /api/v1/webhook-endpoints/{id}/test`'s delivery (deliveries.service.ts `sendPing`). */
const PingEvent = z
  .object({
    id: EventId,
    type: z.literal('ping'),
    created_at: CreatedAt,
    hotel_id: z.null(),
    data: z.object({ endpoint_id: z.string() }),
  })
  .openapi('PingEvent');

/** Every body a subscriber can receive, by event type: what the document's `webhooks` section describes. */
export const WEBHOOK_BODIES = {
  ...(Object.fromEntries(EVENT_TYPES.map((type) => [type, envelopeOf(type)])) as {
    [T in EventType]: ReturnType<typeof envelopeOf<T>>;
  }),
  ping: PingEvent,
};

/** The Standard Webhooks headers of every attempt (signing.ts `deliveryHeaders`). */
const DeliveryHeaders = z.object({
  'webhook-id': z.string().openapi({ description: 'The event id (the body’s `id`); the same on every retry.' }),
  'webhook-timestamp': z
    .string()
    .openapi({ description: 'Unix seconds when this attempt was signed; reject ones far from your clock (replays).' }),
  'webhook-signature': z.string().openapi({
    description:
      'Space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{raw body}">` under the ' +
      'endpoint’s `whsec_` secret (its base64 part decoded); for 24 h after a secret rotation, one for each ' +
      'of the two secrets. Verify over the raw bytes with a Standard Webhooks library.',
  }),
  'user-agent': z.string().openapi({ example: USER_AGENT }),
});

const RETRIED =
  'Counted as a failed attempt and retried on the schedule (8 attempts over about a day at the default ' +
  '`WEBHOOK_RETRY_BASE_SECONDS`), as are timeouts (10 s), network errors and redirects, which are not followed.';

const EVENT_DESCRIPTION =
  'Sent to every enabled endpoint whose `events` patterns match the type and whose `hotel_ids` include the ' +
  'event’s hotel. At least once and in no promised order: deduplicate by `webhook-id`.';
const PING_DESCRIPTION =
  'Sent to one endpoint when `POST /api/v1/webhook-endpoints/{id}/test` asks, whatever its `events`; not in the ' +
  'event log. Use it to check your receiver and its signature check.';

/**
 * Documents every delivery in the OpenAPI 3.1 `webhooks` section: one entry per event type, keyed by the
 * type, with the signed envelope as its request body.
 */
export function registerWebhooks(app: OpenAPIHono<AppEnv>): void {
  for (const [type, body] of Object.entries(WEBHOOK_BODIES)) {
    app.openAPIRegistry.registerWebhook({
      method: 'post',
      path: type,
      tags: ['Webhooks'],
      operationId: `notify${pascal(type)}`,
      summary: type === 'ping' ? 'A test delivery' : `The \`${type}\` event`,
      description: type === 'ping' ? PING_DESCRIPTION : EVENT_DESCRIPTION,
      security: [],
      request: {
        headers: DeliveryHeaders,
        body: { required: true, content: { 'application/json': { schema: body } } },
      },
      responses: {
        '2XX': { description: 'Received: the delivery is done.' },
        '4XX': { description: RETRIED },
        '5XX': { description: RETRIED },
      },
    });
  }
}
