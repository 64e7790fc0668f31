import { createRoute, OpenAPIHono, type RouteConfig, type z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { AppError, type FieldError } from '../errors';
import { authenticate, requireHotelParam, requireScopes } from '../modules/auth/auth.middleware';
import type { Scope } from '../modules/auth/scopes';
import { rateLimit } from '../modules/platform/rate-limit';

export function fieldErrors(error: z.ZodError, prefix?: string): FieldError[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return { path: prefix ? (path ? `${prefix}.${path}` : prefix) : path, message: issue.message };
  });
}

/** A sub-app whose request validation failures become one `validation_failed` problem. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const target = result.target === 'json' ? 'body' : result.target;
        throw new AppError('validation_failed', `The request ${target} is invalid.`, {
          errors: fieldErrors(result.error, target === 'body' ? undefined : target),
        });
      }
    },
  });
}

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
 * all of `/api/*`, so partner routes can use their own scheme: src/modules/auth/partner-route.ts): the scopes are both documented (OpenAPI security requirement,
 * read back by test/platform/auth-coverage.test.ts) and enforced (route middleware), from one place.
 * A `{hotel_id}` in the path is checked against the credential's hotels there too, before the request
 * is validated. `extra` middleware (e.g. idempotent()) runs after those checks, so a refused request
 * never claims an idempotency key.
 */
export function securedRoute<
  P extends string,
  R extends Omit<RouteConfig, 'path' | 'security' | 'middleware'> & { path: P },
>(rule: ScopeRule, config: R, ...extra: MiddlewareHandler<AppEnv>[]) {
  const options = alternatives(rule);
  return createRoute({
    ...config,
    security: options.flatMap((scopes) => [{ ApiKey: scopes }, { Bearer: scopes }]),
    middleware: [
      jsonOnly,
      authenticate,
      rateLimit,
      ...(rule === null ? [] : [requireScopes(options)]),
      ...(config.path.includes('{hotel_id}') ? [requireHotelParam] : []),
      ...extra,
    ],
  } as R & { path: P });
}

const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i;

/** JSON APIs take JSON: a body in another media type is a 415, not a parse error deep inside. */
export const jsonOnly = createMiddleware<AppEnv>(async (c, next) => {
  const method = c.req.method;
  if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
    const length = c.req.header('content-length');
    const hasBody = (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined;
    const type = c.req.header('content-type') ?? '';
    if (hasBody && !JSON_TYPE.test(type)) {
      throw new AppError('unsupported_media_type', `Send the body as application/json (got "${type || 'none'}").`);
    }
  }
  await next();
});
