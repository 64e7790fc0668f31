import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  type JWTPayload,
  errors as joseErrors,
  jwtVerify,
  SignJWT,
} from 'jose';
import type { Config } from '../../config';
import type { Principal } from '../../env';
import { AppError } from '../../errors';
import { sha256Hex, timingSafeEqualStrings } from '../../lib/crypto';
import { Memo } from '../../lib/memo';
import { SCOPES, type Scope } from './scopes';

export const TOKEN_ISSUER = 'wehub-integrations';
export const TOKEN_AUDIENCE = 'wehub-api';
const OWN_ALG = 'HS256';
const EXTERNAL_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'];

const encoder = new TextEncoder();
const jwksByUrl = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

function signingKey(config: Config): Uint8Array {
  if (!config.JWT_SIGNING_SECRET) {
    throw new AppError('service_unavailable', 'Token issuance is not configured (JWT_SIGNING_SECRET).');
  }
  return encoder.encode(config.JWT_SIGNING_SECRET);
}

/**
 * What an admin-minted token carries instead of a key id: a digest of the admin key that minted it,
 * salted with the signing secret so the claim says nothing about the key. Rotating ADMIN_API_KEY
 * changes it, and every token the old key minted dies with it.
 */
function adminKeyFingerprint(config: Config): Promise<string | null> {
  if (!config.ADMIN_API_KEY) return Promise.resolve(null);
  return sha256Hex(`${config.JWT_SIGNING_SECRET ?? ''}\nadmin-api-key\n${config.ADMIN_API_KEY}`).then((h) =>
    h.slice(0, 32),
  );
}

export type IssuedToken = { access_token: string; token_type: 'Bearer'; expires_in: number; expires_at: string };

export async function issueToken(
  config: Config,
  issuer: Principal,
  grant: { hotelIds: string[]; scopes: Scope[]; ttlSeconds: number },
): Promise<IssuedToken> {
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({
    scope: grant.scopes.join(' '),
    hotel_ids: grant.hotelIds,
    origins: [...issuer.allowedOrigins],
    key_id: issuer.keyId,
    ...(issuer.kind === 'admin' ? { admin_key: await adminKeyFingerprint(config) } : {}),
  })
    .setProtectedHeader({ alg: OWN_ALG, typ: 'JWT' })
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setSubject(issuer.id)
    .setJti(crypto.randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + grant.ttlSeconds)
    .sign(signingKey(config));
  return {
    access_token: token,
    token_type: 'Bearer',
    expires_in: grant.ttlSeconds,
    expires_at: new Date((now + grant.ttlSeconds) * 1000).toISOString(),
  };
}

/**
 * An OAuth access token (src/modules/oauth): what the app was granted, and the grant it comes from,
 * which the caller checks on every request so that revoking the grant ends the token at once.
 */
export async function issueGrantToken(
  config: Config,
  grant: { id: string; clientId: string; hotelIds: string[]; scopes: Scope[] },
  ttlSeconds: number,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    scope: grant.scopes.join(' '),
    hotel_ids: grant.hotelIds,
    grant_id: grant.id,
    client_id: grant.clientId,
  })
    .setProtectedHeader({ alg: OWN_ALG, typ: 'at+jwt' })
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setSubject(`oauth:${grant.clientId}`)
    .setJti(crypto.randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(signingKey(config));
}

function parseScopes(payload: JWTPayload): Scope[] {
  const raw = payload.scope ?? payload.scp ?? payload.scopes;
  const list = typeof raw === 'string' ? raw.split(' ') : Array.isArray(raw) ? raw : [];
  return list.filter((s): s is Scope => (SCOPES as readonly string[]).includes(String(s)));
}

function parseStringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function unauthorized(err: unknown): AppError {
  if (err instanceof joseErrors.JWTExpired) return new AppError('unauthorized', 'The bearer token has expired.');
  if (err instanceof AppError) return err;
  return new AppError('unauthorized', 'The bearer token is invalid.');
}

export type VerifiedToken = {
  principal: Principal;
  keyId: string | null;
  /** For a token the admin key minted: the fingerprint of that key (checked on every use). */
  adminKey: string | null;
  /** For an OAuth access token: its grant (checked on every use by the caller). */
  grantId?: string;
  /** ms */
  expiresAt: number;
};

/**
 * Verifies a Bearer JWT: our own (HS256, issuer `wehub-integrations`) or, when JWT_JWKS_URL is set,
 * an external identity provider's (asymmetric algorithms only, issuer/audience as configured).
 */
export async function verifyToken(config: Config, token: string): Promise<VerifiedToken> {
  // What a token proves depends on the identity-provider settings too, not on its text alone.
  const idp = [config.JWT_JWKS_URL, config.JWT_ISSUER, config.JWT_AUDIENCE, config.JWT_EXTERNAL_ADMIN];
  const memoKey = `${idp.map((v) => v ?? '').join('|')}|${token}`;
  const seen = verified.get(memoKey);
  if (seen && seen.expiresAt <= Date.now()) throw new AppError('unauthorized', 'The bearer token has expired.');
  const result = seen?.result ?? (await verifyTokenUncached(config, token));
  if (!seen) verified.set(memoKey, { result, expiresAt: result.expiresAt });
  // Checked on every use, not remembered: a rotation of ADMIN_API_KEY takes effect at once.
  if (result.adminKey !== null) {
    const current = await adminKeyFingerprint(config);
    if (!current || !(await timingSafeEqualStrings(result.adminKey, current))) {
      throw new AppError('unauthorized', 'The admin key that issued this token has been rotated.');
    }
  }
  return result;
}

/**
 * Verified tokens are remembered per isolate for 30 s (never past their `exp`): a widget sends the
 * same token with every search, and checking its signature once is enough. Revocation of the
 * issuing key is checked on every request by the caller, not here.
 */
const verified = new Memo<{ result: VerifiedToken; expiresAt: number }>(30_000, 5_000);

async function verifyTokenUncached(config: Config, token: string): Promise<VerifiedToken> {
  let alg: string | undefined;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch (err) {
    throw unauthorized(err);
  }
  try {
    if (alg === OWN_ALG) {
      const { payload } = await jwtVerify(token, signingKey(config), {
        algorithms: [OWN_ALG],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        requiredClaims: ['exp', 'sub', 'jti'],
      });
      if (typeof payload.grant_id === 'string') {
        const grantId = payload.grant_id;
        return {
          keyId: null,
          adminKey: null,
          grantId,
          expiresAt: (payload.exp as number) * 1000,
          principal: {
            kind: 'oauth',
            id: `oauth:${grantId}`,
            keyId: null,
            scopes: parseScopes(payload),
            hotelIds: parseStringList(payload.hotel_ids),
            allowedOrigins: [],
          },
        };
      }
      const keyId = typeof payload.key_id === 'string' ? payload.key_id : null;
      const adminKey = typeof payload.admin_key === 'string' ? payload.admin_key : null;
      // Every token we issue names the key behind it; one that names none cannot be revoked.
      if (keyId === null && adminKey === null) {
        throw new AppError('unauthorized', 'The bearer token names no key that issued it.');
      }
      return {
        keyId,
        adminKey,
        expiresAt: (payload.exp as number) * 1000,
        principal: {
          kind: 'token',
          id: `token:${payload.sub}`,
          actor: `token:${payload.jti}`,
          keyId,
          scopes: parseScopes(payload),
          hotelIds: parseStringList(payload.hotel_ids),
          allowedOrigins: parseStringList(payload.origins),
        },
      };
    }
    if (!config.JWT_JWKS_URL || !alg || !EXTERNAL_ALGS.includes(alg)) {
      throw new AppError('unauthorized', `Bearer tokens signed with ${alg ?? 'no algorithm'} are not accepted.`);
    }
    let jwks = jwksByUrl.get(config.JWT_JWKS_URL);
    if (!jwks) {
      jwks = createRemoteJWKSet(new URL(config.JWT_JWKS_URL), { timeoutDuration: 5000 });
      jwksByUrl.set(config.JWT_JWKS_URL, jwks);
    }
    const { payload } = await jwtVerify(token, jwks, {
      algorithms: EXTERNAL_ALGS,
      ...(config.JWT_ISSUER ? { issuer: config.JWT_ISSUER } : {}),
      ...(config.JWT_AUDIENCE ? { audience: config.JWT_AUDIENCE } : {}),
      requiredClaims: ['exp', 'sub'],
    });
    const hotels = payload.hotel_ids;
    const scopes = parseScopes(payload);
    // Platform-wide rights come from this deployment's settings, never from an outside party alone.
    if (!config.JWT_EXTERNAL_ADMIN && (scopes.includes('admin') || hotels === '*')) {
      throw new AppError(
        'unauthorized',
        'External tokens may not claim the admin scope or every hotel here (JWT_EXTERNAL_ADMIN is off).',
      );
    }
    return {
      keyId: null,
      adminKey: null,
      expiresAt: (payload.exp as number) * 1000,
      principal: {
        kind: 'token',
        id: `token:${payload.iss ?? 'external'}:${payload.sub}`,
        keyId: null,
        scopes,
        // An external token must name its hotels: a missing claim grants none, never all.
        hotelIds: hotels === '*' ? null : parseStringList(hotels),
        allowedOrigins: parseStringList(payload.origins),
      },
    };
  } catch (err) {
    throw unauthorized(err);
  }
}
