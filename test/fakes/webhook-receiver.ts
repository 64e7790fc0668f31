import { Webhook } from 'standardwebhooks';

/**
 * A subscriber's endpoint, speaking Standard Webhooks (standardwebhooks.com): it checks
 * `webhook-id`, `webhook-timestamp` and `webhook-signature: v1,<base64 HMAC-SHA256(id.timestamp.body)>`
 * with the endpoint's `whsec_` secret, records every delivery, and answers with the statuses it is
 * told to (then 200), so tests can make it fail a few times. A status of 0 resets the connection.
 * `verifies()` checks a delivery with the `standardwebhooks` library itself, as a subscriber would.
 */
export type ReceivedDelivery = {
  id: string | null;
  timestamp: string | null;
  body: string;
  headers: Record<string, string>;
  signatureValid: boolean;
  answeredWith: number;
};

export function webhookReceiver(options: { secret: string; statuses?: number[] }) {
  const statuses = [...(options.statuses ?? [])];
  const deliveries: ReceivedDelivery[] = [];
  const handler = async (request: Request): Promise<Response> => {
    const body = await request.text();
    const id = request.headers.get('webhook-id');
    const timestamp = request.headers.get('webhook-timestamp');
    const signatures = (request.headers.get('webhook-signature') ?? '').split(' ');
    const expected = id && timestamp ? `v1,${await sign(options.secret, `${id}.${timestamp}.${body}`)}` : null;
    const signatureValid = expected !== null && signatures.includes(expected);
    const answeredWith = statuses.shift() ?? 200;
    deliveries.push({
      id,
      timestamp,
      body,
      headers: Object.fromEntries(request.headers),
      signatureValid,
      answeredWith,
    });
    if (answeredWith === 0) throw new TypeError('Network connection lost.');
    const headers = answeredWith >= 300 && answeredWith < 400 ? { location: 'https://elsewhere.example/' } : undefined;
    return new Response(answeredWith < 300 ? 'ok' : 'try again', { status: answeredWith, headers });
  };
  /** The delivery verifies with `secret` through the standardwebhooks library (timestamp within 5 min of now). */
  const verifies = (delivery: ReceivedDelivery, secret: string = options.secret): boolean => {
    try {
      new Webhook(secret).verify(delivery.body, delivery.headers);
      return true;
    } catch {
      return false;
    }
  };
  /** Deliveries the receiver accepted (2xx). */
  const accepted = () => deliveries.filter((d) => d.answeredWith >= 200 && d.answeredWith < 300);
  return { handler, deliveries, verifies, accepted };
}

async function sign(secret: string, content: string): Promise<string> {
  const raw = Uint8Array.from(atob(secret.replace(/^whsec_/, '')), (c) => c.charCodeAt(0));
  const key = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(content)));
  return btoa(String.fromCharCode(...mac));
}
