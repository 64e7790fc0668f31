import { completeRefund } from './controls.ts';
import { json, missing, notFound, readMoney, type SquareRequest, type SquareRoute, squareError } from './http.ts';
import { emit, type Json, nextId, publicView } from './state.ts';

/**
 * The Payments and Refunds APIs (developer.squareup.com/reference/square/payments-api, refunds-api).
 * Square's documented sandbox payment tokens (developer.squareup.com/docs/devtools/sandbox/payments)
 * decide the outcome:
 *   cnon:card-nonce-ok                     pays (Visa •1111)
 *   cnon:card-nonce-declined               GENERIC_DECLINE
 *   cnon:card-nonce-rejected-cvv           CVV_FAILURE
 *   cnon:card-nonce-rejected-postalcode    ADDRESS_VERIFICATION_FAILURE
 *   cnon:card-nonce-rejected-expiration    INVALID_EXPIRATION
 *   cnon:card-nonce-already-used           CARD_TOKEN_USED
 *   ccof:customer-card-id-ok               pays from a card on file (any customer_id)
 * and, for what the sandbox can only show through its web form, the emulator adds:
 *   cnon:card-nonce-insufficient-funds     INSUFFICIENT_FUNDS
 *   cnon:card-nonce-requires-verification  CARD_DECLINED_VERIFICATION_REQUIRED unless a verification_token is sent
 *   cnon:card-nonce-high-risk              pays, with risk_evaluation HIGH
 *   cnon:apple-pay-ok, cnon:google-pay-ok  a digital-wallet card payment
 *   bnon:bank-nonce-ok                     an ACH payment: PENDING until settled (emulator.settle)
 * Any other `cnon:` token pays once; used again under another idempotency key it is CARD_TOKEN_USED.
 *
 * CARD_DECLINED / VERIFY_CVV_FAILURE / VERIFY_AVS_FAILURE are the retired Transactions API's (Charge)
 * decline codes; the Payments API reports GENERIC_DECLINE / CVV_FAILURE / ADDRESS_VERIFICATION_FAILURE.
 * A decline is `{"errors":[{"code","detail":"Authorization error: '<CODE>'","category":"PAYMENT_METHOD_ERROR"}]}`
 * (developer.squareup.com/docs/payments-api/error-codes) plus the FAILED payment ("the payment field might
 * … be present with a status of FAILED": CreatePaymentResponse in the SDK reference); its HTTP status is
 * not documented there, see `declineStatus` in ./state.ts.
 */
const DECLINE_CODES: Record<string, string> = {
  'cnon:card-nonce-declined': 'GENERIC_DECLINE',
  'cnon:card-nonce-rejected-cvv': 'CVV_FAILURE',
  'cnon:card-nonce-rejected-postalcode': 'ADDRESS_VERIFICATION_FAILURE',
  'cnon:card-nonce-rejected-expiration': 'INVALID_EXPIRATION',
  'cnon:card-nonce-insufficient-funds': 'INSUFFICIENT_FUNDS',
  'ccof:customer-card-id-declined': 'GENERIC_DECLINE',
};
const DECLINES: Record<string, { code: string; detail: string }> = Object.fromEntries(
  Object.entries(DECLINE_CODES).map(([token, code]) => [token, { code, detail: `Authorization error: '${code}'` }]),
);

export { publicView as publicPayment };

/** Tokens Square documents as reusable in the sandbox (every other nonce is single-use). */
const REUSABLE = new Set(['cnon:card-nonce-ok', 'ccof:customer-card-id-ok', 'cnon:card-nonce-high-risk']);

const VISA = { card_brand: 'VISA', last_4: '1111', exp_month: 12, exp_year: 2030, card_type: 'CREDIT', bin: '411111' };

function cardFor(request: SquareRequest, sourceId: string): Json | Response {
  if (sourceId.startsWith('ccof:') && sourceId !== 'ccof:customer-card-id-ok' && !DECLINES[sourceId]) {
    const card = request.state.cards.get(sourceId);
    if (!card || card.enabled === false) return notFound('Card');
    if (request.body.customer_id !== card.customer_id) {
      return squareError(
        400,
        'INVALID_REQUEST_ERROR',
        'INVALID_CARD',
        'Card does not belong to the customer.',
        'customer_id',
      );
    }
    const { id: _id, customer_id: _c, enabled: _e, reference_id: _r, merchant_id: _m, ...card_ } = card;
    return card_;
  }
  const brand = sourceId === 'cnon:google-pay-ok' ? 'MASTERCARD' : 'VISA';
  return { ...VISA, card_brand: brand, fingerprint: `sq-1-${fingerprintOf(sourceId)}` };
}

function fingerprintOf(source: string): string {
  // One fingerprint per test card: the documented tokens all stand for the same Visa.
  return source.startsWith('cnon:card-nonce') || source.startsWith('ccof:customer-card-id') ? 'visa-4111' : source;
}

async function createPayment(request: SquareRequest): Promise<Response> {
  const { body, state, merchant } = request;
  const sourceId = typeof body.source_id === 'string' ? body.source_id : '';
  if (!sourceId) return missing('source_id');
  const money = readMoney(body);
  if (money instanceof Response) return money;
  const locationId = (body.location_id as string | undefined) ?? merchant.locationId;
  if (locationId !== merchant.locationId) return notFound('Location');
  const now = state.now().toISOString();
  const usedKey = `used|${sourceId}`;
  if (
    sourceId === 'cnon:card-nonce-already-used' ||
    (!REUSABLE.has(sourceId) &&
      (sourceId.startsWith('cnon:') || sourceId.startsWith('bnon:')) &&
      state.idempotency.has(usedKey))
  ) {
    return squareError(400, 'INVALID_REQUEST_ERROR', 'CARD_TOKEN_USED', 'Card nonce already used.', 'source_id');
  }
  const id = nextId(state, 'SQPAY');
  const base: Json = {
    id,
    created_at: now,
    updated_at: now,
    amount_money: money,
    total_money: money,
    location_id: locationId,
    order_id: nextId(state, 'SQORD'),
    ...(body.reference_id ? { reference_id: body.reference_id } : {}),
    ...(body.customer_id ? { customer_id: body.customer_id } : {}),
    ...(body.note ? { note: body.note } : {}),
    receipt_number: id.slice(-4),
    receipt_url: `https://squareupsandbox.com/receipt/preview/${id}`,
    version_token: nextId(state, 'v'),
    application_details: { square_product: 'ECOMMERCE_API', application_id: 'sandbox-sq0idb-emulator' },
  };
  if (!REUSABLE.has(sourceId)) state.idempotency.set(usedKey, { requestBody: '', status: 0, body: '' });

  if (sourceId.startsWith('bnon:')) {
    const payment = {
      ...base,
      status: 'PENDING',
      source_type: 'BANK_ACCOUNT',
      bank_account_details: {
        bank_name: 'Citizens Bank',
        transfer_type: 'ACH',
        account_ownership_type: 'INDIVIDUAL',
        fingerprint: `sq-1-${sourceId}`,
        country: 'US',
        statement_description: 'SQ* WEHUB',
        ach_details: { routing_number: '011000015', account_number_suffix: '000', account_type: 'CHECKING' },
      },
      risk_evaluation: { created_at: now, risk_level: 'NORMAL' },
    };
    state.payments.set(id, { ...payment, merchant_id: merchant.id });
    emit(state, 'payment.created', { ...payment, merchant_id: merchant.id });
    return json(200, { payment });
  }

  const card = cardFor(request, sourceId);
  if (card instanceof Response) return card;
  const decline =
    DECLINES[sourceId] ??
    (sourceId === 'cnon:card-nonce-requires-verification' && !body.verification_token
      ? {
          code: 'CARD_DECLINED_VERIFICATION_REQUIRED',
          detail: 'Authorization error: CARD_DECLINED_VERIFICATION_REQUIRED',
        }
      : undefined);
  const entry = sourceId.startsWith('ccof:') ? 'ON_FILE' : 'KEYED';
  if (decline) {
    // Square answers a decline with the error and the FAILED payment (card details, fingerprint).
    const error = { code: decline.code, detail: decline.detail, category: 'PAYMENT_METHOD_ERROR' };
    const payment = {
      ...base,
      status: 'FAILED',
      source_type: 'CARD',
      card_details: {
        status: 'FAILED',
        card,
        entry_method: entry,
        cvv_status: decline.code === 'CVV_FAILURE' ? 'CVV_REJECTED' : 'CVV_ACCEPTED',
        avs_status: decline.code === 'ADDRESS_VERIFICATION_FAILURE' ? 'AVS_REJECTED' : 'AVS_ACCEPTED',
        errors: [error],
      },
    };
    state.payments.set(id, { ...payment, merchant_id: merchant.id });
    emit(state, 'payment.created', { ...payment, merchant_id: merchant.id });
    return json(state.declineStatus, { errors: [error], payment });
  }
  const autocomplete = body.autocomplete !== false;
  const payment = {
    ...base,
    status: autocomplete ? 'COMPLETED' : 'APPROVED',
    approved_money: money,
    source_type: 'CARD',
    card_details: {
      status: autocomplete ? 'CAPTURED' : 'AUTHORIZED',
      card,
      entry_method: entry,
      cvv_status: 'CVV_ACCEPTED',
      avs_status: 'AVS_ACCEPTED',
      statement_description: 'SQ *WEHUB',
    },
    ...(autocomplete ? {} : { delay_duration: 'PT168H', delay_action: 'CANCEL' }),
    risk_evaluation: { created_at: now, risk_level: sourceId === 'cnon:card-nonce-high-risk' ? 'HIGH' : 'NORMAL' },
    ...(autocomplete ? { processing_fee: [{ effective_at: now, type: 'INITIAL', amount_money: fee(money) }] } : {}),
  };
  state.payments.set(id, { ...payment, merchant_id: merchant.id });
  emit(state, 'payment.created', { ...payment, merchant_id: merchant.id });
  return json(200, { payment });
}

function fee(money: { amount: number; currency: string }) {
  return { amount: Math.round(money.amount * 0.029) + 30, currency: money.currency };
}

/** The payment as Square returns it (without the emulator's bookkeeping), or a 404 for another merchant's. */
function ownPayment(request: SquareRequest, id: string | undefined): Json | Response {
  const payment = id ? request.state.payments.get(id) : undefined;
  if (!payment || payment.merchant_id !== request.merchant.id) return notFound('Payment');
  return payment;
}

function transition(request: SquareRequest, to: 'COMPLETED' | 'CANCELED'): Response {
  const payment = ownPayment(request, request.params[0]);
  if (payment instanceof Response) return payment;
  if (payment.status === to) return json(200, { payment: publicView(payment) });
  if (payment.status !== 'APPROVED') {
    return squareError(
      400,
      'INVALID_REQUEST_ERROR',
      'BAD_REQUEST',
      `Payment is ${String(payment.status)}; it must be APPROVED.`,
    );
  }
  const now = request.state.now().toISOString();
  const card = payment.card_details as Json;
  Object.assign(payment, {
    status: to,
    updated_at: now,
    card_details: { ...card, status: to === 'COMPLETED' ? 'CAPTURED' : 'VOIDED' },
    ...(to === 'COMPLETED'
      ? { processing_fee: [{ effective_at: now, type: 'INITIAL', amount_money: fee(payment.amount_money as never) }] }
      : {}),
  });
  emit(request.state, 'payment.updated', payment);
  return json(200, { payment: publicView(payment) });
}

function createRefund(request: SquareRequest): Response {
  const { body, state } = request;
  const payment = ownPayment(request, typeof body.payment_id === 'string' ? body.payment_id : undefined);
  if (payment instanceof Response) return payment;
  const money = readMoney(body);
  if (money instanceof Response) return money;
  const paid = payment.amount_money as { amount: number; currency: string };
  if (money.currency !== paid.currency) {
    return squareError(
      400,
      'INVALID_REQUEST_ERROR',
      'REFUND_AMOUNT_INVALID',
      'Currency does not match the payment.',
      'amount_money.currency',
    );
  }
  if (payment.status !== 'COMPLETED') {
    return squareError(
      400,
      'INVALID_REQUEST_ERROR',
      'PAYMENT_NOT_REFUNDABLE',
      `Payment is ${String(payment.status)}.`,
      'payment_id',
    );
  }
  const refunded = ((payment.refunded_money as { amount: number } | undefined)?.amount ?? 0) + money.amount;
  if (refunded > paid.amount) {
    return squareError(
      400,
      'INVALID_REQUEST_ERROR',
      'REFUND_AMOUNT_INVALID',
      'The requested refund amount exceeds the amount available to refund.',
      'amount_money.amount',
    );
  }
  const now = state.now().toISOString();
  const refund: Json = {
    id: `${payment.id}_${nextId(state, 'R')}`,
    status: 'PENDING',
    amount_money: money,
    payment_id: payment.id,
    order_id: payment.order_id,
    location_id: payment.location_id,
    ...(body.reason ? { reason: body.reason } : {}),
    created_at: now,
    updated_at: now,
  };
  Object.assign(payment, {
    refunded_money: { amount: refunded, currency: paid.currency },
    refund_ids: [...((payment.refund_ids as string[] | undefined) ?? []), refund.id],
    updated_at: now,
  });
  state.refunds.set(String(refund.id), { ...refund, merchant_id: request.merchant.id });
  emit(state, 'refund.created', { ...refund, merchant_id: request.merchant.id });
  emit(state, 'payment.updated', payment);
  const delay = state.refundDelayMs;
  if (delay !== undefined) setTimeout(() => completeRefund(state, String(refund.id)), delay);
  return json(200, { refund });
}

function getRefund(request: SquareRequest): Response {
  const refund = request.params[0] ? request.state.refunds.get(request.params[0]) : undefined;
  if (!refund || refund.merchant_id !== request.merchant.id) return notFound('Refund');
  return json(200, { refund: publicView(refund) });
}

function listPayments(request: SquareRequest): Response {
  const begin = request.query.get('begin_time');
  const all = [...request.state.payments.values()]
    .filter((p) => p.merchant_id === request.merchant.id && (!begin || String(p.created_at) >= begin))
    .map(publicView);
  return json(200, all.length > 0 ? { payments: all } : {});
}

export const PAYMENT_ROUTES: SquareRoute[] = [
  { method: 'POST', path: /^\/v2\/payments$/, idempotent: true, handle: createPayment },
  { method: 'GET', path: /^\/v2\/payments$/, handle: listPayments },
  {
    method: 'GET',
    path: /^\/v2\/payments\/([^/]+)$/,
    handle: (r) => {
      const payment = ownPayment(r, r.params[0]);
      return payment instanceof Response ? payment : json(200, { payment: publicView(payment) });
    },
  },
  { method: 'POST', path: /^\/v2\/payments\/([^/]+)\/complete$/, handle: (r) => transition(r, 'COMPLETED') },
  { method: 'POST', path: /^\/v2\/payments\/([^/]+)\/cancel$/, handle: (r) => transition(r, 'CANCELED') },
  { method: 'POST', path: /^\/v2\/refunds$/, idempotent: true, handle: createRefund },
  { method: 'GET', path: /^\/v2\/refunds\/([^/]+)$/, handle: getRefund },
];
