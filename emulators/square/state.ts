/**
 * The emulator's memory: what a Square account holds, in Square's wire shape (snake_case JSON, money as
 * `{amount, currency}` with the amount a JSON number). One instance is one Square environment: several
 * access tokens (the platform's, hotels' OAuth tokens) each name a merchant and its location.
 */
export type Money = { amount: number; currency: string };
export type Json = Record<string, unknown>;

export type Merchant = { id: string; locationId: string };

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
};

export function createState(options: { tokens: Record<string, Merchant>; now?: () => Date }): SquareState {
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
  };
}

/** Square-looking ids: upper-case base32-ish, prefixed so a reader can tell them apart in logs. */
export function nextId(state: SquareState, prefix: string): string {
  state.counter += 1;
  const random = [...crypto.getRandomValues(new Uint8Array(10))].map((b) => 'ABCDEFGHJKMNPQRSTVWXYZ0123456789'[b % 32]);
  return `${prefix}${String(state.counter).padStart(4, '0')}${random.join('')}`;
}
