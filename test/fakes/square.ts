/**
 * Square's Payments and Refunds API as far as this product uses it, in Square's wire format
 * (developer.squareup.com/reference/square/payments-api): `POST /v2/payments`, `GET /v2/payments/{id}`,
 * `POST /v2/refunds`. Sandbox test nonces decide the outcome, as in Square's sandbox:
 * `cnon:card-nonce-ok` pays, `cnon:card-nonce-declined` is CARD_DECLINED, `cnon:card-nonce-rejected-cvv`
 * is CVV_FAILURE. Requests with the same `idempotency_key` get the same payment back, as Square does.
 */
type Money = { amount: number; currency: string };
type SquarePayment = {
  id: string;
  status: 'COMPLETED' | 'APPROVED' | 'CANCELED' | 'FAILED';
  amount_money: Money;
  refunded_money?: Money;
  source_type: 'CARD';
  card_details: { status: string; card: { card_brand: string; last_4: string; exp_month: number; exp_year: number } };
  location_id: string;
  reference_id?: string;
  receipt_url: string;
  created_at: string;
  updated_at: string;
};
type SquareRefund = {
  id: string;
  status: 'PENDING' | 'COMPLETED';
  amount_money: Money;
  payment_id: string;
  created_at: string;
};

const DECLINES: Record<string, { code: string; detail: string }> = {
  'cnon:card-nonce-declined': { code: 'CARD_DECLINED', detail: 'Card declined.' },
  'cnon:card-nonce-rejected-cvv': { code: 'CVV_FAILURE', detail: 'Card verification code check failed.' },
};

export function squareFake(options: { accessToken: string; locationId: string }) {
  const payments = new Map<string, SquarePayment>();
  const byKey = new Map<string, Response>();
  const refunds: SquareRefund[] = [];
  let counter = 0;
  const now = () => new Date().toISOString();
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const error = (status: number, category: string, code: string, detail: string, field?: string) =>
    json(status, { errors: [{ category, code, detail, ...(field ? { field } : {}) }] });

  const handler = async (request: Request): Promise<Response> => {
    if (request.headers.get('authorization') !== `Bearer ${options.accessToken}`) {
      return error(401, 'AUTHENTICATION_ERROR', 'UNAUTHORIZED', 'This request could not be authorized.');
    }
    const url = new URL(request.url);
    const paymentMatch = /^\/v2\/payments\/([^/]+)$/.exec(url.pathname);
    if (request.method === 'GET' && paymentMatch?.[1]) {
      const payment = payments.get(paymentMatch[1]);
      return payment ? json(200, { payment }) : error(404, 'INVALID_REQUEST_ERROR', 'NOT_FOUND', 'Payment not found.');
    }
    if (request.method !== 'POST') return error(404, 'INVALID_REQUEST_ERROR', 'NOT_FOUND', 'No such endpoint.');
    const body = (await request.json()) as Record<string, any>;
    const key = String(body.idempotency_key ?? '');
    if (!key)
      return error(
        400,
        'INVALID_REQUEST_ERROR',
        'MISSING_REQUIRED_PARAMETER',
        'Missing idempotency_key.',
        'idempotency_key',
      );
    const replay = byKey.get(`${url.pathname}|${key}`);
    if (replay) return replay.clone();

    let response: Response;
    if (url.pathname === '/v2/payments') {
      const decline = DECLINES[String(body.source_id)];
      if (decline) {
        response = error(400, 'PAYMENT_METHOD_ERROR', decline.code, decline.detail);
      } else {
        const id = `sq_pay_${++counter}`;
        const payment: SquarePayment = {
          id,
          status: body.autocomplete === false ? 'APPROVED' : 'COMPLETED',
          amount_money: body.amount_money,
          source_type: 'CARD',
          card_details: {
            status: 'CAPTURED',
            card: { card_brand: 'VISA', last_4: '1111', exp_month: 12, exp_year: 2030 },
          },
          location_id: body.location_id ?? options.locationId,
          reference_id: body.reference_id,
          receipt_url: `https://squareup.example/receipt/preview/${id}`,
          created_at: now(),
          updated_at: now(),
        };
        payments.set(id, payment);
        response = json(200, { payment });
      }
    } else if (url.pathname === '/v2/refunds') {
      const payment = payments.get(String(body.payment_id));
      if (!payment) {
        response = error(404, 'INVALID_REQUEST_ERROR', 'NOT_FOUND', 'Payment not found.', 'payment_id');
      } else {
        const refunded = (payment.refunded_money?.amount ?? 0) + Number(body.amount_money?.amount ?? 0);
        if (refunded > payment.amount_money.amount) {
          response = error(
            400,
            'INVALID_REQUEST_ERROR',
            'REFUND_AMOUNT_INVALID',
            'The requested refund amount exceeds the amount available to refund.',
          );
        } else {
          payment.refunded_money = { amount: refunded, currency: payment.amount_money.currency };
          const refund: SquareRefund = {
            id: `sq_ref_${++counter}`,
            status: 'PENDING',
            amount_money: body.amount_money,
            payment_id: payment.id,
            created_at: now(),
          };
          refunds.push(refund);
          response = json(200, { refund });
        }
      }
    } else {
      response = error(404, 'INVALID_REQUEST_ERROR', 'NOT_FOUND', 'No such endpoint.');
    }
    byKey.set(`${url.pathname}|${key}`, response.clone());
    return response;
  };
  return { handler, payments, refunds };
}

/**
 * Square's webhook signature: base64 HMAC-SHA256 over the notification URL followed by the raw body,
 * with the subscription's signature key (header `x-square-hmacsha256-signature`).
 */
export async function squareSignature(signatureKey: string, notificationUrl: string, body: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(signatureKey),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(notificationUrl + body)));
  return btoa(String.fromCharCode(...mac));
}
