import type { Context } from 'hono';
import { depsFromContext } from '../../deps';
import type { AppEnv } from '../../env';
import { AppError } from '../../errors';
import { createRouter } from '../../lib/openapi';
import { errorResponses, jsonBody, jsonContent } from '../../lib/schemas';
import { partnerRoute } from '../auth/partner-route';
import { notificationUrls, SQUARE_SIGNATURE_HEADER, verifySquareSignature } from './square-signature';
import { NotificationReceiptSchema, SquareNotificationSchema } from './square-webhooks.schema';
import { handleSquareNotification } from './square-webhooks.service';

/** The OpenAPI security scheme of Square's signature (registered in src/app.ts). */
export const SQUARE_SIGNATURE_SCHEME = 'SquareSignature';

/** Without the key no notification can be trusted: 503 (Square retries), and the log names the variable. */
async function verify(c: Context<AppEnv>, raw: Uint8Array): Promise<boolean> {
  const config = c.get('config');
  const key = config.SQUARE_WEBHOOK_SIGNATURE_KEY;
  if (!key) {
    c.get('log').error('square notifications refused: signature key not configured', {
      missing: 'SQUARE_WEBHOOK_SIGNATURE_KEY',
    });
    throw new AppError('service_unavailable', 'Square notifications are not configured on this deployment.');
  }
  const urls = notificationUrls(c.req.url, c.req.raw.headers, config.SQUARE_WEBHOOK_NOTIFICATION_URL);
  return verifySquareSignature(key, urls, raw, c.req.header(SQUARE_SIGNATURE_HEADER));
}

export const squareWebhookRoutes = createRouter().openapi(
  partnerRoute(
    {
      integration: 'square_webhooks',
      scheme: { kind: 'signature', securityScheme: SQUARE_SIGNATURE_SCHEME, verify },
      accepts: ['application/json'],
    },
    {
      method: 'post',
      path: '/webhooks/square',
      tags: ['Payments'],
      operationId: 'receiveSquareNotification',
      summary: "Receive Square's notifications",
      description:
        'Square calls this URL (its webhook subscription) with `payment.created|updated`, `refund.created|updated`, ' +
        '`dispute.created` and `dispute.state.updated` (or its older name `dispute.state.changed`). No API key: ' +
        'the body must carry `x-square-hmacsha256-signature` = base64 HMAC-SHA256 of the notification URL followed ' +
        'by the raw body, under `SQUARE_WEBHOOK_SIGNATURE_KEY`; the URL is `SQUARE_WEBHOOK_NOTIFICATION_URL` when ' +
        'set, else this request’s URL (or its `X-Forwarded-Proto`/`X-Forwarded-Host` form). A missing or wrong ' +
        'signature is a 401 and nothing changes; without a configured key every notification is a 503.\n\n' +
        'Each `event_id` is applied once: a redelivery answers 200 `duplicate`. Anything not applied (an event ' +
        'type we do not handle, a payment we do not know, a payment of another Square merchant, an older state ' +
        'than the one on record) is recorded and answered 200 `ignored`, so Square does not retry it.\n\n' +
        'Payments move forward only (`payment.completed`/`payment.failed` once each). A dispute holds its amount ' +
        'off the folio (the payment’s `disputed_amount`; the reservation’s `balance_due` rises) until it is WON; ' +
        'LOST or ACCEPTED keeps it off. `payment.disputed` is emitted when the dispute is first reported and once ' +
        'per later state (`data.dispute.state`).',
      request: { body: jsonBody(SquareNotificationSchema) },
      responses: {
        200: jsonContent(NotificationReceiptSchema, 'Received (applied, duplicate or ignored)'),
        ...errorResponses(413, 415, 503),
      },
    },
  ),
  async (c) => {
    const receipt = await handleSquareNotification(depsFromContext(c), c.req.valid('json'));
    return c.json(receipt, 200);
  },
);
