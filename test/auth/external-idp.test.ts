/**
 * Tokens from an external identity provider (JWT_JWKS_URL). The worker runs in this isolate, so the
 * JWKS download is answered by a spy on globalThis.fetch; nothing leaves the machine.
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { exportJWK, exportSPKI, generateKeyPair, importJWK, type JWTPayload, SignJWT } from 'jose';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Config, ConfigError, loadConfig } from '../../src/config';
import { AppError } from '../../src/errors';
import worker from '../../src/index';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, verifyToken } from '../../src/modules/auth/tokens.service';
import { createHotel } from '../helpers/builders';
import { expectProblem, expectStatus } from '../helpers/http';

const ISSUER = 'https://idp.example/';
const AUDIENCE = 'wehub-api-external';

let privateKey: CryptoKey;
let jwks: { keys: Record<string, unknown>[] };

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'idp-key-1', alg: 'RS256', use: 'sig' }] };
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** A config with its own JWKS URL per test: the worker caches key sets per URL. */
function idpConfig(): { config: Config; jwksUrl: string; fetchSpy: ReturnType<typeof vi.spyOn> } {
  const jwksUrl = `https://idp.example/${crypto.randomUUID()}/.well-known/jwks.json`;
  const fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url !== jwksUrl) throw new Error(`unexpected outbound request to ${url}`);
    return Response.json(jwks);
  });
  const config = { ...loadConfig(env), JWT_JWKS_URL: jwksUrl, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE };
  return { config, jwksUrl, fetchSpy };
}

function idpToken(claims: JWTPayload, { issuer = ISSUER, audience = AUDIENCE, kid = 'idp-key-1' } = {}) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid })
    .setIssuer(issuer)
    .setAudience(audience)
    .setSubject('user-42')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(privateKey);
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => {
      throw new Error('expected the token to be rejected');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).status).toBe(401);
  return err as AppError;
}

describe('external identity provider tokens', () => {
  it('are accepted when signed by a key in the JWKS, with the scopes and hotels they name', async () => {
    const { config, jwksUrl, fetchSpy } = idpConfig();
    const token = await idpToken({ scope: 'hotels:read reservations:write not-a-scope', hotel_ids: ['htl_a'] });
    const { principal, keyId } = await verifyToken(config, token);
    expect(keyId).toBeNull();
    expect(principal).toEqual({
      kind: 'token',
      id: `token:${ISSUER}:user-42`,
      keyId: null,
      scopes: ['hotels:read', 'reservations:write'],
      hotelIds: ['htl_a'],
      allowedOrigins: [],
    });
    const [input] = fetchSpy.mock.calls[0] ?? [];
    expect(input instanceof Request ? input.url : String(input)).toBe(jwksUrl);
  });

  it('grant no hotel when the token names none', async () => {
    const { config } = idpConfig();
    const { principal } = await verifyToken(config, await idpToken({ scope: 'hotels:read' }));
    expect(principal.hotelIds).toEqual([]);
  });

  it('are rejected with another audience or issuer', async () => {
    const { config } = idpConfig();
    await rejection(verifyToken(config, await idpToken({ scope: 'hotels:read' }, { audience: 'someone-else' })));
    await rejection(verifyToken(config, await idpToken({ scope: 'hotels:read' }, { issuer: 'https://evil.example/' })));
  });

  it('are rejected when signed by a key that is not in the JWKS', async () => {
    const { config } = idpConfig();
    const stranger = await generateKeyPair('RS256');
    const token = await new SignJWT({ scope: 'hotels:read' })
      .setProtectedHeader({ alg: 'RS256', kid: 'idp-key-1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('user-42')
      .setExpirationTime('5m')
      .sign(stranger.privateKey);
    await rejection(verifyToken(config, token));
  });

  it('are rejected when the JWKS cannot be fetched', async () => {
    const { config } = idpConfig();
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('unavailable', { status: 503 }));
    await rejection(verifyToken(config, await idpToken({ scope: 'hotels:read' })));
  });

  it('cannot pass as our own tokens: HS256 with the JWKS configured still needs our secret and issuer', async () => {
    const { config } = idpConfig();
    const forged = await new SignJWT({ scope: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('user-42')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('a-secret-the-idp-does-not-share-0123456789'));
    await rejection(verifyToken(config, forged));
  });
});

describe('platform-wide claims in external tokens', () => {
  const platformClaims: JWTPayload[] = [
    { scope: 'admin', hotel_ids: '*' },
    { scp: ['hotels:read', 'admin'], hotel_ids: ['htl_a'] },
    { scopes: 'hotels:read admin' },
    { scope: 'hotels:read', hotel_ids: '*' },
  ];

  it.each(platformClaims)('are refused unless JWT_EXTERNAL_ADMIN is set: %j', async (claims) => {
    const { config } = idpConfig();
    const err = await rejection(verifyToken(config, await idpToken(claims)));
    expect(err.detail).toMatch(/JWT_EXTERNAL_ADMIN/);
  });

  it('are honoured when JWT_EXTERNAL_ADMIN is set', async () => {
    const { config } = idpConfig();
    const token = await idpToken({ scope: 'admin', hotel_ids: '*' });
    const { principal } = await verifyToken({ ...config, JWT_EXTERNAL_ADMIN: true }, token);
    expect(principal).toMatchObject({ scopes: ['admin'], hotelIds: null });
  });

  it('cannot manage API keys over HTTP, even in development without issuer and audience', async () => {
    const { jwksUrl } = idpConfig();
    const token = await new SignJWT({ scope: 'admin', hotel_ids: '*' })
      .setProtectedHeader({ alg: 'RS256', kid: 'idp-key-1' })
      .setSubject('anyone')
      .setExpirationTime('5m')
      .sign(privateKey);
    const ctx = createExecutionContext();
    const request = new Request('http://localhost/api/v1/api-keys', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'backdoor', scopes: ['admin'], hotel_ids: null }),
    });
    const vars = { ...env, ENVIRONMENT: 'development', JWT_JWKS_URL: jwksUrl, JWT_ISSUER: '', JWT_AUDIENCE: '' };
    const res = await worker.fetch(request as Request<unknown, IncomingRequestCfProperties>, vars, ctx);
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(401);
  });
});

describe('identity-provider configuration', () => {
  const deployed = {
    ...env,
    ENVIRONMENT: 'production',
    ADMIN_API_KEY: 'production_admin_key_0123456789abcdef0123',
    JWT_JWKS_URL: 'https://idp.example/.well-known/jwks.json',
  };

  it('outside development requires JWT_ISSUER and JWT_AUDIENCE with JWT_JWKS_URL', () => {
    const load = () => loadConfig({ ...deployed, JWT_ISSUER: '', JWT_AUDIENCE: '' } as unknown as Env);
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/JWT_ISSUER: required when JWT_JWKS_URL is set; JWT_AUDIENCE: required/);
    expect(() => loadConfig({ ...deployed, JWT_ISSUER: ISSUER, JWT_AUDIENCE: '' } as unknown as Env)).toThrow(
      /JWT_AUDIENCE/,
    );
    expect(
      loadConfig({ ...deployed, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE } as unknown as Env).JWT_EXTERNAL_ADMIN,
    ).toBe(false);
  });

  it('lets development run without them', () => {
    const config = loadConfig({
      ...deployed,
      ENVIRONMENT: 'development',
      JWT_ISSUER: '',
      JWT_AUDIENCE: '',
    } as unknown as Env);
    expect(config.JWT_ISSUER).toBeUndefined();
  });
});

describe('external identity provider tokens: forgeries', () => {
  it('cannot use our own signing secret under the IdP’s issuer', async () => {
    const { config } = idpConfig();
    const forged = await new SignJWT({ scope: 'hotels:read', hotel_ids: '*' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('user-42')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(env.JWT_SIGNING_SECRET));
    await rejection(verifyToken(config, forged));
  });

  it('cannot use the IdP’s public key as an HMAC secret (algorithm confusion)', async () => {
    const { config } = idpConfig();
    const publicJwk = jwks.keys[0] as Record<string, string>;
    const publicKey = await importJWK({ ...publicJwk, alg: 'RS256' }, 'RS256');
    const spki = await exportSPKI(publicKey as CryptoKey);
    for (const secret of [spki, JSON.stringify(publicJwk), publicJwk.n as string]) {
      for (const issuer of [ISSUER, TOKEN_ISSUER]) {
        const forged = await new SignJWT({ scope: 'hotels:read', hotel_ids: '*' })
          .setProtectedHeader({ alg: 'HS256', kid: 'idp-key-1' })
          .setIssuer(issuer)
          .setAudience(issuer === ISSUER ? AUDIENCE : TOKEN_AUDIENCE)
          .setSubject('user-42')
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode(secret));
        await rejection(verifyToken(config, forged));
      }
    }
  });

  it('end to end: the worker serves an IdP token’s hotel and refuses the forgeries with 401', async () => {
    const hotel = await createHotel();
    const { config } = idpConfig();
    const idpEnv = {
      ...env,
      JWT_JWKS_URL: config.JWT_JWKS_URL,
      JWT_ISSUER: ISSUER,
      JWT_AUDIENCE: AUDIENCE,
    } as unknown as Env;
    const get = async (bearer: string) => {
      const ctx = createExecutionContext();
      const res = await worker.fetch(
        new Request(`http://localhost/api/booking-engine/hotels/${hotel.id}`, {
          headers: { authorization: `Bearer ${bearer}` },
        }),
        idpEnv,
        ctx,
      );
      await waitOnExecutionContext(ctx);
      return res;
    };
    const good = await idpToken({ scope: 'hotels:read', hotel_ids: [hotel.id] });
    expect((await expectStatus(get(good), 200)).id).toBe(hotel.id);

    const ownSecret = await new SignJWT({ scope: 'hotels:read', hotel_ids: [hotel.id] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('user-42')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(env.JWT_SIGNING_SECRET));
    await expectProblem(get(ownSecret), 401, 'unauthorized');
    const spki = await exportSPKI((await importJWK({ ...jwks.keys[0], alg: 'RS256' }, 'RS256')) as CryptoKey);
    const confused = await new SignJWT({ scope: 'hotels:read', hotel_ids: [hotel.id] })
      .setProtectedHeader({ alg: 'HS256', kid: 'idp-key-1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('user-42')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(spki));
    await expectProblem(get(confused), 401, 'unauthorized');
    const otherHotel = await idpToken({ scope: 'hotels:read', hotel_ids: ['htl_01jzzzzzzzzzzzzzzzzzzzzzzz'] });
    await expectProblem(get(otherHotel), [403, 404]);
  });
});
