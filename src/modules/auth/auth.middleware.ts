import { createMiddleware } from 'hono/factory';
import type { AppEnv, Principal } from '../../env';
import { AppError } from '../../errors';
import { headerOnAnswer } from '../../lib/answer-headers';
import { timingSafeEqualStrings } from '../../lib/crypto';
import { clientKeyOfAddress, ipAllowed } from '../../lib/ip';
import { principalOfGrantToken } from '../oauth/grant-principal';
import { assertHotelAccess } from './access';
import { assertAddressNotRefused, countFailedAuthentication } from './auth-failures';
import { apiKeyKind, findActiveKeyById, findActiveKeyBySecret, principalOfKey, rateLimitsOfKey } from './keys.service';
import { hasScope, SCOPES, type Scope } from './scopes';
import { verifyToken } from './tokens.service';

const ADMIN: Principal = {
  kind: 'admin',
  id: 'admin',
  keyId: null,
  scopes: SCOPES,
  hotelIds: null,
  allowedOrigins: [],
};

type Ctx = Parameters<Parameters<typeof createMiddleware<AppEnv>>[0]>[0];

/**
 * The principal of an API key (or the platform admin key); throws 401/403/429 like any credential
 * check. Also used by the OAuth sign-in form (src/modules/oauth), where the key arrives in a POST body.
 */
export async function principalOfApiKey(c: Ctx, apiKey: string): Promise<Principal> {
  const config = c.get('config');
  if (config.ADMIN_API_KEY && (await timingSafeEqualStrings(apiKey, config.ADMIN_API_KEY))) return ADMIN;
  const db = c.get('db');
  const kind = await apiKeyKind(db, apiKey);
  // A key that fails its checksum was never issued: refused without a D1 read, so it needs no limit.
  if (kind === 'forged') throw new AppError('unauthorized', 'The API key is invalid or revoked.');
  // Legacy-shaped keys can be made up in bulk and cost a D1 read each: their failures are limited
  // per client before the lookup. A key with a valid checksum is always looked up, so nobody else's
  // failures at its address can lock it out.
  const legacy = kind === 'legacy';
  const client = clientKeyOfAddress(c.req.header('cf-connecting-ip'));
  const row = await findActiveKeyBySecret(db, apiKey, legacy ? () => assertAddressNotRefused(client) : undefined);
  if (!row) {
    if (legacy) await countFailedAuthentication(c.env.AUTH_FAILURE_LIMITER, client);
    throw new AppError('unauthorized', 'The API key is invalid or revoked.');
  }
  if (!ipAllowed(row.allowedIps, c.req.header('cf-connecting-ip'))) {
    throw new AppError('forbidden', 'This API key may not be used from this address.');
  }
  return principalOfKey(row);
}

async function resolvePrincipal(c: Ctx): Promise<Principal> {
  const config = c.get('config');
  const apiKey = c.req.header('x-api-key');
  const authorization = c.req.header('authorization');
  if (apiKey) return principalOfApiKey(c, apiKey);
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match?.[1]) throw new AppError('unauthorized', 'Authorization must be "Bearer <token>".');
    const { principal, keyId, grantId } = await verifyToken(config, match[1]);
    if (grantId) return principalOfGrantToken(c.get('db'), principal, grantId);
    if (!keyId) return principal;
    // A token dies with the key that asked for it, and is limited like it.
    const key = await findActiveKeyById(c.get('db'), keyId);
    if (!key) throw new AppError('unauthorized', 'The key that issued this token has been revoked.');
    return { ...principal, rateLimits: rateLimitsOfKey(key) };
  }
  throw new AppError('unauthorized', 'Send an X-API-Key header or an Authorization: Bearer token.');
}

export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  c.set('principal', await resolvePrincipal(c));
  await next();
});

/** The credential holds every scope of at least one of `alternatives`. */
export function requireScopes(alternatives: readonly (readonly Scope[])[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const granted = c.get('principal').scopes;
    if (!alternatives.some((all) => all.every((s) => hasScope(granted, s)))) {
      const needed = alternatives.map((all) => all.map((s) => `"${s}"`).join(' and ')).join(' or ');
      throw new AppError('forbidden', `This credential needs the ${needed} scope.`);
    }
    await next();
  });
}

/**
 * For every route with a `{hotel_id}` path parameter (wired in by securedRoute): another tenant's hotel
 * is refused before the body is validated, so a restricted key learns nothing from validation errors.
 */
export const requireHotelParam = createMiddleware<AppEnv>(async (c, next) => {
  const hotelId = c.req.param('hotel_id');
  if (hotelId !== undefined) assertHotelAccess(c.get('principal'), hotelId);
  await next();
});

/**
 * For a route whose hotel is a JSON body field: another tenant's hotel is refused before anything that
 * reads or replays data runs (validation errors, an idempotent replay of that hotel's response). A body
 * that is not a JSON object, or a field that is not a string, is left to the route's validator.
 */
export function requireBodyHotel(field: string) {
  return createMiddleware<AppEnv>(async (c, next) => {
    let hotelId: unknown;
    try {
      const body: unknown = JSON.parse(await c.req.text());
      if (body !== null && typeof body === 'object') hotelId = (body as Record<string, unknown>)[field];
    } catch {
      // Not JSON: the validator answers malformed_json.
    }
    if (typeof hotelId === 'string') assertHotelAccess(c.get('principal'), hotelId);
    await next();
  });
}

const ALLOW_HEADERS =
  'Authorization, Content-Type, X-API-Key, Idempotency-Key, If-Match, X-Request-Id, X-Confirmation-Number, X-Guest-Email';
const EXPOSE_HEADERS =
  'X-Request-Id, ETag, Idempotent-Replayed, Retry-After, Location, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, RateLimit-Policy';

/**
 * Preflights are answered for any origin (they carry no credential); the actual response names the
 * origin only when the key or token lists it, so a browser refuses to hand the body to other sites.
 */
export const corsPreflight = createMiddleware<AppEnv>(async (c, next) => {
  const origin = c.req.header('origin');
  if (c.req.method === 'OPTIONS' && origin && c.req.header('access-control-request-method')) {
    return c.body(null, 204, {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
      'Access-Control-Allow-Headers': ALLOW_HEADERS,
      'Access-Control-Max-Age': '600',
      Vary: 'Origin',
    });
  }
  await next();
});

export const corsResponse = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  const origin = c.req.header('origin');
  if (!origin) return;
  headerOnAnswer(c, 'Vary', 'Origin', { append: true });
  const principal = c.get('principal') as Principal | undefined;
  if (principal?.allowedOrigins.includes(origin) || principal?.allowedOrigins.includes('*')) {
    headerOnAnswer(c, 'Access-Control-Allow-Origin', origin);
    headerOnAnswer(c, 'Access-Control-Expose-Headers', EXPOSE_HEADERS);
  }
});
