import { z } from '@hono/zod-openapi';
import { inArray } from 'drizzle-orm';
import { notFound } from '../../errors';
import { createRouter } from '../../lib/openapi';
import { decodeCursor, toPage } from '../../lib/pagination';
import { errorResponses, jsonBody, jsonContent, PaginationQuery, pageOf } from '../../lib/schemas';
import { assertHotelAccess, canAccessHotel } from '../auth/access';
import { assertPlatformAdmin } from '../auth/keys.service';
import { securedRoute } from '../auth/secured-route';
import { createClient, deleteClient, getClient, listClients } from './clients.service';
import { getGrant, listGrants, withdrawHotels } from './grants.service';
import { ClientSchema, CreateClientBody, CreatedClientSchema, GrantSchema, GrantsQuery } from './oauth.schema';
import { type OauthClientRow, type OauthGrantRow, oauthClients } from './oauth.table';

const tags = ['OAuth'];
const IdParam = z.object({ id: z.string().min(1).max(64) });

function clientJson(row: OauthClientRow) {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    redirect_uris: row.redirectUris,
    scopes: row.scopes,
    created_at: row.createdAt.toISOString(),
  };
}

/** `reach`: the caller's hotels only; a grant shared with other hotels does not name them to it. */
function grantJson(row: OauthGrantRow, names: Map<string, string>, reach: (hotelId: string) => boolean) {
  return {
    id: row.id,
    client_id: row.clientId,
    client_name: names.get(row.clientId) ?? null,
    hotel_ids: row.hotelIds.filter(reach),
    scopes: row.scopes,
    granted_by: row.subject,
    created_at: row.createdAt.toISOString(),
  };
}

export const oauthRoutes = createRouter()
  .openapi(
    securedRoute('admin', {
      method: 'post',
      path: '/oauth/clients',
      tags,
      operationId: 'createOAuthClient',
      summary: 'Register an OAuth app (platform admin)',
      request: { body: jsonBody(CreateClientBody) },
      responses: {
        201: jsonContent(CreatedClientSchema, 'The app; a confidential one’s secret shown once'),
        ...errorResponses(415),
      },
    }),
    async (c) => {
      assertPlatformAdmin(c.get('principal'));
      const { row, secret } = await createClient(c.get('db'), c.req.valid('json'));
      return c.json({ ...clientJson(row), client_secret: secret }, 201);
    },
  )
  .openapi(
    securedRoute('admin', {
      method: 'get',
      path: '/oauth/clients',
      tags,
      operationId: 'listOAuthClients',
      summary: 'List OAuth apps (platform admin)',
      request: { query: PaginationQuery },
      responses: { 200: jsonContent(pageOf(ClientSchema, 'OAuthClientPage'), 'A page of apps'), ...errorResponses() },
    }),
    async (c) => {
      assertPlatformAdmin(c.get('principal'));
      const { limit, cursor } = c.req.valid('query');
      return c.json(toPage(await listClients(c.get('db'), limit, decodeCursor(cursor)), limit, clientJson), 200);
    },
  )
  .openapi(
    securedRoute('admin', {
      method: 'get',
      path: '/oauth/clients/{id}',
      tags,
      operationId: 'getOAuthClient',
      summary: 'Get an OAuth app (platform admin)',
      request: { params: IdParam },
      responses: { 200: jsonContent(ClientSchema, 'The app'), ...errorResponses(404) },
    }),
    async (c) => {
      assertPlatformAdmin(c.get('principal'));
      return c.json(clientJson(await getClient(c.get('db'), c.req.valid('param').id)), 200);
    },
  )
  .openapi(
    securedRoute('admin', {
      method: 'delete',
      path: '/oauth/clients/{id}',
      tags,
      operationId: 'deleteOAuthClient',
      summary: 'Delete an OAuth app and revoke all its grants (platform admin)',
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted; its tokens stop working at once' }, ...errorResponses(404) },
    }),
    async (c) => {
      assertPlatformAdmin(c.get('principal'));
      await deleteClient(c.get('db'), c.req.valid('param').id);
      return c.body(null, 204);
    },
  )
  .openapi(
    securedRoute('admin', {
      method: 'get',
      path: '/oauth/grants',
      tags,
      operationId: 'listOAuthGrants',
      summary: 'The apps a hotel has authorised',
      request: { query: GrantsQuery },
      responses: {
        200: jsonContent(pageOf(GrantSchema, 'OAuthGrantPage'), 'Active grants, newest first'),
        ...errorResponses(),
      },
    }),
    async (c) => {
      const { hotel_id, limit, cursor } = c.req.valid('query');
      const principal = c.get('principal');
      assertHotelAccess(principal, hotel_id);
      const db = c.get('db');
      const grants = await listGrants(db, hotel_id, limit, decodeCursor(cursor));
      const ids = [...new Set(grants.map((g) => g.clientId))];
      const clients = ids.length
        ? await db
            .select({ id: oauthClients.id, name: oauthClients.name })
            .from(oauthClients)
            .where(inArray(oauthClients.id, ids))
            .all()
        : [];
      const names = new Map(clients.map((row) => [row.id, row.name]));
      return c.json(
        toPage(grants, limit, (g) => grantJson(g, names, (h) => canAccessHotel(principal, h))),
        200,
      );
    },
  )
  .openapi(
    securedRoute('admin', {
      method: 'delete',
      path: '/oauth/grants/{id}',
      tags,
      operationId: 'revokeOAuthGrant',
      summary: 'Revoke an app’s authorisation, tokens included',
      description:
        'Takes effect at once: every access and refresh token of the grant is refused from the next request. ' +
        'A credential that reaches only some of the grant’s hotels removes those hotels from it; the grant is ' +
        'revoked when none is left.',
      request: { params: IdParam },
      responses: { 204: { description: 'Revoked (or narrowed)' }, ...errorResponses(404) },
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      const db = c.get('db');
      const grant = await getGrant(db, id);
      const principal = c.get('principal');
      const mine = grant.hotelIds.filter((h) => canAccessHotel(principal, h));
      // Another hotel's grant: as unknown as a missing one.
      if (mine.length === 0) throw notFound('OAuth grant', id);
      await withdrawHotels(db, id, mine);
      return c.body(null, 204);
    },
  );
