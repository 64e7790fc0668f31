import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { squareSignature } from '../../emulators/square/signature.ts';
import worker from '../../src/index';
import type { PaymentRow } from '../../src/modules/payments/payments.table';
import { NO_CARD_YET, paymentRow } from './payments';
import { SQUARE } from './square';

/** Where tests deliver Square's notifications, and the URL Square signs by default. */
export const SQUARE_WEBHOOK_URL = 'http://localhost/api/v1/webhooks/square';

let seq = 0;
export const anEventId = () => `evt-${Date.now()}-${++seq}-${crypto.randomUUID()}`;

type Envelope = {
  type: string;
  eventId?: string;
  merchantId?: string | null;
  dataType: string;
  id: string;
  object: Record<string, unknown>;
};

/** Square's notification envelope, in its wire format (snake_case, amounts as JSON numbers). */
export function envelope(e: Envelope) {
  return {
    ...(e.merchantId === null ? {} : { merchant_id: e.merchantId ?? SQUARE.merchantId }),
    type: e.type,
    event_id: e.eventId ?? anEventId(),
    created_at: new Date().toISOString(),
    data: { type: e.dataType, id: e.id, object: e.object },
  };
}

/** A payment.created / payment.updated notification for a Square payment (Square's Payment object). */
export function paymentNotification(
  p: { id: string; status: string; amount: number; currency: string; sourceType?: string },
  options: { type?: string; eventId?: string; merchantId?: string | null } = {},
) {
  const payment = {
    id: p.id,
    created_at: '2026-01-10T10:00:00.000Z',
    updated_at: new Date().toISOString(),
    amount_money: { amount: p.amount, currency: p.currency },
    total_money: { amount: p.amount, currency: p.currency },
    status: p.status,
    source_type: p.sourceType ?? 'CARD',
    location_id: SQUARE.locationId,
    ...(p.sourceType === 'BANK_ACCOUNT'
      ? { bank_account_details: { bank_name: 'Citizens Bank', transfer_type: 'ACH', fingerprint: 'ach-fp-1' } }
      : {
          card_details: {
            status: p.status === 'COMPLETED' ? 'CAPTURED' : 'AUTHORIZED',
            card: { card_brand: 'VISA', last_4: '1111', exp_month: 12, exp_year: 2030, fingerprint: 'card-fp-1' },
          },
        }),
    receipt_url: `https://squareup.com/receipt/preview/${p.id}`,
    version_token: 'v1',
  };
  return envelope({
    type: options.type ?? 'payment.updated',
    ...options,
    dataType: 'payment',
    id: p.id,
    object: { payment },
  });
}

/** A dispute.* notification; Square puts the Dispute at `data.object.object`. */
export function disputeNotification(
  d: { id: string; paymentId: string; state: string; amount: number; currency: string; dueAt?: string },
  options: { type?: string; eventId?: string; merchantId?: string | null } = {},
) {
  const dispute = {
    id: d.id,
    amount_money: { amount: d.amount, currency: d.currency },
    reason: 'NO_KNOWLEDGE',
    state: d.state,
    due_at: d.dueAt ?? '2026-12-01T00:00:00.000Z',
    disputed_payment: { payment_id: d.paymentId },
    card_brand: 'VISA',
    created_at: '2026-11-01T00:00:00.000Z',
    updated_at: new Date().toISOString(),
    reported_at: '2026-11-01T00:00:00.000Z',
    version: 1,
    location_id: SQUARE.locationId,
  };
  return envelope({
    type: options.type ?? 'dispute.created',
    ...options,
    dataType: 'dispute',
    id: d.id,
    object: { object: dispute },
  });
}

export type SendOptions = {
  /** Where the request goes (default SQUARE_WEBHOOK_URL). */
  url?: string;
  /** The URL the signature is made for (default: `url`). */
  signedFor?: string;
  key?: string;
  /** An explicit signature header (null: none). */
  signature?: string | null;
  headers?: Record<string, string>;
  /** Worker variables for this request only (e.g. no signature key). */
  vars?: Record<string, string | undefined>;
};

/** POSTs a notification body (an object is JSON-encoded) signed as Square signs it. */
export async function sendNotification(body: unknown, options: SendOptions = {}): Promise<Response> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const url = options.url ?? SQUARE_WEBHOOK_URL;
  const signature =
    options.signature === undefined
      ? await squareSignature(options.key ?? SQUARE.webhookKey, options.signedFor ?? url, text)
      : options.signature;
  const headers = new Headers({ 'content-type': 'application/json', ...options.headers });
  if (signature !== null) headers.set('x-square-hmacsha256-signature', signature);
  const request = new Request(url, { method: 'POST', headers, body: text });
  if (!options.vars) return exports.default.fetch(request);
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    request as Request<unknown, IncomingRequestCfProperties>,
    { ...env, ...options.vars } as Env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

/** A payment row as payments-core writes it (pending, no card details yet), inserted directly. */
export function insertPayment(
  reservation: { id: string; hotel_id: string; currency: string },
  overrides: Partial<PaymentRow> = {},
): Promise<PaymentRow> {
  const at = new Date(Date.now() - 60_000);
  return paymentRow(reservation, overrides.amount ?? 5000, {
    status: 'pending',
    providerPaymentId: `sq_${crypto.randomUUID().replaceAll('-', '')}`,
    ...NO_CARD_YET,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  });
}

/** A hotel's own Square connection (only what the webhook's merchant check reads is meaningful). */
export async function insertConnection(hotelId: string, merchantId: string): Promise<void> {
  const now = Date.now();
  await env.DB.prepare(
    `INSERT INTO payment_connections (hotel_id, status, merchant_id, location_id, access_token_enc, refresh_token_enc,
       access_token_expires_at, scopes, created_at, updated_at) VALUES (?, 'active', ?, 'LHOTEL', 'enc', 'enc', ?, '[]', ?, ?)`,
  )
    .bind(hotelId, merchantId, now + 86_400_000, now, now)
    .run();
}

export async function paymentState(id: string) {
  return env.DB.prepare('SELECT * FROM payments WHERE id = ?').bind(id).first<Record<string, unknown>>();
}

export async function webhookEventCount(eventId: string): Promise<number> {
  const row = await env.DB.prepare('SELECT COUNT(*) AS n FROM square_webhook_events WHERE event_id = ?')
    .bind(eventId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}
