import type { Square } from 'square';
import { sha256Hex } from '../../lib/crypto';
import { callSquare, loadSquare, type SquareAccount, type SquareDeps, toSquareMoney } from './square.client';

/**
 * A CreatePayment as stored in `payments.pending_request`: plain JSON (amount a number), exactly what is
 * sent to Square, so a retry after a lost answer sends the identical request under the same key —
 * Square answers a repeated key with the original outcome only when the parameters are the same.
 */
export type CreatePaymentWire = {
  idempotency_key: string;
  source_id: string;
  amount: number;
  currency: string;
  location_id: string;
  reference_id: string;
  autocomplete: boolean;
  verification_token?: string;
  customer_id?: string;
  note?: string;
};

/**
 * The key Square sees: derived from the hotel and the caller's key, so a retry of the same request
 * (whatever credential sends it) reaches Square under the same key, and two hotels' keys never meet.
 * Square allows at most 45 characters: `wh1-` and 40 hex digits of SHA-256.
 */
export async function squareKeyFor(hotelId: string, key: string): Promise<string> {
  return `wh1-${(await sha256Hex(`${hotelId}\n${key}`)).slice(0, 40)}`;
}

function toCreateRequest(w: CreatePaymentWire): Square.CreatePaymentRequest {
  return {
    idempotencyKey: w.idempotency_key,
    sourceId: w.source_id,
    amountMoney: toSquareMoney(w.amount, w.currency),
    locationId: w.location_id,
    referenceId: w.reference_id,
    autocomplete: w.autocomplete,
    ...(w.verification_token ? { verificationToken: w.verification_token } : {}),
    ...(w.customer_id ? { customerId: w.customer_id } : {}),
    ...(w.note ? { note: w.note } : {}),
  };
}

type Account = Pick<SquareAccount, 'accessToken'>;

export function createOnSquare(deps: SquareDeps, account: Account, wire: CreatePaymentWire) {
  return callSquare(deps, account, async (c) => (await c.payments.create(toCreateRequest(wire))).payment);
}

export function getOnSquare(deps: SquareDeps, account: Account, paymentId: string) {
  return callSquare(deps, account, async (c) => (await c.payments.get({ paymentId })).payment);
}

export function completeOnSquare(deps: SquareDeps, account: Account, paymentId: string) {
  return callSquare(deps, account, async (c) => (await c.payments.complete({ paymentId })).payment);
}

export function cancelOnSquare(deps: SquareDeps, account: Account, paymentId: string) {
  return callSquare(deps, account, async (c) => (await c.payments.cancel({ paymentId })).payment);
}

/** The location's payments created in [begin, end): a few hundred at most, enough to find one lost answer. */
export function listOnSquare(deps: SquareDeps, account: SquareAccount, begin: Date, end: Date) {
  return callSquare(deps, account, async (c) => {
    const page = await c.payments.list({
      beginTime: begin.toISOString(),
      endTime: end.toISOString(),
      locationId: account.locationId,
    });
    const found: Square.Payment[] = [];
    for await (const p of page) {
      found.push(p);
      if (found.length >= 500) break;
    }
    return found;
  });
}

/**
 * Square answers a decline with the error *and* the FAILED payment (card brand, last 4, fingerprint);
 * this reads that payment from the refusal's raw body in the SDK's shape, or undefined.
 */
export async function failedPaymentOf(body: unknown): Promise<Square.Payment | undefined> {
  const raw = body !== null && typeof body === 'object' ? (body as { payment?: unknown }).payment : undefined;
  if (raw === undefined || raw === null) return undefined;
  const sdk = await loadSquare();
  const parsed = sdk.serialization.Payment.parse(raw, {
    unrecognizedObjectKeys: 'passthrough',
    allowUnrecognizedEnumValues: true,
    allowUnrecognizedUnionMembers: true,
    skipValidation: true,
  });
  return parsed.ok ? parsed.value : undefined;
}

/**
 * Square's codes that mean "this payment source did not pay" (Payments API error codes: the card
 * errors, category PAYMENT_METHOD_ERROR, and the token errors of a spent or bad nonce). They are the
 * buyer's to fix with another card or a new token, so we answer 402 with the code; any other refusal
 * (our credentials, our request) is a 502 gateway_error.
 */
const SOURCE_CODES = new Set([
  'ADDRESS_VERIFICATION_FAILURE',
  'ALLOWABLE_PIN_TRIES_EXCEEDED',
  'BAD_EXPIRATION',
  'CARD_DECLINED',
  'CARD_DECLINED_CALL_ISSUER',
  'CARD_DECLINED_VERIFICATION_REQUIRED',
  'CARD_EXPIRED',
  'CARD_NOT_SUPPORTED',
  'CARD_TOKEN_EXPIRED',
  'CARD_TOKEN_USED',
  'CHIP_INSUFFICIENT_FUNDS',
  'CVV_FAILURE',
  'EXPIRATION_FAILURE',
  'GENERIC_DECLINE',
  'GIFT_CARD_AVAILABLE_AMOUNT',
  'INSUFFICIENT_FUNDS',
  'INVALID_ACCOUNT',
  'INVALID_CARD',
  'INVALID_CARD_DATA',
  'INVALID_EXPIRATION',
  'INVALID_PIN',
  'INVALID_POSTAL_CODE',
  'MANUALLY_ENTERED_PAYMENT_NOT_SUPPORTED',
  'PAN_FAILURE',
  'PAYMENT_LIMIT_EXCEEDED',
  'TRANSACTION_LIMIT',
  'VOICE_FAILURE',
  'ACCOUNT_UNUSABLE',
  'BUYER_REFUSED_PAYMENT',
  'DELAYED_TRANSACTION_EXPIRED',
]);

export function isDeclineCode(code: string): boolean {
  return SOURCE_CODES.has(code);
}

export function declineDetail(code: string, squareDetail: string | null): string {
  if (code === 'CARD_DECLINED_VERIFICATION_REQUIRED') {
    return (
      'The card issuer requires 3-D Secure: run verifyBuyer in the Web Payments SDK and send the payment again ' +
      'with its verification_token (and a new idempotency key).'
    );
  }
  if (code === 'CARD_TOKEN_USED' || code === 'CARD_TOKEN_EXPIRED') {
    return 'The payment token was already used or has expired: tokenize the card again and send a new request.';
  }
  return `Square declined the payment (${code})${squareDetail ? `: ${squareDetail}` : ''}.`;
}
