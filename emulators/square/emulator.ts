import {
  completePendingRefunds,
  completeRefund,
  type DisputeState,
  type OpenDispute,
  openDispute,
  settlePayment,
  updateDispute,
} from './controls.ts';
import { CUSTOMER_ROUTES } from './customers.ts';
import { type SquareRoute, squareError } from './http.ts';
import { configureOAuth, OAUTH_ROUTES, type OAuthApplication, type OAuthMerchant } from './oauth.ts';
import { PAYMENT_ROUTES } from './payments.ts';
import { createState, type Json, type Merchant, type SquareBehaviour, type SquareState } from './state.ts';

/**
 * A local Square: the subset of Square's API this product uses, in Square's wire format, with Square's
 * sandbox test values and idempotency semantics. The tests call `fetch` directly (in workerd); `npm run
 * dev` serves it over HTTP (./server.ts) and points PAYMENT_GATEWAY_API_URL at it.
 *
 * Faults stand in for a network that misbehaves: `drop-before` (the request never reached Square),
 * `drop-after` (Square acted, the answer was lost), `hang` (no answer until the caller gives up),
 * `server-error` (a 500 before acting). Each applies to the next matching request, once.
 */
export type Fault = { kind: 'drop-before' | 'drop-after' | 'hang' | 'server-error'; method?: string; path?: RegExp };

export type SquareEmulatorOptions = SquareBehaviour & {
  /** access token → merchant and location. */
  tokens: Record<string, Merchant>;
  /** More routes (customers and cards, OAuth, disputes) registered by their modules. */
  routes?: SquareRoute[];
  /** The OAuth application hotels authorise, and the merchant that approves (oauth.ts). */
  oauth?: { application: OAuthApplication; merchant?: OAuthMerchant };
};

export type SquareEmulator = {
  fetch: (request: Request) => Promise<Response>;
  state: SquareState;
  fault: (fault: Fault) => void;
  /** What a settled ACH payment looks like afterwards: PENDING → COMPLETED (or FAILED). */
  settle: (paymentId: string, outcome?: 'COMPLETED' | 'FAILED') => Json;
  /** Completes one PENDING refund, or all of them: what Square does on its own a little later. */
  completeRefunds: (refundId?: string) => Json[];
  /** The buyer's bank disputes a completed payment (all of it unless `amount`). */
  openDispute: (paymentId: string, options?: OpenDispute) => Json;
  updateDispute: (disputeId: string, to: DisputeState) => Json;
};

export function createSquareEmulator(options: SquareEmulatorOptions): SquareEmulator {
  const state = createState(options);
  const routes = [...PAYMENT_ROUTES, ...CUSTOMER_ROUTES, ...OAUTH_ROUTES, ...(options.routes ?? [])];
  if (options.oauth) configureOAuth(state, options.oauth);
  const faults: Fault[] = [];
  /** Idempotency slots whose first request is still being handled. */
  const running = new Map<string, Promise<void>>();

  const fetch = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const body = request.method === 'GET' ? '' : await request.text();
    state.received.push({
      method: request.method,
      path: url.pathname,
      headers: Object.fromEntries(request.headers),
      body,
    });
    const faultAt = faults.findIndex(
      (f) => (!f.method || f.method === request.method) && (!f.path || f.path.test(url.pathname)),
    );
    const fault = faultAt >= 0 ? faults.splice(faultAt, 1)[0] : undefined;
    if (fault?.kind === 'drop-before') throw new TypeError('Network connection lost.');
    if (fault?.kind === 'server-error') {
      return squareError(500, 'API_ERROR', 'INTERNAL_SERVER_ERROR', 'An internal error occurred.');
    }
    if (fault?.kind === 'hang') {
      return new Promise((_, reject) => {
        request.signal.addEventListener('abort', () => reject(request.signal.reason));
      });
    }
    const response = await handle(request, url, body);
    if (fault?.kind === 'drop-after') throw new TypeError('Network connection lost.');
    return response;
  };

  async function handle(request: Request, url: URL, raw: string): Promise<Response> {
    const route = routes.find((r) => r.method === request.method && r.path.test(url.pathname));
    if (!route) return squareError(404, 'INVALID_REQUEST_ERROR', 'NOT_FOUND', `No ${request.method} ${url.pathname}.`);
    const token = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
    const merchant = token ? state.tokens.get(token) : undefined;
    if (!route.public && !merchant) {
      return squareError(401, 'AUTHENTICATION_ERROR', 'UNAUTHORIZED', 'This request could not be authorized.');
    }
    let body: Record<string, unknown> = {};
    if (raw) {
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return squareError(400, 'INVALID_REQUEST_ERROR', 'INVALID_CONTENT_TYPE', 'The body is not JSON.');
      }
    }
    // Ids arrive percent-encoded (a card id's `ccof:` is sent as `ccof%3A`).
    const params = (route.path.exec(url.pathname)?.slice(1) ?? []).map(decodePath);
    const call = () =>
      route.handle({
        method: request.method,
        path: url.pathname,
        params,
        query: url.searchParams,
        body,
        headers: request.headers,
        merchant: merchant ?? { id: '', locationId: '' },
        state,
      });
    if (!route.idempotent) return call();
    const key = typeof body.idempotency_key === 'string' ? body.idempotency_key : '';
    if (!key)
      return squareError(
        400,
        'INVALID_REQUEST_ERROR',
        'MISSING_REQUIRED_PARAMETER',
        'Field must be set',
        'idempotency_key',
      );
    // Square keeps a key's first answer; the same key with other parameters is refused.
    const slot = `${merchant?.id}|${request.method} ${url.pathname}|${key}`;
    // Square answers a key once: a request arriving while the first with its key runs waits for that answer.
    // From here to `running.set` nothing awaits, so two requests cannot both find the slot free.
    while (running.has(slot)) await running.get(slot);
    const seen = state.idempotency.get(slot);
    if (seen) {
      if (seen.requestBody !== raw) {
        return squareError(
          400,
          'INVALID_REQUEST_ERROR',
          'IDEMPOTENCY_KEY_REUSED',
          // Square's wording (developer.squareup.com/docs/build-basics/common-api-patterns/idempotency).
          'The idempotency key can only be retried with the same request data.',
        );
      }
      return new Response(seen.body, { status: seen.status, headers: { 'content-type': 'application/json' } });
    }
    const first = (async () => {
      const response = await call();
      state.idempotency.set(slot, { requestBody: raw, status: response.status, body: await response.clone().text() });
      return response;
    })();
    running.set(
      slot,
      first.then(
        () => undefined,
        () => undefined,
      ),
    );
    try {
      return await first;
    } finally {
      running.delete(slot);
    }
  }

  return {
    fetch,
    state,
    fault: (f) => faults.push(f),
    settle: (paymentId, outcome) => settlePayment(state, paymentId, outcome),
    completeRefunds: (refundId) => {
      if (refundId === undefined) return completePendingRefunds(state);
      const refund = completeRefund(state, refundId);
      return refund ? [refund] : [];
    },
    openDispute: (paymentId, options) => openDispute(state, paymentId, options),
    updateDispute: (disputeId, to) => updateDispute(state, disputeId, to),
  };
}

function decodePath(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
