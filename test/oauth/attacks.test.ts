/**
 * The classic attacks on the authorization code flow, each refused with the RFC's error code and
 * nothing granted (no refresh token stored, no usable access token).
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, createHotel } from '../helpers/builders';
import { ADMIN_KEY, call, expectProblem, expectStatus } from '../helpers/http';
import {
  authorizeCode,
  authorizeQuery,
  exchange,
  expectOauthError,
  grantsOf,
  openAuthorize,
  pkce,
  REDIRECT_URI,
  refreshTokensOf,
  registerClient,
  signIn,
  submit,
  type TestClient,
  type Tokens,
  tokenRequest,
} from '../helpers/oauth';

let hotelA: string;
let hotelB: string;
let adminOfA: string;

beforeAll(async () => {
  [hotelA, hotelB] = [(await createHotel()).id, (await createHotel()).id];
  adminOfA = (await createApiKey({ scopes: ['admin'], hotel_ids: [hotelA] })).key;
});

async function onlyGrant(client: TestClient) {
  const rows = await grantsOf(client.id);
  expect(rows).toHaveLength(1);
  return rows[0] as (typeof rows)[number];
}

describe('at the token endpoint', () => {
  it('refuses a wrong code_verifier (invalid_grant) and grants nothing', async () => {
    const client = await registerClient();
    const { code } = await authorizeCode(client, adminOfA, [hotelA]);
    const other = await pkce();
    await expectOauthError(exchange(client, code, other.verifier), 400, 'invalid_grant');
    const grant = await onlyGrant(client);
    expect(grant.code_used_at).toBeNull();
    expect(await refreshTokensOf(grant.id)).toBe(0);
  });

  it('refuses a missing code_verifier (invalid_request)', async () => {
    const client = await registerClient();
    const { code } = await authorizeCode(client, adminOfA, [hotelA]);
    await expectOauthError(
      tokenRequest(client, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI }),
      400,
      'invalid_request',
    );
    expect(await refreshTokensOf((await onlyGrant(client)).id)).toBe(0);
  });

  it('refuses a reused code and revokes the tokens issued from it (RFC 6749 §4.1.2)', async () => {
    const client = await registerClient();
    const { code, verifier } = await authorizeCode(client, adminOfA, [hotelA]);
    const first = await expectStatus<Tokens>(exchange(client, code, verifier), 200);
    await expectOauthError(exchange(client, code, verifier), 400, 'invalid_grant');
    await expectProblem(
      call('GET', `/api/v1/hotels/${hotelA}`, { auth: { bearer: first.access_token } }),
      401,
      'unauthorized',
    );
    await expectOauthError(
      tokenRequest(client, { grant_type: 'refresh_token', refresh_token: first.refresh_token }),
      400,
      'invalid_grant',
    );
    expect((await onlyGrant(client)).revoked_at).not.toBeNull();
  });

  it('gives tokens to one of two concurrent redemptions of a code, and revokes the grant', async () => {
    const client = await registerClient();
    const { code, verifier } = await authorizeCode(client, adminOfA, [hotelA]);
    const answers = await Promise.all([exchange(client, code, verifier), exchange(client, code, verifier)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 400]);
    const grant = await onlyGrant(client);
    expect(await refreshTokensOf(grant.id)).toBe(1);
    expect(grant.revoked_at).not.toBeNull();
  });

  it('refuses another redirect_uri than the one the code was issued for', async () => {
    const client = await registerClient({ redirect_uris: [REDIRECT_URI, 'https://app.example.com/other'] });
    const { code, verifier } = await authorizeCode(client, adminOfA, [hotelA]);
    for (const uri of ['https://app.example.com/other', `${REDIRECT_URI}/`]) {
      await expectOauthError(
        tokenRequest(client, { grant_type: 'authorization_code', code, redirect_uri: uri, code_verifier: verifier }),
        400,
        'invalid_grant',
      );
    }
    // An empty parameter is an omitted one (RFC 6749 §3.1): a missing required parameter.
    await expectOauthError(
      tokenRequest(client, { grant_type: 'authorization_code', code, redirect_uri: '', code_verifier: verifier }),
      400,
      'invalid_request',
    );
    expect(await refreshTokensOf((await onlyGrant(client)).id)).toBe(0);
  });

  it('refuses an expired code', async () => {
    const client = await registerClient();
    const { code, verifier } = await authorizeCode(client, adminOfA, [hotelA]);
    const grant = await onlyGrant(client);
    await env.DB.prepare('UPDATE oauth_grants SET code_expires_at = ? WHERE id = ?')
      .bind(Date.now() - 1, grant.id)
      .run();
    await expectOauthError(exchange(client, code, verifier), 400, 'invalid_grant');
    expect(await refreshTokensOf(grant.id)).toBe(0);
  });

  it('refuses a code issued to another client', async () => {
    const client = await registerClient();
    const thief = await registerClient();
    const { code, verifier } = await authorizeCode(client, adminOfA, [hotelA]);
    await expectOauthError(exchange(thief, code, verifier), 400, 'invalid_grant');
    expect(await refreshTokensOf((await onlyGrant(client)).id)).toBe(0);
  });

  it('refuses a confidential client with a wrong or missing secret (401 invalid_client)', async () => {
    const client = await registerClient();
    const { code, verifier } = await authorizeCode(client, adminOfA, [hotelA]);
    const fields = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier };
    const wrong = await tokenRequest(client, fields, { secret: 'whs_wrong' });
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic/);
    await expectOauthError(wrong, 401, 'invalid_client');
    await expectOauthError(tokenRequest(client, fields, { post: true, secret: 'whs_wrong' }), 401, 'invalid_client');
    await expectOauthError(tokenRequest(client, fields, { post: true, secret: null }), 401, 'invalid_client');
    // Nothing was consumed: the real client still redeems its code.
    expect(await refreshTokensOf((await onlyGrant(client)).id)).toBe(0);
    await expectStatus(exchange(client, code, verifier), 200);
  });

  it('answers the other RFC 6749 §5.2 errors', async () => {
    const client = await registerClient();
    await expectOauthError(
      tokenRequest(client, { grant_type: 'password', username: 'u', password: 'p' }),
      400,
      'unsupported_grant_type',
    );
    await expectOauthError(tokenRequest(client, { grant_type: 'client_credentials' }), 400, 'unauthorized_client');
    await expectOauthError(tokenRequest(client, {}), 400, 'invalid_request');
    const json = await call('POST', '/oauth/token', { auth: null, body: { grant_type: 'authorization_code' } });
    await expectOauthError(json, 400, 'invalid_request');
  });
});

describe('refresh tokens', () => {
  it('rotate, and a replayed one revokes the whole grant', async () => {
    const client = await registerClient();
    const { code, verifier } = await authorizeCode(client, adminOfA, [hotelA]);
    const first = await expectStatus<Tokens>(exchange(client, code, verifier), 200);
    const second = await expectStatus<Tokens>(
      tokenRequest(client, { grant_type: 'refresh_token', refresh_token: first.refresh_token }),
      200,
    );
    await expectOauthError(
      tokenRequest(client, { grant_type: 'refresh_token', refresh_token: first.refresh_token }),
      400,
      'invalid_grant',
    );
    // The newest tokens die with the grant too.
    await expectOauthError(
      tokenRequest(client, { grant_type: 'refresh_token', refresh_token: second.refresh_token }),
      400,
      'invalid_grant',
    );
    await expectProblem(
      call('GET', `/api/v1/hotels/${hotelA}`, { auth: { bearer: second.access_token } }),
      401,
      'unauthorized',
    );
  });

  it('rotate once when the same token is presented twice at the same time', async () => {
    const client = await registerClient();
    const { code, verifier } = await authorizeCode(client, adminOfA, [hotelA]);
    const tokens = await expectStatus<Tokens>(exchange(client, code, verifier), 200);
    const refresh = () => tokenRequest(client, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    const answers = await Promise.all([refresh(), refresh()]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 400]);
    const grant = await onlyGrant(client);
    expect(await refreshTokensOf(grant.id)).toBe(2);
    expect(grant.revoked_at).not.toBeNull();
  });

  it('may narrow the scope but never widen it (invalid_scope)', async () => {
    const client = await registerClient({ scopes: ['hotels:read', 'hotels:write'] });
    const { code, verifier } = await authorizeCode(client, adminOfA, [hotelA]);
    const tokens = await expectStatus<Tokens>(exchange(client, code, verifier), 200);
    await expectOauthError(
      tokenRequest(client, {
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token,
        scope: 'hotels:read hotels:write',
      }),
      400,
      'invalid_scope',
    );
    // The refused request used nothing up.
    await expectStatus(tokenRequest(client, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }), 200);
  });

  it('belong to their client', async () => {
    const client = await registerClient();
    const thief = await registerClient();
    const { code, verifier } = await authorizeCode(client, adminOfA, [hotelA]);
    const tokens = await expectStatus<Tokens>(exchange(client, code, verifier), 200);
    await expectOauthError(
      tokenRequest(thief, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }),
      400,
      'invalid_grant',
    );
  });
});

describe('at the authorization endpoint', () => {
  it.each([
    ['a longer path', `${REDIRECT_URI}/evil`],
    ['a prefix', 'https://app.example.com/oauth'],
    ['an added query', `${REDIRECT_URI}?next=https://evil.example`],
    ['another host', 'https://evil.example/oauth/callback'],
    ['no redirect_uri', null],
  ])('never redirects to an unregistered redirect URI (%s): an error page instead', async (_, uri) => {
    const client = await registerClient();
    const page = await openAuthorize(authorizeQuery(client, (await pkce()).challenge, { redirect_uri: uri }));
    expect(page.status).toBe(400);
    expect(page.headers.get('location')).toBeNull();
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.html).toContain('redirect_uri');
  });

  it('shows an error page for an unknown client', async () => {
    const page = await openAuthorize(
      authorizeQuery({ id: 'oac_unknown', secret: null, type: 'public' }, (await pkce()).challenge),
    );
    expect(page.status).toBe(400);
    expect(page.headers.get('location')).toBeNull();
  });

  it.each([
    ['no code_challenge (a public client without PKCE)', { code_challenge: null }, 'invalid_request'],
    ['the plain method', { code_challenge_method: 'plain' }, 'invalid_request'],
    ['no method', { code_challenge_method: null }, 'invalid_request'],
    ['a scope the app is not registered for', { scope: 'hotels:read hotels:write' }, 'invalid_scope'],
    ['admin', { scope: 'admin' }, 'invalid_scope'],
    ['no scope', { scope: null }, 'invalid_scope'],
    ['response_type=token', { response_type: 'token' }, 'unsupported_response_type'],
  ])('sends the app back with an error for %s, state included', async (_, overrides, error) => {
    const client = await registerClient({ type: 'public' });
    const page = await openAuthorize(authorizeQuery(client, (await pkce()).challenge, { state: 's-1', ...overrides }));
    expect(page.status).toBe(303);
    const location = new URL(page.headers.get('location') as string);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get('error')).toBe(error);
    expect(location.searchParams.get('state')).toBe('s-1');
    expect(location.searchParams.get('code')).toBeNull();
  });

  it('refuses to grant another hotel than the signed-in key’s', async () => {
    const client = await registerClient();
    const { challenge } = await pkce();
    const consent = await signIn(authorizeQuery(client, challenge), adminOfA);
    const form = new URLSearchParams(consent.form);
    form.append('hotel_id', hotelB);
    form.set('action', 'allow');
    const res = await submit(form, consent.cookie);
    expect(res.status).toBe(400);
    expect(res.location).toBeNull();
    expect(await grantsOf(client.id)).toEqual([]);
  });

  it('refuses a key without admin, the platform key, and a wrong key', async () => {
    const client = await registerClient();
    const reader = (await createApiKey({ scopes: ['hotels:read'], hotel_ids: [hotelA] })).key;
    for (const [key, status] of [
      [reader, 403],
      [ADMIN_KEY, 403],
      ['whk_not_a_real_key_0123456789', 401],
    ] as const) {
      const page = await openAuthorize(authorizeQuery(client, (await pkce()).challenge));
      const form = new URLSearchParams(page.form);
      form.set('api_key', key);
      const res = await submit(form, page.cookie);
      expect(res.status).toBe(status);
      expect(res.html).not.toContain('name="ticket"');
    }
  });

  it('refuses a form posted without the page’s CSRF cookie (another site’s form)', async () => {
    const client = await registerClient();
    const page = await openAuthorize(authorizeQuery(client, (await pkce()).challenge));
    const form = new URLSearchParams(page.form);
    form.set('api_key', adminOfA);
    expect((await submit(form, null)).status).toBe(403);
    expect((await submit(form, 'another-cookie-value')).status).toBe(403);
    const consent = await signIn(authorizeQuery(client, (await pkce()).challenge), adminOfA);
    const allow = new URLSearchParams(consent.form);
    allow.append('hotel_id', hotelA);
    allow.set('action', 'allow');
    expect((await submit(allow, null)).status).toBe(403);
    expect(await grantsOf(client.id)).toEqual([]);
  });

  it('sends access_denied back with the state when the user denies', async () => {
    const client = await registerClient();
    const consent = await signIn(authorizeQuery(client, (await pkce()).challenge, { state: 'deny-me' }), adminOfA);
    const form = new URLSearchParams(consent.form);
    form.append('hotel_id', hotelA);
    form.set('action', 'deny');
    const res = await submit(form, consent.cookie);
    expect(res.status).toBe(303);
    const location = new URL(res.location as string);
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('deny-me');
    expect(await grantsOf(client.id)).toEqual([]);
  });

  it('grants only the scopes asked, even when the app may ask for more', async () => {
    const client = await registerClient({ scopes: ['hotels:read', 'hotels:write'] });
    const { code, verifier } = await authorizeCode(client, adminOfA, [hotelA], { scope: 'hotels:read' });
    const tokens = await expectStatus<Tokens>(exchange(client, code, verifier), 200);
    expect(tokens.scope).toBe('hotels:read');
    await expectProblem(
      call('PATCH', `/api/v1/hotels/${hotelA}`, { auth: { bearer: tokens.access_token }, body: { name: 'x' } }),
      403,
      'forbidden',
    );
  });
});
