import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../../env';
import { AppError } from '../../errors';
import { timingSafeEqualStrings } from '../../lib/crypto';
import { randomToken } from '../../lib/ids';
import { createRouter } from '../../lib/openapi';
import { principalOfApiKey } from '../auth/auth.middleware';
import { findActiveKeyById } from '../auth/keys.service';
import { findClient } from './clients.service';
import { type Granter, granterOfIdpToken, granterOfKey, readTicket, signTicket, type Ticket } from './consent.service';
import { consentPage, errorPage, signInPage } from './consent-page';
import { createGrant } from './grants.service';
import { type AuthorizeParams, checkAuthorizeRequest, chosenHotels, redirectTo } from './oauth.rules';

const tags = ['OAuth'];
const CSRF_COOKIE = 'wehub_oauth_csrf';
const PARAMS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'code_challenge',
  'code_challenge_method',
] as const;

const AuthorizeQuery = z.object(
  Object.fromEntries(PARAMS.map((name) => [name, z.string().optional()])) as Record<
    (typeof PARAMS)[number],
    z.ZodOptional<z.ZodString>
  >,
);

/** Pages that hold credentials and consent: never framed (clickjacking), cached, or leaking a Referer. */
const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
};

function html(c: Context<AppEnv>, body: string, status: ContentfulStatusCode) {
  return c.body(body, status, PAGE_HEADERS);
}

const htmlResponse = (description: string) => ({ description, content: { 'text/html': { schema: z.string() } } });

/** RFC 6749 §4.1.2 with the issuer (RFC 9207), which lets a client tell authorization servers apart. */
function backToClient(c: Context<AppEnv>, uri: string, params: Record<string, string | undefined>) {
  const target = redirectTo(uri, { ...params, iss: new URL(c.req.url).origin });
  return c.body(null, 303, { Location: target, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
}

function pick(source: (name: string) => string | undefined): AuthorizeParams {
  return Object.fromEntries(PARAMS.map((name) => [name, source(name)]));
}

async function checked(c: Context<AppEnv>, params: AuthorizeParams) {
  const client = params.client_id ? await findClient(c.get('db'), params.client_id) : null;
  return checkAuthorizeRequest(params, client);
}

/** The double-submit CSRF check: the form's value must be the cookie this origin set (SameSite=Strict). */
async function csrfHolds(c: Context<AppEnv>, submitted: string | undefined | null): Promise<boolean> {
  const cookie = getCookie(c, CSRF_COOKIE);
  return !!cookie && !!submitted && (await timingSafeEqualStrings(cookie, submitted));
}

async function signIn(
  c: Context<AppEnv>,
  form: URLSearchParams,
  scopes: Parameters<typeof granterOfIdpToken>[3],
): Promise<Granter> {
  const apiKey = form.get('api_key');
  const idToken = form.get('id_token');
  if (apiKey) return granterOfKey(c.get('db'), await principalOfApiKey(c, apiKey));
  if (idToken) return granterOfIdpToken(c.get('db'), c.get('config'), idToken.trim(), scopes);
  throw new AppError('unauthorized', 'Enter your API key.');
}

export const authorizeRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/oauth/authorize',
      tags,
      operationId: 'getAuthorizationPage',
      summary: 'OAuth 2.0 authorization endpoint: the sign-in and consent page',
      description:
        'RFC 6749 §4.1.1 with PKCE (RFC 7636, S256 only). An unknown `client_id` or a `redirect_uri` that ' +
        'is not registered exactly is shown as an error page (400), never redirected to; other errors ' +
        'redirect back with `error`, `state` and `iss`. The hotel user signs in with an API key holding ' +
        '`admin` (or an identity-provider token), chooses hotels and allows or denies.',
      security: [],
      request: { query: AuthorizeQuery },
      responses: {
        200: htmlResponse('The sign-in page'),
        303: { description: 'Back to the client with `error`' },
        400: htmlResponse('Error page: unknown client or unregistered redirect URI'),
      },
    }),
    async (c) => {
      const params = pick((name) => c.req.query(name));
      const request = await checked(c, params);
      if (!request.ok && !request.redirect) return html(c, errorPage(request.description), 400);
      if (!request.ok) {
        const { error, description } = request.error;
        return backToClient(c, request.redirectUri, { error, error_description: description, state: params.state });
      }
      const csrf = randomToken(24);
      setCookie(c, CSRF_COOKIE, csrf, {
        path: '/oauth',
        httpOnly: true,
        sameSite: 'Strict',
        secure: new URL(c.req.url).protocol === 'https:',
        maxAge: 600,
      });
      const page = signInPage({
        appName: request.value.client.name,
        scopes: request.value.scopes,
        params: { ...params },
        csrf,
        idpEnabled: !!c.get('config').JWT_JWKS_URL,
      });
      return html(c, page, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/oauth/authorize',
      tags,
      operationId: 'submitAuthorizationForm',
      summary: 'Sign-in and consent form submissions',
      description:
        'Form-encoded, from the page itself (CSRF cookie + field). `step=sign_in` takes `api_key` or ' +
        '`id_token` and shows the consent page; `step=consent` takes the signed ticket, `hotel_id` (repeated) ' +
        'and `action=allow|deny`, then redirects (303) to the registered redirect URI with `code`, `state` ' +
        'and `iss`, or `error=access_denied`.',
      security: [],
      responses: {
        200: htmlResponse('The consent page'),
        303: { description: 'Back to the client with `code` or `error`' },
        400: htmlResponse('Error page'),
        401: htmlResponse('Sign-in failed'),
        403: htmlResponse('CSRF check failed, or the credential may not grant'),
      },
    }),
    async (c) => {
      const type = c.req.header('content-type') ?? '';
      if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type)) {
        return html(c, errorPage('The form was not submitted as a form.'), 400);
      }
      const form = new URLSearchParams(await c.req.text());
      if (!(await csrfHolds(c, form.get('csrf')))) {
        return html(c, errorPage('This page expired or was not opened here. Start again from the app.'), 403);
      }
      const config = c.get('config');
      if (form.get('step') === 'consent') {
        const ticket = await readTicket(config, form.get('ticket') ?? '');
        if (!ticket || !(await timingSafeEqualStrings(ticket.csrf, form.get('csrf') ?? ''))) {
          return html(c, errorPage('This consent page expired. Start again from the app.'), 400);
        }
        return consent(c, form, ticket);
      }
      const params = pick((name) => form.get(name) ?? undefined);
      const request = await checked(c, params);
      if (!request.ok && !request.redirect) return html(c, errorPage(request.description), 400);
      if (!request.ok) {
        const { error, description } = request.error;
        return backToClient(c, request.redirectUri, { error, error_description: description, state: params.state });
      }
      const { client, scopes, redirectUri, codeChallenge, state } = request.value;
      if (form.get('action') === 'deny') return backToClient(c, redirectUri, { error: 'access_denied', state });
      const again = (error: string, status: ContentfulStatusCode) =>
        html(
          c,
          signInPage({
            appName: client.name,
            scopes,
            params: { ...params },
            csrf: form.get('csrf') ?? '',
            idpEnabled: !!config.JWT_JWKS_URL,
            error,
          }),
          status,
        );
      let granter: Granter;
      try {
        granter = await signIn(c, form, scopes);
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        return again(err.detail, err.status);
      }
      if (granter.hotels.length === 0) return again('This credential may not grant access to any hotel.', 403);
      const ticket = await signTicket(config, {
        client_id: client.id,
        redirect_uri: redirectUri,
        scope: scopes.join(' '),
        state,
        code_challenge: codeChallenge,
        subject: granter.subject,
        key_id: granter.keyId,
        hotel_ids: granter.hotels.map((h) => h.id),
        csrf: form.get('csrf') ?? '',
      });
      const page = consentPage({
        appName: client.name,
        scopes,
        hotels: granter.hotels,
        ticket,
        csrf: form.get('csrf') ?? '',
      });
      return html(c, page, 200);
    },
  );

/** Step 2: the ticket's request is checked again (the app may have been deleted meanwhile). */
async function consent(c: Context<AppEnv>, form: URLSearchParams, ticket: Ticket) {
  const request = await checked(c, {
    response_type: 'code',
    client_id: ticket.client_id,
    redirect_uri: ticket.redirect_uri,
    scope: ticket.scope,
    state: ticket.state,
    code_challenge: ticket.code_challenge,
    code_challenge_method: 'S256',
  });
  if (!request.ok && !request.redirect) return html(c, errorPage(request.description), 400);
  if (!request.ok) {
    const { error, description } = request.error;
    return backToClient(c, request.redirectUri, { error, error_description: description, state: ticket.state });
  }
  const { client, redirectUri, scopes, state, codeChallenge } = request.value;
  if (form.get('action') !== 'allow') return backToClient(c, redirectUri, { error: 'access_denied', state });
  const hotels = chosenHotels(form.getAll('hotel_id'), ticket.hotel_ids);
  if (!hotels.ok) return html(c, errorPage(hotels.error.description), 400);
  if (ticket.key_id && !(await findActiveKeyById(c.get('db'), ticket.key_id))) {
    return html(c, errorPage('The API key you signed in with has been revoked.'), 400);
  }
  const { code } = await createGrant(c.get('db'), {
    client,
    subject: ticket.subject,
    keyId: ticket.key_id,
    hotelIds: hotels.value,
    scopes,
    redirectUri,
    codeChallenge,
  });
  return backToClient(c, redirectUri, { code, state });
}
