import type { Json, Merchant, SquareState } from './state.ts';

/** One request as a route handler sees it: the caller's merchant, the parsed body, the path's ids. */
export type SquareRequest = {
  method: string;
  path: string;
  params: string[];
  query: URLSearchParams;
  body: Json;
  /** The request's headers (OAuth's revoke authenticates by `Authorization: Client <secret>`). */
  headers: Headers;
  merchant: Merchant;
  state: SquareState;
};

export type SquareRoute = {
  method: string;
  /** Over the path; capture groups become `params`. */
  path: RegExp;
  /** Mutating POSTs carry `idempotency_key`: a repeat with the same body gets the first answer again. */
  idempotent?: boolean;
  /** Routes Square serves without a Bearer token (OAuth's token endpoint authenticates by client secret). */
  public?: boolean;
  handle: (request: SquareRequest) => Response | Promise<Response>;
};

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** Square's error envelope: `{"errors":[{category, code, detail, field?}]}`. */
export function squareError(status: number, category: string, code: string, detail: string, field?: string): Response {
  return json(status, { errors: [{ category, code, detail, ...(field ? { field } : {}) }] });
}

export const notFound = (what: string) => squareError(404, 'INVALID_REQUEST_ERROR', 'NOT_FOUND', `${what} not found.`);

export function missing(field: string): Response {
  return squareError(400, 'INVALID_REQUEST_ERROR', 'MISSING_REQUIRED_PARAMETER', `Field must be set`, field);
}

/** `amount_money` as Square validates it: a positive integer amount and a currency. */
export function readMoney(body: Json, field = 'amount_money'): { amount: number; currency: string } | Response {
  const money = body[field] as Json | undefined;
  if (!money || typeof money !== 'object') return missing(field);
  const { amount, currency } = money as { amount?: unknown; currency?: unknown };
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 1) {
    return squareError(400, 'INVALID_REQUEST_ERROR', 'INVALID_VALUE', 'Invalid amount.', `${field}.amount`);
  }
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) {
    return squareError(400, 'INVALID_REQUEST_ERROR', 'INVALID_VALUE', 'Invalid currency.', `${field}.currency`);
  }
  return { amount, currency };
}
