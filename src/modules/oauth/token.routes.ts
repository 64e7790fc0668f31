import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../env';
import { createRouter } from '../../lib/openapi';
import { jsonContent } from '../../lib/schemas';
import { issueGrantToken } from '../auth/tokens.service';
import { limitRequest } from '../platform/rate-limit';
import { authenticateClient, clientCredentials } from './clients.service';
import { redeemCode, rotateRefresh } from './grants.service';
import { ACCESS_TOKEN_TTL_SECONDS, GRANTABLE_SCOPES, type Refusal } from './oauth.rules';

const tags = ['OAuth'];

const TokenResponse = z
  .object({
    access_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int(),
    refresh_token: z.string(),
    scope: z.string(),
  })
  .openapi('OAuthTokenResponse');
const TokenError = z.object({ error: z.string(), error_description: z.string().optional() }).openapi('OAuthTokenError');

/** RFC 6749 §5.1: token responses and errors must not be cached. */
const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

/** RFC 6749 §5.2: 400, or 401 with a challenge for a failed client authentication. */
function tokenError(c: Context<AppEnv>, refusal: Refusal) {
  const unauthorized = refusal.error === 'invalid_client';
  return c.json({ error: refusal.error, error_description: refusal.description }, unauthorized ? 401 : 400, {
    ...NO_STORE,
    ...(unauthorized ? { 'WWW-Authenticate': 'Basic realm="wehub-oauth"' } : {}),
  });
}

/** Form fields, each at most once (RFC 6749 §3.2: "parameters MUST NOT be included more than once"). */
async function formOf(c: Context<AppEnv>): Promise<Record<string, string> | Refusal> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type)) {
    return { error: 'invalid_request', description: 'Send the body as application/x-www-form-urlencoded.' };
  }
  const params = new URLSearchParams(await c.req.text());
  const form: Record<string, string> = {};
  for (const [name, value] of params) {
    if (name in form) {
      // Named only when it looks like a parameter name: error_description must not echo markup,
      // quotes or non-ASCII a request made up (RFC 6749 §5.2).
      const known = /^[a-z_]{1,32}$/.test(name) ? name : 'A parameter';
      return { error: 'invalid_request', description: `${known} is repeated.` };
    }
    form[name] = value;
  }
  return form;
}

export const tokenRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/oauth/token',
      tags,
      operationId: 'issueOAuthToken',
      summary: 'OAuth 2.0 token endpoint (authorization_code with PKCE, refresh_token)',
      description:
        'RFC 6749 §3.2, form-encoded: `grant_type=authorization_code` with `code`, `redirect_uri`, ' +
        '`code_verifier`; or `grant_type=refresh_token` with `refresh_token` and optionally a narrower ' +
        '`scope`. Confidential clients authenticate with HTTP Basic (`client_secret_basic`) or ' +
        '`client_id`+`client_secret` in the body (`client_secret_post`); public clients send `client_id`. ' +
        'Refresh tokens rotate on every use; presenting a used one (or a used code) revokes the grant. ' +
        'Errors are RFC 6749 §5.2 JSON (`invalid_request`, `invalid_client` (401), `invalid_grant`, ' +
        '`unauthorized_client`, `unsupported_grant_type`, `invalid_scope`), never cached.',
      security: [],
      responses: {
        200: jsonContent(TokenResponse, 'Tokens (Cache-Control: no-store)'),
        400: jsonContent(TokenError, 'RFC 6749 §5.2 error'),
        401: jsonContent(TokenError, '`invalid_client`'),
      },
    }),
    async (c) => {
      const form = await formOf(c);
      if ('error' in form) return tokenError(c, form as Refusal);
      const creds = clientCredentials(c.req.header('authorization'), form);
      if (!creds)
        return tokenError(c, { error: 'invalid_request', description: 'Use one client authentication method.' });
      // Per client, however it authenticates: HTTP Basic clients would otherwise share one bucket.
      await limitRequest(c, `oauth-token:${creds.id ?? ''}`, 'Too many token requests; slow down.');
      const db = c.get('db');
      const client = await authenticateClient(db, creds);
      if (!client.ok) return tokenError(c, client.error);
      let issued: Awaited<ReturnType<typeof redeemCode>>;
      if (form.grant_type === 'authorization_code') {
        issued = await redeemCode(db, client.value, {
          code: form.code,
          redirectUri: form.redirect_uri,
          verifier: form.code_verifier,
        });
      } else if (form.grant_type === 'refresh_token') {
        issued = await rotateRefresh(db, client.value, { refreshToken: form.refresh_token, scope: form.scope });
      } else if (form.grant_type === undefined) {
        return tokenError(c, { error: 'invalid_request', description: 'grant_type is required.' });
      } else if (form.grant_type === 'client_credentials') {
        // A grant type this server knows but keeps from apps: they act only for hotels that consented.
        return tokenError(c, {
          error: 'unauthorized_client',
          description: 'client_credentials is not allowed for apps.',
        });
      } else {
        return tokenError(c, { error: 'unsupported_grant_type', description: `Unsupported grant_type.` });
      }
      if (!issued.ok) return tokenError(c, issued.error);
      const { grant, refreshToken, scopes } = issued.value;
      const accessToken = await issueGrantToken(
        c.get('config'),
        { id: grant.id, clientId: grant.clientId, hotelIds: grant.hotelIds, scopes },
        ACCESS_TOKEN_TTL_SECONDS,
      );
      const body = {
        access_token: accessToken,
        token_type: 'Bearer' as const,
        expires_in: ACCESS_TOKEN_TTL_SECONDS,
        refresh_token: refreshToken,
        scope: scopes.join(' '),
      };
      return c.json(body, 200, NO_STORE);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/.well-known/oauth-authorization-server',
      tags,
      operationId: 'getOAuthServerMetadata',
      summary: 'OAuth 2.0 authorization server metadata (RFC 8414)',
      security: [],
      responses: { 200: jsonContent(z.record(z.string(), z.unknown()), 'The metadata') },
    }),
    (c) => {
      const issuer = new URL(c.req.url).origin;
      return c.json(
        {
          issuer,
          authorization_endpoint: `${issuer}/oauth/authorize`,
          token_endpoint: `${issuer}/oauth/token`,
          response_types_supported: ['code'],
          response_modes_supported: ['query'],
          grant_types_supported: ['authorization_code', 'refresh_token'],
          code_challenge_methods_supported: ['S256'],
          token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
          scopes_supported: GRANTABLE_SCOPES,
          authorization_response_iss_parameter_supported: true,
          service_documentation: `${issuer}/docs`,
        },
        200,
      );
    },
  );
