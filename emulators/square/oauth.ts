import { json, missing, type SquareRequest, type SquareRoute, squareError } from './http.ts';
import type { Merchant, SquareState } from './state.ts';

/**
 * Square's OAuth API (developer.squareup.com/reference/square/o-auth-api) and ListLocations, enough for a
 * hotel to connect its own Square account: Authorize (the emulator approves at once, as `oauth.merchant`),
 * ObtainToken (authorization_code with PKCE or the client secret, refresh_token), RevokeToken.
 *
 * As Square documents: an authorization code is single-use and lives 5 minutes; access tokens live 30
 * days; a PKCE refresh answers a NEW refresh token (the old one stops working; PKCE refresh tokens live
 * 90 days), a code-flow refresh answers the same one; a revoke ends every token of the merchant for the
 * application. New access tokens join `state.tokens`, so they can pay at once.
 */
export type OAuthApplication = { applicationId: string; applicationSecret: string };

export type OAuthMerchant = Merchant & {
  /** The merchant's locations as ListLocations shows them (default: one ACTIVE location, `locationId`). */
  locations?: { id: string; status: 'ACTIVE' | 'INACTIVE'; currency?: string; name?: string }[];
};

type Grant = {
  merchant: OAuthMerchant;
  applicationId: string;
  pkce: boolean;
  scopes: string[];
  refreshExpiresAt: number | null;
};

export type OAuthState = {
  application: OAuthApplication | null;
  /** Who approves the next authorisation (tests of two hotels change it between runs). */
  merchant: OAuthMerchant;
  codes: Map<
    string,
    Grant & { redirectUri: string | null; challenge: string | null; expiresAt: number; used: boolean }
  >;
  refreshTokens: Map<string, Grant>;
  /** Access token → the grant it came from (revocation ends all of a merchant's). */
  accessTokens: Map<string, Grant>;
  /** Every merchant that ever authorised, for ListLocations of an OAuth token. */
  merchants: Map<string, OAuthMerchant>;
};

const CODE_TTL_MS = 5 * 60_000;
const ACCESS_TTL_MS = 30 * 86_400_000;
const PKCE_REFRESH_TTL_MS = 90 * 86_400_000;
export const DEFAULT_OAUTH_MERCHANT: OAuthMerchant = { id: 'MLTESTHOTEL', locationId: 'LTESTHOTEL' };

const oauthStates = new WeakMap<SquareState, OAuthState>();

/** The OAuth side of an emulator's state (created on first use). */
export function oauthOf(state: SquareState): OAuthState {
  let oauth = oauthStates.get(state);
  if (!oauth) {
    oauth = {
      application: null,
      merchant: DEFAULT_OAUTH_MERCHANT,
      codes: new Map(),
      refreshTokens: new Map(),
      accessTokens: new Map(),
      merchants: new Map(),
    };
    oauthStates.set(state, oauth);
  }
  return oauth;
}

export function configureOAuth(
  state: SquareState,
  options: { application: OAuthApplication; merchant?: OAuthMerchant | undefined },
): void {
  const oauth = oauthOf(state);
  oauth.application = options.application;
  oauth.merchant = options.merchant ?? oauth.merchant;
}

function random(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return (
    prefix +
    btoa(String.fromCharCode(...bytes))
      .replaceAll('+', '-')
      .replaceAll('/', '_')
      .replaceAll('=', '')
  );
}

async function s256(verifier: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  return btoa(String.fromCharCode(...digest))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replaceAll('=', '');
}

const unauthorized = (detail: string) => squareError(401, 'AUTHENTICATION_ERROR', 'UNAUTHORIZED', detail);
const invalid = (detail: string, field: string) =>
  squareError(400, 'INVALID_REQUEST_ERROR', 'INVALID_VALUE', detail, field);

function authorize(request: SquareRequest): Response {
  const oauth = oauthOf(request.state);
  const q = request.query;
  const clientId = q.get('client_id');
  if (!clientId) return missing('client_id');
  if (clientId !== oauth.application?.applicationId) return unauthorized('Unknown client_id.');
  const challenge = q.get('code_challenge');
  if (challenge && q.get('code_challenge_method') !== 'S256') {
    return invalid('Only S256 is supported.', 'code_challenge_method');
  }
  const redirectUri = q.get('redirect_uri');
  if (!redirectUri) return missing('redirect_uri');
  const code = random('sq0cgb-');
  const merchant = oauth.merchant;
  oauth.merchants.set(merchant.id, merchant);
  oauth.codes.set(code, {
    merchant,
    applicationId: clientId,
    pkce: challenge !== null,
    scopes: (q.get('scope') ?? '').split(/[ +]/).filter(Boolean),
    refreshExpiresAt: null,
    redirectUri,
    challenge,
    expiresAt: request.state.now().getTime() + CODE_TTL_MS,
    used: false,
  });
  const target = new URL(redirectUri);
  target.searchParams.set('code', code);
  const state = q.get('state');
  if (state !== null) target.searchParams.set('state', state);
  target.searchParams.set('response_type', 'code');
  return new Response(null, { status: 302, headers: { location: target.toString() } });
}

function issue(request: SquareRequest, grant: Grant, refreshToken: string): Response {
  const oauth = oauthOf(request.state);
  const now = request.state.now().getTime();
  const accessToken = random('EAAAl');
  request.state.tokens.set(accessToken, { id: grant.merchant.id, locationId: grant.merchant.locationId });
  oauth.accessTokens.set(accessToken, grant);
  return json(200, {
    access_token: accessToken,
    token_type: 'bearer',
    expires_at: new Date(now + ACCESS_TTL_MS).toISOString(),
    merchant_id: grant.merchant.id,
    refresh_token: refreshToken,
    short_lived: false,
    ...(grant.refreshExpiresAt ? { refresh_token_expires_at: new Date(grant.refreshExpiresAt).toISOString() } : {}),
  });
}

async function obtainToken(request: SquareRequest): Promise<Response> {
  const oauth = oauthOf(request.state);
  const body = request.body;
  const now = request.state.now().getTime();
  const app = oauth.application;
  if (typeof body.client_id !== 'string') return missing('client_id');
  if (body.client_id !== app?.applicationId) return unauthorized('Unknown client_id.');
  const secretOk = body.client_secret === app.applicationSecret;
  if (body.client_secret !== undefined && !secretOk) return unauthorized('Invalid client_secret.');
  if (body.grant_type === 'authorization_code') {
    if (typeof body.code !== 'string') return missing('code');
    const grant = oauth.codes.get(body.code);
    if (!grant || grant.used || grant.expiresAt <= now || grant.applicationId !== body.client_id) {
      return unauthorized('The authorization code is invalid, expired or already used.');
    }
    if (grant.redirectUri !== null && body.redirect_uri !== undefined && body.redirect_uri !== grant.redirectUri) {
      return invalid('redirect_uri does not match the authorization request.', 'redirect_uri');
    }
    if (grant.challenge !== null) {
      if (typeof body.code_verifier !== 'string') return missing('code_verifier');
      // The code is spent by any attempt, as with Square: a wrong verifier does not leave it for a thief.
      grant.used = true;
      if ((await s256(body.code_verifier)) !== grant.challenge) {
        return invalid('The code_verifier does not match the code_challenge.', 'code_verifier');
      }
    } else {
      if (!secretOk) return missing('client_secret');
      grant.used = true;
    }
    const issued: Grant = { ...grant, refreshExpiresAt: grant.pkce ? now + PKCE_REFRESH_TTL_MS : null };
    const refreshToken = random('EQAAl');
    oauth.refreshTokens.set(refreshToken, issued);
    return issue(request, issued, refreshToken);
  }
  if (body.grant_type === 'refresh_token') {
    if (typeof body.refresh_token !== 'string') return missing('refresh_token');
    const grant = oauth.refreshTokens.get(body.refresh_token);
    if (!grant || grant.applicationId !== body.client_id || (grant.refreshExpiresAt ?? Infinity) <= now) {
      return unauthorized('The refresh token is invalid, expired or revoked.');
    }
    if (!grant.pkce && !secretOk) return missing('client_secret');
    if (!grant.pkce) return issue(request, grant, body.refresh_token);
    // PKCE refresh tokens are single-use: the answer carries the next one.
    oauth.refreshTokens.delete(body.refresh_token);
    const next = random('EQAAl');
    const renewed = { ...grant, refreshExpiresAt: now + PKCE_REFRESH_TTL_MS };
    oauth.refreshTokens.set(next, renewed);
    return issue(request, renewed, next);
  }
  return invalid('grant_type must be authorization_code or refresh_token.', 'grant_type');
}

/** POST /oauth2/revoke with `Authorization: Client <application secret>`: ends the merchant's authorisation. */
function revokeToken(request: SquareRequest): Response {
  const oauth = oauthOf(request.state);
  const app = oauth.application;
  if (!app || request.headers.get('authorization') !== `Client ${app.applicationSecret}`) {
    return json(400, { message: 'bad authorization header', type: 'bad_request.invalid_parameter' });
  }
  if (request.body.client_id !== app.applicationId) return unauthorized('Unknown client_id.');
  const { access_token: accessToken, merchant_id: merchantId } = request.body;
  const merchant =
    typeof accessToken === 'string'
      ? oauth.accessTokens.get(accessToken)?.merchant.id
      : typeof merchantId === 'string'
        ? merchantId
        : undefined;
  if (accessToken === undefined && merchantId === undefined) return missing('access_token');
  const live = [...oauth.accessTokens.entries()].filter(([, g]) => g.merchant.id === merchant);
  if (!merchant || live.length === 0) {
    return squareError(404, 'INVALID_REQUEST_ERROR', 'NOT_FOUND', 'No authorization found for that merchant.');
  }
  for (const [token] of live) {
    oauth.accessTokens.delete(token);
    request.state.tokens.delete(token);
  }
  for (const [token, g] of oauth.refreshTokens) if (g.merchant.id === merchant) oauth.refreshTokens.delete(token);
  return json(200, { success: true });
}

function listLocations(request: SquareRequest): Response {
  const merchant = oauthOf(request.state).merchants.get(request.merchant.id) ?? request.merchant;
  const locations = (merchant as OAuthMerchant).locations ?? [{ id: merchant.locationId, status: 'ACTIVE' }];
  return json(200, {
    locations: locations.map((l) => ({
      id: l.id,
      name: l.name ?? `Location ${l.id}`,
      merchant_id: merchant.id,
      status: l.status,
      currency: l.currency ?? 'USD',
      country: 'US',
      type: 'PHYSICAL',
      capabilities: ['CREDIT_CARD_PROCESSING'],
      created_at: request.state.now().toISOString(),
    })),
  });
}

export const OAUTH_ROUTES: SquareRoute[] = [
  { method: 'GET', path: /^\/oauth2\/authorize$/, public: true, handle: authorize },
  { method: 'POST', path: /^\/oauth2\/token$/, public: true, handle: obtainToken },
  { method: 'POST', path: /^\/oauth2\/revoke$/, public: true, handle: revokeToken },
  { method: 'GET', path: /^\/v2\/locations$/, handle: listLocations },
];
