/**
 * A subscriber's endpoint, speaking Standard Webhooks (standardwebhooks.com): it checks
 * `webhook-id`, `webhook-timestamp` and `webhook-signature: v1,<base64 HMAC-SHA256(id.timestamp.body)>`
 * with the endpoint's `whsec_` secret, records every delivery, and answers with the statuses it is
 * told to (then 200), so tests can make it fail a few times.
 */
export type ReceivedDelivery = {
  id: string | null;
  timestamp: string | null;
  body: string;
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
    deliveries.push({ id, timestamp, body, signatureValid, answeredWith });
    return new Response(answeredWith < 300 ? 'ok' : 'try again', { status: answeredWith });
  };
  return { handler, deliveries };
}

async function sign(secret: string, content: string): Promise<string> {
  const raw = Uint8Array.from(atob(secret.replace(/^whsec_/, '')), (c) => c.charCodeAt(0));
  const key = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(content)));
  return btoa(String.fromCharCode(...mac));
}
