import { env, exports } from 'cloudflare:workers';
import { expect } from 'vitest';
import { randomToken } from '../../src/lib/ids';
import { s256 } from '../../src/modules/oauth/oauth.rules';
import { call, expectStatus } from './http';

export const REDIRECT_URI = 'https://app.example.com/oauth/callback';

export type TestClient = { id: string; secret: string | null; type: 'confidential' | 'public' };

/** Registers an app through the admin API. */
export async function registerClient(
  input: { type?: 'confidential' | 'public'; scopes?: string[]; redirect_uris?: string[] } = {},
): Promise<TestClient> {
  const type = input.type ?? 'confidential';
  const body = await expectStatus<{ id: string; client_secret: string | null }>(
    call('POST', '/api/v1/oauth/clients', {
      body: {
        name: 'Revenue <Robot>',
        type,
        redirect_uris: input.redirect_uris ?? [REDIRECT_URI],
        scopes: input.scopes ?? ['hotels:read', 'reservations:read'],
      },
    }),
    201,
  );
  return { id: body.id, secret: body.client_secret, type };
}

export async function pkce(): Promise<{ verifier: string; challenge: string }> {
  const verifier = randomToken(32);
  return { verifier, challenge: await s256(verifier) };
}

export function authorizeQuery(client: TestClient, challenge: string, overrides: Record<string, string | null> = {}) {
  const params: Record<string, string | null> = {
    response_type: 'code',
    client_id: client.id,
    redirect_uri: REDIRECT_URI,
    scope: 'hotels:read',
    state: `st-${randomToken(8)}`,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...overrides,
  };
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null) search.set(k, v);
  return search;
}

function hiddenFields(html: string): URLSearchParams {
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    const decode = (s: string) =>
      s
        .replaceAll('&quot;', '"')
        .replaceAll('&#39;', "'")
        .replaceAll('&lt;', '<')
        .replaceAll('&gt;', '>')
        .replaceAll('&amp;', '&');
    form.set(decode(m[1] as string), decode(m[2] as string));
  }
  return form;
}

/** How a test reaches the worker: its default export, or worker.fetch with other vars (an IdP). */
export type Via = (request: Request) => Promise<Response>;
const direct: Via = (request) => exports.default.fetch(request);

export type Page = { status: number; html: string; headers: Headers; form: URLSearchParams; cookie: string };

/** GET /oauth/authorize as a browser: the page, its hidden fields and the CSRF cookie it set. */
export async function openAuthorize(search: URLSearchParams, via: Via = direct): Promise<Page> {
  const res = await via(new Request(`http://localhost/oauth/authorize?${search}`, { redirect: 'manual' }));
  const html = await res.text();
  const cookie = /wehub_oauth_csrf=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1] ?? '';
  return { status: res.status, html, headers: res.headers, form: hiddenFields(html), cookie };
}

/** Submits a form of the authorization pages with the CSRF cookie. */
export async function submit(
  form: URLSearchParams,
  cookie: string | null,
  via: Via = direct,
): Promise<Page & { location: string | null }> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (cookie !== null) headers.cookie = `wehub_oauth_csrf=${cookie}`;
  // redirect: 'manual', or the worker's fetch follows the 303 to the app.
  const request = new Request('http://localhost/oauth/authorize', {
    method: 'POST',
    headers,
    body: form.toString(),
    redirect: 'manual',
  });
  const res = await via(request);
  const html = await res.text();
  return {
    status: res.status,
    html,
    headers: res.headers,
    form: hiddenFields(html),
    cookie: cookie ?? '',
    location: res.headers.get('location'),
  };
}

/** Sign in with `apiKey` on the page opened by `search`: the consent page. */
export async function signIn(search: URLSearchParams, apiKey: string): Promise<Page> {
  const page = await openAuthorize(search);
  expect(page.status, page.html).toBe(200);
  const form = new URLSearchParams(page.form);
  form.set('api_key', apiKey);
  form.set('action', 'sign_in');
  const consent = await submit(form, page.cookie);
  expect(consent.status, consent.html).toBe(200);
  return consent;
}

/** The whole browser part: sign in, tick `hotels`, Allow; returns the code and state sent back. */
export async function authorizeCode(
  client: TestClient,
  apiKey: string,
  hotels: string[],
  overrides: Record<string, string | null> = {},
): Promise<{ code: string; state: string | null; verifier: string; location: URL }> {
  const { verifier, challenge } = await pkce();
  const search = authorizeQuery(client, challenge, overrides);
  const consent = await signIn(search, apiKey);
  const form = new URLSearchParams(consent.form);
  for (const h of hotels) form.append('hotel_id', h);
  form.set('action', 'allow');
  const done = await submit(form, consent.cookie);
  expect(done.status, done.html).toBe(303);
  const location = new URL(done.location as string);
  return {
    code: location.searchParams.get('code') as string,
    state: location.searchParams.get('state'),
    verifier,
    location,
  };
}

/** POST /oauth/token; a confidential client authenticates with HTTP Basic unless `post` is set. */
export async function tokenRequest(
  client: TestClient,
  fields: Record<string, string>,
  { post = false, secret = client.secret }: { post?: boolean; secret?: string | null } = {},
): Promise<Response> {
  const form = new URLSearchParams(fields);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (client.type === 'public' || post) {
    form.set('client_id', client.id);
    if (post && secret) form.set('client_secret', secret);
  } else if (secret) {
    headers.authorization = `Basic ${btoa(`${encodeURIComponent(client.id)}:${encodeURIComponent(secret)}`)}`;
  }
  return call('POST', '/oauth/token', { auth: null, headers, body: form.toString() });
}

export type Tokens = {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  scope: string;
  token_type: string;
};

export async function exchange(client: TestClient, code: string, verifier: string): Promise<Response> {
  return tokenRequest(client, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    code_verifier: verifier,
  });
}

export async function expectOauthError(
  res: Response | Promise<Response>,
  status: number,
  error: string,
): Promise<void> {
  const r = await res;
  const text = await r.text();
  expect(r.status, text).toBe(status);
  expect(JSON.parse(text)).toMatchObject({ error });
  expect(r.headers.get('cache-control')).toBe('no-store');
}

/** Rows of the grants table for this client (what was granted, and whether it still holds). */
export async function grantsOf(clientId: string) {
  const { results } = await env.DB.prepare(
    'SELECT id, hotel_ids, scopes, code_used_at, revoked_at FROM oauth_grants WHERE client_id = ?',
  )
    .bind(clientId)
    .all<{ id: string; hotel_ids: string; scopes: string; code_used_at: number | null; revoked_at: number | null }>();
  return results;
}

export async function refreshTokensOf(grantId: string): Promise<number> {
  const row = await env.DB.prepare('SELECT count(*) AS n FROM oauth_refresh_tokens WHERE grant_id = ?')
    .bind(grantId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}
