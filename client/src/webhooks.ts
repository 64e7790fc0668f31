import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import type { components, webhooks } from './schema.d.ts';

export { WebhookVerificationError };

/** The body of each documented webhook (the document's top-level `webhooks`), one per event type. */
type DocumentedEvent = {
  [K in keyof webhooks]: webhooks[K] extends { post: { requestBody?: { content: { 'application/json': infer B } } } }
    ? B
    : never;
}[keyof webhooks];

/**
 * A delivered event: the union of the documented event types, each with its own `data`, or, while the
 * document has no `webhooks` section (openapi-typescript then writes `Record<string, never>`), the generic
 * envelope `{id, type, created_at, hotel_id, data}`.
 */
export type WebhookEvent = string extends keyof webhooks ? components['schemas']['Event'] : DocumentedEvent;

/**
 * Checks a delivery's Standard Webhooks signature over the raw body (read it with `await request.text()`
 * before parsing: re-serialised JSON does not verify) and returns the event. Throws
 * WebhookVerificationError for a missing or wrong signature, or a timestamp more than 5 minutes off,
 * which is what stops a replayed old delivery. The event's `id` is the same on every retry of a
 * delivery: remember the ids you handled and skip a repeat.
 */
export function verifyWebhook(secret: string, body: string, headers: Headers | Record<string, string>): WebhookEvent {
  const plain = headers instanceof Headers ? Object.fromEntries(headers.entries()) : headers;
  return new Webhook(secret).verify(body, plain) as WebhookEvent;
}
