import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../env';
import { jsonOnly } from '../../lib/openapi';
import { rateLimit } from '../platform/rate-limit';
import { RATE_LIMIT_HEADER_DOCS } from '../platform/rate-limit.rules';
import { authenticate, requireHotelParam, requireScopes } from './auth.middleware';
import type { Scope } from './scopes';

/**
 * What a route asks of a credential: one scope, every scope of a list, any one of `anyOf`, or (`null`)
 * only that it is valid.
 */
export type ScopeRule = Scope | readonly Scope[] | { anyOf: readonly Scope[] } | null;

/** OpenAPI security requirements are alternatives (OR) of scope lists (AND). */
function alternatives(rule: ScopeRule): Scope[][] {
  if (rule === null) return [[]];
  if (typeof rule === 'string') return [[rule]];
  if ('anyOf' in rule) return rule.anyOf.map((s) => [s]);
  return [[...rule]];
}

/**
 * createRoute plus its credential rule (an API key or Bearer token, checked per route rather than for
 * all of `/api/*`, so partner routes can use their own scheme: partner-route.ts): the scopes are
 * both documented (OpenAPI security requirement, read back by test/platform/auth-coverage.test.ts) and enforced (route middleware), from one place.
 * A `{hotel_id}` in the path is checked against the credential's hotels there too, before the request
 * is validated. `extra` middleware (e.g. idempotent()) runs after those checks, so a refused request
 * never claims an idempotency key.
 */
type Responses = RouteConfig['responses'];

const LIMIT_HEADERS = Object.fromEntries(
  Object.entries(RATE_LIMIT_HEADER_DOCS).map(([name, description]) => [
    name,
    { description, schema: { type: name === 'RateLimit-Policy' ? 'string' : 'integer' } } as const,
  ]),
);
const RETRY_AFTER = { description: 'Seconds to wait (= RateLimit-Reset).', schema: { type: 'integer' } } as const;

/**
 * Documents the RateLimit-* headers on every response of a limited route (Retry-After too on its 429).
 * Responses whose headers are a zod object keep them as they are: the generator cannot merge the forms.
 */
function withLimitHeaders(responses: Responses): Responses {
  return Object.fromEntries(
    Object.entries(responses).map(([status, response]) => {
      if (!response || '$ref' in response) return [status, response];
      const own = response.headers;
      if (own !== undefined && !isPlainHeaders(own)) return [status, response];
      const limits = status === '429' ? { ...LIMIT_HEADERS, 'Retry-After': RETRY_AFTER } : LIMIT_HEADERS;
      return [status, { ...response, headers: { ...limits, ...own } }];
    }),
  );
}

function isPlainHeaders(headers: object): headers is Record<string, object> {
  return !('_zod' in headers || '_def' in headers);
}

export function securedRoute<
  P extends string,
  R extends Omit<RouteConfig, 'path' | 'security' | 'middleware'> & { path: P },
>(rule: ScopeRule, config: R, ...extra: MiddlewareHandler<AppEnv>[]) {
  const options = alternatives(rule);
  return createRoute({
    ...config,
    responses: withLimitHeaders(config.responses),
    security: options.flatMap((scopes) => [{ ApiKey: scopes }, { Bearer: scopes }]),
    middleware: [
      // Credential first: an unauthenticated caller gets 401 whatever it sent.
      authenticate,
      rateLimit,
      jsonOnly,
      ...(rule === null ? [] : [requireScopes(options)]),
      ...(config.path.includes('{hotel_id}') ? [requireHotelParam] : []),
      ...extra,
    ],
  } as R & { path: P });
}
