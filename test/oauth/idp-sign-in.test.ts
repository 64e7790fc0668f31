/**
 * Signing in at /oauth/authorize with the external identity provider (JWT_JWKS_URL) instead of an API
 * key. The JWKS download is answered by a spy on globalThis.fetch; nothing leaves the machine.
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import worker from '../../src/index';
import { createApiKey, createHotel } from '../helpers/builders';
import { call, expectStatus } from '../helpers/http';
import {
  authorizeQuery,
  exchange,
  openAuthorize,
  pkce,
  registerClient,
  submit,
  type Tokens,
  type Via,
} from '../helpers/oauth';

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

/** The worker with an identity provider configured (a JWKS URL of its own: key sets are cached per URL). */
function withIdp(): Via {
  const jwksUrl = `https://idp.example/${crypto.randomUUID()}/jwks.json`;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url !== jwksUrl) throw new Error(`unexpected outbound request to ${url}`);
    return Response.json(jwks);
  });
  const idpEnv = { ...env, JWT_JWKS_URL: jwksUrl, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE } as unknown as Env;
  return async (request) => {
    const ctx = createExecutionContext();
    const res = await worker.fetch(request as Request<unknown, IncomingRequestCfProperties>, idpEnv, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  };
}

function idpToken(claims: JWTPayload) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: 'idp-key-1' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject('manager-7')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(privateKey);
}

async function signInWith(via: Via, search: URLSearchParams, idToken: string) {
  const page = await openAuthorize(search, via);
  expect(page.status, page.html).toBe(200);
  expect(page.html).toContain('name="id_token"');
  const form = new URLSearchParams(page.form);
  form.set('id_token', idToken);
  return submit(form, page.cookie, via);
}

describe('signing in with the identity provider', () => {
  it('lets a hotel user grant the hotels and scopes their token holds', async () => {
    const via = withIdp();
    const [mine, other] = [await createHotel({ name: 'IdP Hotel' }), await createHotel()];
    const client = await registerClient();
    const { verifier, challenge } = await pkce();
    const consent = await signInWith(
      via,
      authorizeQuery(client, challenge),
      await idpToken({ scope: 'hotels:read reservations:read', hotel_ids: [mine.id] }),
    );
    expect(consent.status, consent.html).toBe(200);
    expect(consent.html).toContain('IdP Hotel');
    expect(consent.html).not.toContain(other.id);
    const form = new URLSearchParams(consent.form);
    form.append('hotel_id', mine.id);
    form.set('action', 'allow');
    const done = await submit(form, consent.cookie, via);
    expect(done.status, done.html).toBe(303);
    const code = new URL(done.location as string).searchParams.get('code') as string;
    const tokens = await expectStatus<Tokens>(exchange(client, code, verifier), 200);
    await expectStatus(call('GET', `/api/v1/hotels/${mine.id}`, { auth: { bearer: tokens.access_token } }), 200);
    const { results } = await env.DB.prepare('SELECT subject FROM oauth_grants WHERE client_id = ?')
      .bind(client.id)
      .all();
    expect(results).toEqual([{ subject: `idp:${ISSUER}:manager-7` }]);
  });

  it('refuses a token that does not hold the scopes the app asks for', async () => {
    const via = withIdp();
    const hotel = await createHotel();
    const client = await registerClient({ scopes: ['hotels:read', 'hotels:write'] });
    const res = await signInWith(
      via,
      authorizeQuery(client, (await pkce()).challenge, { scope: 'hotels:write' }),
      await idpToken({ scope: 'hotels:read', hotel_ids: [hotel.id] }),
    );
    expect(res.status).toBe(403);
    expect(res.html).not.toContain('name="ticket"');
  });

  it('refuses our own widget tokens: only the identity provider’s sign a user in', async () => {
    const via = withIdp();
    const hotel = await createHotel();
    const { key } = await createApiKey({ scopes: ['admin'], hotel_ids: [hotel.id] });
    const widget = await expectStatus<{ access_token: string }>(
      call('POST', '/api/v1/auth/token', { auth: { apiKey: key }, body: { hotel_id: hotel.id, scopes: ['admin'] } }),
      200,
    );
    const client = await registerClient();
    const res = await signInWith(via, authorizeQuery(client, (await pkce()).challenge), widget.access_token);
    expect(res.status).toBe(401);
    expect(res.html).not.toContain('name="ticket"');
  });
});
