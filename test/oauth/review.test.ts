/**
 * Findings of a security review of the OAuth server: revocation that must not be lost, what one hotel
 * learns about another through a shared grant, and what an attacker can make the server echo.
 */
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiKey, createHotel } from '../helpers/builders';
import { call, expectProblem, expectStatus } from '../helpers/http';
import {
  authorizeCode,
  authorizeQuery,
  exchange,
  grantsOf,
  openAuthorize,
  pkce,
  registerClient,
  type Tokens,
  tokenRequest,
} from '../helpers/oauth';

const bearer = (t: string) => ({ bearer: t });

async function sharedGrant(hotelCount: number) {
  const hotels = await Promise.all(Array.from({ length: hotelCount }, () => createHotel()));
  const ids = hotels.map((h) => h.id);
  const all = await createApiKey({ scopes: ['admin'], hotel_ids: ids });
  const client = await registerClient();
  const { code, verifier } = await authorizeCode(client, all.key, ids);
  const tokens = await expectStatus<Tokens>(exchange(client, code, verifier), 200);
  const [grant] = await grantsOf(client.id);
  return { ids, client, tokens, grantId: grant?.id as string };
}

describe('revoking a grant shared by several hotels', () => {
  it('loses no hotel’s revocation when two hotels revoke at the same time', async () => {
    const { ids, tokens, grantId } = await sharedGrant(3);
    const [a, b, c] = ids as [string, string, string];
    const [onlyA, onlyB] = [
      await createApiKey({ scopes: ['admin'], hotel_ids: [a] }),
      await createApiKey({ scopes: ['admin'], hotel_ids: [b] }),
    ];
    const [resA, resB] = await Promise.all([
      call('DELETE', `/api/v1/oauth/grants/${grantId}`, { auth: { apiKey: onlyA.key } }),
      call('DELETE', `/api/v1/oauth/grants/${grantId}`, { auth: { apiKey: onlyB.key } }),
    ]);
    expect([resA.status, resB.status]).toEqual([204, 204]);
    for (const revoked of [a, b]) {
      await expectProblem(call('GET', `/api/v1/hotels/${revoked}`, { auth: bearer(tokens.access_token) }), 403);
    }
    await expectStatus(call('GET', `/api/v1/hotels/${c}`, { auth: bearer(tokens.access_token) }), 200);
    // The last hotel's withdrawal revokes the grant.
    const onlyC = await createApiKey({ scopes: ['admin'], hotel_ids: [c] });
    await expectStatus(call('DELETE', `/api/v1/oauth/grants/${grantId}`, { auth: { apiKey: onlyC.key } }), 204);
    await expectProblem(call('GET', `/api/v1/hotels/${c}`, { auth: bearer(tokens.access_token) }), 401);
  });
});

describe('listing a hotel’s apps', () => {
  it('shows only the hotels the caller reaches, not the other hotels of a shared grant', async () => {
    const { ids } = await sharedGrant(2);
    const [a, b] = ids as [string, string];
    const onlyA = await createApiKey({ scopes: ['admin'], hotel_ids: [a] });
    const page = await expectStatus<{ data: { hotel_ids: string[] }[] }>(
      call('GET', `/api/v1/oauth/grants?hotel_id=${a}`, { auth: { apiKey: onlyA.key } }),
      200,
    );
    expect(page.data).toHaveLength(1);
    expect(page.data[0]?.hotel_ids).toEqual([a]);
    expect(JSON.stringify(page)).not.toContain(b);
  });
});

/** RFC 6749 §4.1.2.1 and §5.2: error_description is printable ASCII without `"` or `\`. */
const DESCRIPTION_CHARSET = /^[\x20\x21\x23-\x5B\x5D-\x7E]*$/;

describe('error descriptions', () => {
  it('do not echo what the request made up into the redirect back to the app', async () => {
    const client = await registerClient({ type: 'public' });
    const page = await openAuthorize(
      authorizeQuery(client, (await pkce()).challenge, { scope: 'hotels:read <img src=x onerror=alert(1)>"é' }),
    );
    expect(page.status).toBe(303);
    const location = new URL(page.headers.get('location') as string);
    expect(location.searchParams.get('error')).toBe('invalid_scope');
    const description = location.searchParams.get('error_description') ?? '';
    expect(description).toMatch(DESCRIPTION_CHARSET);
    expect(description).not.toContain('<');
  });

  it('do not echo a made-up parameter name at the token endpoint', async () => {
    const client = await registerClient({ type: 'public' });
    const form = new URLSearchParams({ grant_type: 'refresh_token', client_id: client.id });
    form.append('<b>"é', '1');
    form.append('<b>"é', '2');
    const repeated = await call('POST', '/oauth/token', {
      auth: null,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    const body = (await repeated.json()) as { error: string; error_description: string };
    expect(body.error).toBe('invalid_request');
    expect(body.error_description).toMatch(DESCRIPTION_CHARSET);
  });
});

describe('the token endpoint’s rate limit', () => {
  afterEach(() => vi.restoreAllMocks());

  it('counts each client on its own, HTTP Basic ones too: another client’s requests cannot use up its limit', async () => {
    // A limiter that allows one request per key: whoever shares a bucket with an earlier caller gets 429.
    const used = new Set<string>();
    vi.spyOn(env.RATE_LIMIT_1200, 'limit').mockImplementation(async ({ key }) => {
      const success = !used.has(key);
      used.add(key);
      return { success };
    });
    const client = await registerClient();
    const basic = (id: string, secret: string) => `Basic ${btoa(`${id}:${secret}`)}`;
    const attacker = await call('POST', '/oauth/token', {
      auth: null,
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic('oac_made_up', 'x') },
      body: 'grant_type=refresh_token&refresh_token=whr_x',
    });
    expect(attacker.status).toBe(401);
    const res = await tokenRequest(client, { grant_type: 'refresh_token', refresh_token: 'whr_not_issued' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_grant' });
  });
});

describe('missing required parameters (RFC 6749 §4.1.2.1, §5.2: invalid_request)', () => {
  it('answers invalid_request for an authorization request without response_type', async () => {
    const client = await registerClient({ type: 'public' });
    const page = await openAuthorize(authorizeQuery(client, (await pkce()).challenge, { response_type: null }));
    expect(page.status).toBe(303);
    expect(new URL(page.headers.get('location') as string).searchParams.get('error')).toBe('invalid_request');
  });

  it('answers invalid_request for a code exchange without redirect_uri, and the code still works', async () => {
    const hotel = await createHotel();
    const { key } = await createApiKey({ scopes: ['admin'], hotel_ids: [hotel.id] });
    const client = await registerClient();
    const { code, verifier } = await authorizeCode(client, key, [hotel.id]);
    const res = await tokenRequest(client, { grant_type: 'authorization_code', code, code_verifier: verifier });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_request' });
    await expectStatus(exchange(client, code, verifier), 200);
  });
});
