import { json, missing, notFound, type SquareRequest, type SquareRoute, squareError } from './http.ts';
import { type Json, nextId } from './state.ts';

/**
 * The Customers and Cards APIs (developer.squareup.com/reference/square/customers-api, cards-api): a
 * customer per guest, cards on file stored from a payment token. A stored card is kept in `state.cards`
 * in Square's wire shape (its `customer_id`, `enabled` and `merchant_id` included), which is where
 * payments.ts finds it when a payment's `source_id` is a `ccof:` id.
 *
 * CreateCard takes Square's documented sandbox tokens:
 *   cnon:card-nonce-ok                     stores a Visa •1111 (reusable)
 *   cnon:card-nonce-declined               GENERIC_DECLINE
 *   cnon:card-nonce-rejected-cvv           CVV_FAILURE
 *   cnon:card-nonce-rejected-postalcode    ADDRESS_VERIFICATION_FAILURE
 *   cnon:card-nonce-rejected-expiration    INVALID_EXPIRATION
 *   cnon:card-nonce-insufficient-funds     INSUFFICIENT_FUNDS (the emulator's, as in payments.ts)
 *   cnon:card-nonce-requires-verification  CARD_DECLINED_VERIFICATION_REQUIRED unless a verification_token is sent
 *   cnon:google-pay-ok                     stores a Mastercard
 * Any other `cnon:` token stores a Visa once; a token already used (here or for a payment) is
 * CARD_TOKEN_USED. A source that is not a card token is INVALID_CARD_DATA.
 */
const DECLINES: Record<string, string> = {
  'cnon:card-nonce-declined': 'GENERIC_DECLINE',
  'cnon:card-nonce-rejected-cvv': 'CVV_FAILURE',
  'cnon:card-nonce-rejected-postalcode': 'ADDRESS_VERIFICATION_FAILURE',
  'cnon:card-nonce-rejected-expiration': 'INVALID_EXPIRATION',
  'cnon:card-nonce-insufficient-funds': 'INSUFFICIENT_FUNDS',
};

/** Square documents these as reusable in the sandbox; every other token is single-use. */
const REUSABLE = new Set(['cnon:card-nonce-ok', 'cnon:card-nonce-high-risk']);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The stored object without the emulator's bookkeeping (customers keep their merchant out of the wire). */
function publicCustomer(customer: Json): Json {
  const { merchant_id: _m, ...rest } = customer;
  return rest;
}

function ownCustomer(request: SquareRequest, id: string | undefined): Json | undefined {
  const customer = id ? request.state.customers.get(id) : undefined;
  return customer?.merchant_id === request.merchant.id ? customer : undefined;
}

function createCustomer(request: SquareRequest): Response {
  const { body, state, merchant } = request;
  const given = text(body.given_name);
  const family = text(body.family_name);
  const email = text(body.email_address);
  if (!given && !family && !email && !text(body.company_name) && !text(body.phone_number)) {
    return squareError(
      400,
      'INVALID_REQUEST_ERROR',
      'MISSING_REQUIRED_PARAMETER',
      'At least one of the following fields must be set: given_name, family_name, company_name, email_address, phone_number.',
    );
  }
  if (email && !EMAIL.test(email)) {
    return squareError(
      400,
      'INVALID_REQUEST_ERROR',
      'INVALID_EMAIL_ADDRESS',
      'Invalid email address.',
      'email_address',
    );
  }
  const now = state.now().toISOString();
  const customer: Json = {
    id: nextId(state, 'C'),
    created_at: now,
    updated_at: now,
    ...(given ? { given_name: given } : {}),
    ...(family ? { family_name: family } : {}),
    ...(email ? { email_address: email } : {}),
    ...(text(body.reference_id) ? { reference_id: body.reference_id } : {}),
    preferences: { email_unsubscribed: false },
    creation_source: 'THIRD_PARTY',
    version: 0,
  };
  state.customers.set(String(customer.id), { ...customer, merchant_id: merchant.id });
  return json(200, { customer });
}

function cardError(code: string): Response {
  return squareError(400, 'PAYMENT_METHOD_ERROR', code, `Authorization error: ${code}`);
}

function createCard(request: SquareRequest): Response {
  const { body, state, merchant } = request;
  const sourceId = text(body.source_id);
  if (!sourceId) return missing('source_id');
  const card = body.card as Json | undefined;
  if (!card || typeof card !== 'object') return missing('card');
  const customerId = text(card.customer_id);
  if (!customerId) return missing('card.customer_id');
  if (!ownCustomer(request, customerId)) return notFound('Customer');
  if (!sourceId.startsWith('cnon:')) {
    return squareError(400, 'INVALID_REQUEST_ERROR', 'INVALID_CARD_DATA', 'Invalid card data.', 'source_id');
  }
  const usedKey = `used|${sourceId}`;
  if (!REUSABLE.has(sourceId) && state.idempotency.has(usedKey)) {
    return squareError(400, 'INVALID_REQUEST_ERROR', 'CARD_TOKEN_USED', 'Card nonce already used.', 'source_id');
  }
  const declined =
    DECLINES[sourceId] ??
    (sourceId === 'cnon:card-nonce-requires-verification' && !body.verification_token
      ? 'CARD_DECLINED_VERIFICATION_REQUIRED'
      : undefined);
  if (declined) return cardError(declined);
  // Payments and CreateCard share one record of spent tokens: a token stored as a card cannot also pay.
  if (!REUSABLE.has(sourceId)) state.idempotency.set(usedKey, { requestBody: '', status: 0, body: '' });

  const now = state.now().toISOString();
  const mastercard = sourceId === 'cnon:google-pay-ok';
  const stored: Json = {
    id: `ccof:${nextId(state, '')}`,
    card_brand: mastercard ? 'MASTERCARD' : 'VISA',
    last_4: mastercard ? '5100' : '1111',
    exp_month: 12,
    exp_year: 2030,
    ...(text(card.cardholder_name) ? { cardholder_name: card.cardholder_name } : {}),
    ...(card.billing_address && typeof card.billing_address === 'object'
      ? { billing_address: card.billing_address }
      : {}),
    fingerprint: `sq-1-${fingerprintOf(sourceId)}`,
    customer_id: customerId,
    merchant_id: merchant.id,
    ...(text(card.reference_id) ? { reference_id: card.reference_id } : {}),
    enabled: true,
    card_type: 'CREDIT',
    prepaid_type: 'NOT_PREPAID',
    bin: mastercard ? '510510' : '411111',
    created_at: now,
    version: 1,
  };
  state.cards.set(String(stored.id), stored);
  return json(200, { card: stored });
}

/**
 * The documented tokens stand for the same Visa (the fingerprint payments.ts gives them); any other
 * token is its own card. A fingerprint never carries the token itself: clients store fingerprints.
 */
function fingerprintOf(source: string): string {
  if (source.startsWith('cnon:card-nonce')) return 'visa-4111';
  let hash = 0x811c9dc5;
  for (const ch of source) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return `card-${hash.toString(16).padStart(8, '0')}`;
}

function ownCard(request: SquareRequest, id: string | undefined): Json | Response {
  const card = id ? request.state.cards.get(id) : undefined;
  if (!card || card.merchant_id !== request.merchant.id) return notFound('Card');
  return card;
}

function listCards(request: SquareRequest): Response {
  const { query } = request;
  const customerId = query.get('customer_id');
  const referenceId = query.get('reference_id');
  const withDisabled = query.get('include_disabled') === 'true';
  const cards = [...request.state.cards.values()].filter(
    (c) =>
      c.merchant_id === request.merchant.id &&
      (!customerId || c.customer_id === customerId) &&
      (!referenceId || c.reference_id === referenceId) &&
      (withDisabled || c.enabled !== false),
  );
  if (query.get('sort_order') === 'DESC') cards.reverse();
  // Square leaves an empty list out of the body.
  return json(200, cards.length > 0 ? { cards } : {});
}

/** Disabling a disabled card is allowed and changes nothing (Cards API, DisableCard). */
function disableCard(request: SquareRequest): Response {
  const card = ownCard(request, request.params[0]);
  if (card instanceof Response) return card;
  if (card.enabled !== false) {
    Object.assign(card, {
      enabled: false,
      disabled_at: request.state.now().toISOString(),
      version: Number(card.version ?? 1) + 1,
    });
  }
  return json(200, { card });
}

export const CUSTOMER_ROUTES: SquareRoute[] = [
  { method: 'POST', path: /^\/v2\/customers$/, idempotent: true, handle: createCustomer },
  {
    method: 'GET',
    path: /^\/v2\/customers\/([^/]+)$/,
    handle: (r) => {
      const customer = ownCustomer(r, r.params[0]);
      return customer ? json(200, { customer: publicCustomer(customer) }) : notFound('Customer');
    },
  },
  { method: 'POST', path: /^\/v2\/cards$/, idempotent: true, handle: createCard },
  { method: 'GET', path: /^\/v2\/cards$/, handle: listCards },
  {
    method: 'GET',
    path: /^\/v2\/cards\/([^/]+)$/,
    handle: (r) => {
      const card = ownCard(r, r.params[0]);
      return card instanceof Response ? card : json(200, { card });
    },
  },
  { method: 'POST', path: /^\/v2\/cards\/([^/]+)\/disable$/, handle: disableCard },
];
