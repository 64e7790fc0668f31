import { Webhook } from 'standardwebhooks';
import { base64 } from '../../lib/crypto';

/** A `whsec_` secret: base64 of 32 random bytes, the form the Standard Webhooks libraries read. */
export function newSigningSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${base64(bytes)}`;
}

export const USER_AGENT = 'WeHub-Webhooks/1.0 (+https://docs.wehub.work/webhooks)';

/**
 * The Standard Webhooks headers of one attempt: `webhook-id` is the event id (the same on every
 * retry, so receivers dedupe by it), and `webhook-signature` lists one `v1,` signature per live
 * secret — during a rotation's overlap both the new and the previous secret sign.
 */
export function deliveryHeaders(input: {
  eventId: string;
  body: string;
  at: Date;
  secrets: readonly string[];
}): Record<string, string> {
  const seconds = Math.floor(input.at.getTime() / 1000);
  const timestamp = new Date(seconds * 1000);
  const signatures = input.secrets.map((s) => new Webhook(s).sign(input.eventId, timestamp, input.body));
  return {
    'content-type': 'application/json',
    'user-agent': USER_AGENT,
    'webhook-id': input.eventId,
    'webhook-timestamp': String(seconds),
    'webhook-signature': signatures.join(' '),
  };
}
