import { describe, expect, expectTypeOf, it } from 'vitest';
import { verifyWebhook, type WebhookEvent, WebhookVerificationError } from '../../client/src/webhooks.ts';
import { deliveryHeaders, newSigningSecret } from '../../src/modules/webhooks/signing';

const event = {
  id: 'evt_01jdzx0000000000000000000',
  type: 'reservation.created',
  created_at: '2026-11-30T10:00:00.000Z',
  hotel_id: 'htl_01jdzx0000000000000000000',
  data: { id: 'res_01jdzx0000000000000000000', status: 'confirmed' },
};

/** A delivery exactly as the worker's deliverer signs it. */
function delivery(secrets: string[], at = new Date()) {
  const body = JSON.stringify(event);
  return { body, headers: deliveryHeaders({ eventId: event.id, body, at, secrets }) };
}

describe('verifyWebhook', () => {
  it('accepts what the worker signs and returns the event', () => {
    const secret = newSigningSecret();
    const { body, headers } = delivery([secret]);
    expect(verifyWebhook(secret, body, new Headers(headers))).toEqual(event);
    expect(verifyWebhook(secret, body, headers)).toEqual(event);
  });

  it('accepts a delivery signed with both secrets during a rotation', () => {
    const [previous, next] = [newSigningSecret(), newSigningSecret()];
    const { body, headers } = delivery([next, previous]);
    expect(verifyWebhook(previous, body, headers)).toEqual(event);
  });

  it('refuses a changed body, another secret, and an old delivery', () => {
    const secret = newSigningSecret();
    const { body, headers } = delivery([secret]);
    expect(() => verifyWebhook(secret, body.replace('confirmed', 'cancelled'), headers)).toThrow(
      WebhookVerificationError,
    );
    expect(() => verifyWebhook(newSigningSecret(), body, headers)).toThrow(WebhookVerificationError);
    const old = delivery([secret], new Date(Date.now() - 10 * 60_000));
    expect(() => verifyWebhook(secret, old.body, old.headers)).toThrow(WebhookVerificationError);
    const { 'webhook-signature': _, ...unsigned } = headers;
    expect(() => verifyWebhook(secret, body, unsigned)).toThrow(WebhookVerificationError);
  });

  it('types the event (checked by npm run typecheck)', () => {
    // An empty `webhooks` section must fall back to the envelope, not to unknown.
    expectTypeOf<WebhookEvent>().not.toBeUnknown();
    expectTypeOf<WebhookEvent>().not.toBeNever();
    expectTypeOf<WebhookEvent>().toHaveProperty('data');
    expectTypeOf<WebhookEvent['id']>().toEqualTypeOf<string>();
  });
});
