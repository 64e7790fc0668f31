import { z } from '@hono/zod-openapi';
import { depsFromContext } from '../../deps';
import { AppError } from '../../errors';
import { createRouter } from '../../lib/openapi';
import { errorResponses, jsonContent } from '../../lib/schemas';
import { partnerRoute } from '../auth/partner-route';
import { HOTEL_PAYMENTS } from '../auth/scopes';
import { securedRoute } from '../auth/secured-route';
import { HotelParam } from '../catalog/catalog.schema';
import {
  completeAuthorization,
  connectionView,
  disconnect,
  getConnection,
  oauthSettings,
  startAuthorization,
} from './connections.service';
import { verifyState } from './oauth-state';

const tags = ['Payments'];

export const PaymentConnectionSchema = z
  .object({
    hotel_id: z.string(),
    status: z.enum(['active', 'revoked', 'refresh_failed']),
    merchant_id: z.string(),
    location_id: z.string().nullable(),
    scopes: z.array(z.string()),
    access_token_expires_at: z.string().nullable(),
    last_refreshed_at: z.string().nullable(),
    last_error: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('PaymentConnection');

const AuthorizeQuery = z.object({
  redirect_after: z
    .string()
    .max(2000)
    .optional()
    .openapi({ description: 'Where the browser goes after Square: an https URL or a path on this API' }),
});

const CallbackQuery = z.object({
  state: z.string().max(4096),
  code: z.string().max(1024).optional(),
  response_type: z.string().optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(1000).optional(),
});

/**
 * Square's redirect carries no credential of ours: the signed, short-lived `state` we sent is what
 * authenticates it (checked before anything is read; the single use is checked by the service).
 */
const stateScheme = {
  kind: 'signature' as const,
  securityScheme: 'SquareOAuthState',
  verify: async (c: Parameters<typeof depsFromContext>[0]) => {
    const settings = oauthSettings(c.get('config'));
    const verified = await verifyState(settings.signingSecret, c.req.query('state') ?? '', new Date());
    if (verified.ok) return true;
    throw new AppError(
      'unauthorized',
      verified.error === 'expired' ? 'The authorization state has expired.' : 'The state is missing or not valid.',
    );
  },
};

/** Where the browser lands: the caller's page, told how it went. */
function landing(target: string, outcome: 'connected' | 'denied'): string {
  const url = new URL(target);
  url.searchParams.set('payment_connection', outcome);
  return url.toString();
}

export const connectionRoutes = createRouter()
  .openapi(
    securedRoute(HOTEL_PAYMENTS, {
      method: 'get',
      path: '/hotels/{hotel_id}/payment-connection/authorize',
      tags,
      operationId: 'connectSquareAccount',
      summary: "Connect the hotel's own Square account (start Square OAuth)",
      description:
        "Redirects (302) to Square's authorization page (authorization code with PKCE S256 and a signed, " +
        '15-minute `state`). After the seller approves, Square returns to the callback, which stores the ' +
        'connection and redirects to `redirect_after` (with `payment_connection=connected|denied`). With ' +
        '`Accept: application/json` the answer is `{authorize_url}` instead. Until connected (or after a ' +
        "disconnect) the hotel's payments use the platform's Square account. Hotel-side: needs `payments:read` and " +
        '`payments:write` (a booking widget’s key must not route the hotel’s payments to another account).',
      request: { params: HotelParam, query: AuthorizeQuery },
      responses: {
        200: jsonContent(z.object({ authorize_url: z.string() }), 'The Square authorization URL'),
        302: { description: "To Square's authorization page" },
        ...errorResponses(404, 503),
      },
    }),
    async (c) => {
      const { hotel_id } = c.req.valid('param');
      const url = await startAuthorization(depsFromContext(c), {
        hotelId: hotel_id,
        redirectAfter: c.req.valid('query').redirect_after,
        createdBy: c.get('principal').id,
        origin: new URL(c.req.url).origin,
      });
      c.header('Cache-Control', 'no-store');
      if ((c.req.header('accept') ?? '').includes('application/json')) return c.json({ authorize_url: url }, 200);
      return c.redirect(url, 302);
    },
  )
  .openapi(
    partnerRoute(
      { scheme: stateScheme, accepts: [] },
      {
        method: 'get',
        path: '/payment-connections/square/callback',
        tags,
        operationId: 'handleSquareOAuthCallback',
        summary: "Square OAuth callback (Square's redirect)",
        description:
          'Called by the browser on its way back from Square. The `state` must be ours, unexpired and unused; ' +
          'the code is exchanged with the PKCE verifier, the main active location picked, and the tokens stored ' +
          'encrypted. Redirects to `redirect_after` if one was given, else answers the connection. A seller ' +
          'who denies access (`error=access_denied`) is sent back with `payment_connection=denied` (403 without ' +
          '`redirect_after`). Square failing the exchange → 502/504; a bad, expired or reused state → 401.',
        request: { query: CallbackQuery },
        responses: {
          200: jsonContent(PaymentConnectionSchema, 'Connected'),
          302: { description: 'To `redirect_after`' },
          ...errorResponses(409, 502, 503, 504),
        },
      },
    ),
    async (c) => {
      const outcome = await completeAuthorization(depsFromContext(c), c.req.valid('query'));
      c.header('Cache-Control', 'no-store');
      if (outcome.redirectAfter) {
        return c.redirect(landing(outcome.redirectAfter, outcome.kind === 'connected' ? 'connected' : 'denied'), 302);
      }
      if (outcome.kind === 'denied') {
        throw new AppError('forbidden', `The Square seller did not grant access (${outcome.error}).`, {
          square_error: outcome.error,
        });
      }
      return c.json(connectionView(outcome.connection), 200);
    },
  )
  .openapi(
    securedRoute('payments:read', {
      method: 'get',
      path: '/hotels/{hotel_id}/payment-connection',
      tags,
      operationId: 'getPaymentConnection',
      summary: "The hotel's Square connection",
      description: 'Never the tokens themselves. 404 when the hotel never connected an account.',
      request: { params: HotelParam },
      responses: { 200: jsonContent(PaymentConnectionSchema, 'The connection'), ...errorResponses(404) },
    }),
    async (c) => {
      const row = await getConnection(depsFromContext(c), c.req.valid('param').hotel_id);
      return c.json(connectionView(row), 200);
    },
  )
  .openapi(
    securedRoute(HOTEL_PAYMENTS, {
      method: 'delete',
      path: '/hotels/{hotel_id}/payment-connection',
      tags,
      operationId: 'disconnectSquareAccount',
      summary: "Disconnect the hotel's Square account",
      description:
        'Revokes the authorization at Square and marks the connection `revoked`; payments use the platform ' +
        'account again. Idempotent (204 when there is nothing to revoke). Square unreachable → 504, nothing changes. ' +
        'Needs `payments:read` and `payments:write`.',
      request: { params: HotelParam },
      responses: { 204: { description: 'Disconnected' }, ...errorResponses(502, 503, 504) },
    }),
    async (c) => {
      await disconnect(depsFromContext(c), c.req.valid('param').hotel_id);
      return c.body(null, 204);
    },
  );

connectionRoutes.openAPIRegistry.registerComponent('securitySchemes', 'SquareOAuthState', {
  type: 'apiKey',
  in: 'query',
  name: 'state',
  description: 'The signed, single-use OAuth `state` this API sent to Square (Square returns it unchanged).',
});
