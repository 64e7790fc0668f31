/**
 * The emulator's memory: what a Square account holds, in Square's wire shape (snake_case JSON, money as
 * `{amount, currency}` with the amount a JSON number). One instance is one Square environment: several
 * access tokens (the platform's, hotels' OAuth tokens) each name a merchant and its location.
 */
export type Money = { amount: number; currency: string };
export type Json = Record<string, unknown>;

export type Merchant = { id: string; locationId: string };

/** What changed in the account: the emulator's side of Square's webhook events (./notifications.ts). */
export type SquareChangeType =
  | 'payment.created'
  | 'payment.updated'
  | 'refund.created'
  | 'refund.updated'
  | 'dispute.created'
  | 'dispute.state.updated';

/** One change: its event type, whose account, and the object as Square's API would return it now. */
export type SquareChange = { type: SquareChangeType; merchantId: string; locationId: string; object: Json };

export type SquareBehaviour = {
  now?: () => Date;
  /** Called after every change Square would publish as a webhook event (none on an idempotent replay). */
  onChange?: (change: SquareChange) => void;
  /**
   * The HTTP status of a declined CreatePayment. Square's documentation gives the error body
   * (`PAYMENT_METHOD_ERROR` + the FAILED payment) but not the status: 400 by default, 402 to check that
   * a client reads the error category rather than the status.
   */
  declineStatus?: 400 | 402;
  /** Square refunds start PENDING; with this set, each completes by itself after so many ms. */
  refundDelayMs?: number;
};

export type SquareState = {
  /** access token → merchant; a request with any other Bearer token is UNAUTHORIZED. */
  tokens: Map<string, Merchant>;
  payments: Map<string, Json>;
  refunds: Map<string, Json>;
  customers: Map<string, Json>;
  cards: Map<string, Json>;
  disputes: Map<string, Json>;
  /** `${merchant}|${method} ${path}|${idempotency_key}` → the first request's body and answer. */
  idempotency: Map<string, { requestBody: string; status: number; body: string }>;
  /** Every request received, in order (tests read what Square was sent). */
  received: { method: string; path: string; headers: Record<string, string>; body: string }[];
  counter: number;
  now: () => Date;
  onChange: (change: SquareChange) => void;
  declineStatus: 400 | 402;
  refundDelayMs: number | undefined;
};

export function createState(options: { tokens: Record<string, Merchant> } & SquareBehaviour): SquareState {
  return {
    tokens: new Map(Object.entries(options.tokens)),
    payments: new Map(),
    refunds: new Map(),
    customers: new Map(),
    cards: new Map(),
    disputes: new Map(),
    idempotency: new Map(),
    received: [],
    counter: 0,
    now: options.now ?? (() => new Date()),
    onChange: options.onChange ?? (() => {}),
    declineStatus: options.declineStatus ?? 400,
    refundDelayMs: options.refundDelayMs,
  };
}

/** A stored object as Square returns it: without the emulator's bookkeeping (whose account it is). */
export function publicView(stored: Json): Json {
  const { merchant_id: _m, ...rest } = stored;
  return rest;
}

/** Tells the hook about a stored object's new state (a copy: the emulator keeps changing its own). */
export function emit(state: SquareState, type: SquareChangeType, stored: Json): void {
  const object = structuredClone(publicView(stored));
  state.onChange({
    type,
    merchantId: String(stored.merchant_id),
    locationId: String(object.location_id ?? ''),
    object,
  });
}

/** Square-looking ids: upper-case base32-ish, prefixed so a reader can tell them apart in logs. */
export function nextId(state: SquareState, prefix: string): string {
  state.counter += 1;
  const random = [...crypto.getRandomValues(new Uint8Array(10))].map((b) => 'ABCDEFGHJKMNPQRSTVWXYZ0123456789'[b % 32]);
  return `${prefix}${String(state.counter).padStart(4, '0')}${random.join('')}`;
}
