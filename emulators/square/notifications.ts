import { squareSignature } from './signature.ts';
import type { Json, SquareChange } from './state.ts';

/**
 * Square's webhook notifications, as the local Square sends them (developer.squareup.com/docs/webhooks):
 *   {merchant_id, [location_id], type, event_id, created_at, data: {type, id, object}}
 * `data.object` holds the object under its name for payments and refunds ({payment}, {refund}) but under
 * `object` for disputes: that is how Square's API specification (and the SDK generated from it:
 * DisputeCreatedEventObject, DisputeStateUpdatedEventObject) defines them. Dispute events also name the
 * location; payment and refund events do not.
 *
 * Signed like Square: `x-square-hmacsha256-signature` = base64 HMAC-SHA256 of notification URL + raw
 * body with the subscription's signature key (./signature.ts).
 */
export type SquareNotification = {
  merchant_id: string;
  location_id?: string;
  type: SquareChange['type'];
  event_id: string;
  created_at: string;
  data: { type: 'payment' | 'refund' | 'dispute'; id: string; object: Json };
};

export type Subscription = { signatureKey: string; notificationUrl: string };

export type SignedNotification = { url: string; body: string; headers: Record<string, string> };

export function notificationOf(
  change: SquareChange,
  options: { eventId?: string; now?: Date } = {},
): SquareNotification {
  const kind = change.type.slice(0, change.type.indexOf('.')) as SquareNotification['data']['type'];
  const wrapped = kind === 'dispute' ? { object: change.object } : { [kind]: change.object };
  return {
    merchant_id: change.merchantId,
    ...(kind === 'dispute' && change.locationId ? { location_id: change.locationId } : {}),
    type: change.type,
    event_id: options.eventId ?? crypto.randomUUID(),
    created_at: (options.now ?? new Date()).toISOString(),
    data: { type: kind, id: String(change.object.id), object: wrapped },
  };
}

/**
 * The request Square would make for a notification. `attempt` > 0 adds Square's retry headers; the body
 * (and so the signature) stays the same on every attempt, as a receiver dedupes by `event_id`.
 */
export async function signNotification(
  notification: SquareNotification,
  subscription: Subscription,
  attempt = 0,
): Promise<SignedNotification> {
  const body = JSON.stringify(notification);
  const signature = await squareSignature(subscription.signatureKey, subscription.notificationUrl, body);
  return {
    url: subscription.notificationUrl,
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Square Connect v2',
      'square-environment': 'Sandbox',
      'square-initial-delivery-timestamp': notification.created_at,
      'x-square-hmacsha256-signature': signature,
      ...(attempt > 0 ? { 'square-retry-number': String(attempt), 'square-retry-reason': 'http_error' } : {}),
    },
  };
}
