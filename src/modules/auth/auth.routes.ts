import { z } from '@hono/zod-openapi';
import { depsFromContext } from '../../deps';
import { AppError } from '../../errors';
import { createRouter } from '../../lib/openapi';
import { decodeCursor, toPage } from '../../lib/pagination';
import { errorResponses, iso, jsonBody, jsonContent, PaginationQuery, pageOf } from '../../lib/schemas';
import { DEFAULT_RATE_LIMITS } from '../platform/rate-limit.rules';
import { assertHotelAccess } from './access';
import {
  ApiKeySchema,
  CreateApiKeyBody,
  CreatedApiKeySchema,
  TokenRequestBody,
  TokenSchema,
  UpdateApiKeyBody,
} from './auth.schema';
import type { ApiKeyRow } from './auth.table';
import { assertPlatformAdmin, createApiKey, getApiKey, listApiKeys, revokeApiKey, updateApiKey } from './keys.service';
import { coversScopes, defaultTokenScopes } from './scopes';
import { securedRoute } from './secured-route';
import { issueToken } from './tokens.service';

const tags = ['Auth'];
const IdParam = z.object({ id: z.string().min(1).max(64) });

function toJson(row: ApiKeyRow) {
  return {
    id: row.id,
    name: row.name,
    key_prefix: row.keyPrefix,
    scopes: row.scopes,
    hotel_ids: row.hotelIds,
    allowed_origins: row.allowedOrigins,
    allowed_ips: row.allowedIps,
    rate_limits: {
      read_per_minute: row.rateLimitRead ?? DEFAULT_RATE_LIMITS.read,
      write_per_minute: row.rateLimitWrite ?? DEFAULT_RATE_LIMITS.write,
    },
    created_at: row.createdAt.toISOString(),
    revoked_at: iso(row.revokedAt),
  };
}

export const authRoutes = createRouter()
  .openapi(
    securedRoute('admin', {
      method: 'post',
      path: '/api-keys',
      tags,
      operationId: 'createApiKey',
      summary: 'Create an API key (platform admin)',
      request: { body: jsonBody(CreateApiKeyBody) },
      responses: { 201: jsonContent(CreatedApiKeySchema, 'The key, shown once'), ...errorResponses(415, 422) },
    }),
    async (c) => {
      assertPlatformAdmin(c.get('principal'));
      const { row, key } = await createApiKey(depsFromContext(c), c.req.valid('json'));
      return c.json({ ...toJson(row), key }, 201);
    },
  )
  .openapi(
    securedRoute('admin', {
      method: 'get',
      path: '/api-keys',
      tags,
      operationId: 'listApiKeys',
      summary: 'List API keys (platform admin)',
      request: { query: PaginationQuery },
      responses: { 200: jsonContent(pageOf(ApiKeySchema, 'ApiKeyPage'), 'A page of keys'), ...errorResponses() },
    }),
    async (c) => {
      assertPlatformAdmin(c.get('principal'));
      const { limit, cursor } = c.req.valid('query');
      const rows = await listApiKeys(c.get('db'), limit, decodeCursor(cursor));
      return c.json(toPage(rows, limit, toJson), 200);
    },
  )
  .openapi(
    securedRoute('admin', {
      method: 'get',
      path: '/api-keys/{id}',
      tags,
      operationId: 'getApiKey',
      summary: 'Get an API key (platform admin)',
      request: { params: IdParam },
      responses: { 200: jsonContent(ApiKeySchema, 'The key'), ...errorResponses(404) },
    }),
    async (c) => {
      assertPlatformAdmin(c.get('principal'));
      return c.json(toJson(await getApiKey(c.get('db'), c.req.valid('param').id)), 200);
    },
  )
  .openapi(
    securedRoute('admin', {
      method: 'patch',
      path: '/api-keys/{id}',
      tags,
      operationId: 'updateApiKey',
      summary: 'Rename an API key or change its rate limits (platform admin)',
      description:
        'A field left out keeps its value; a limit of null restores the default. A limit that is not one of ' +
        'the tiers is a 422 listing them. Takes effect at once in this location and within 30 s everywhere.',
      request: { params: IdParam, body: jsonBody(UpdateApiKeyBody) },
      responses: { 200: jsonContent(ApiKeySchema, 'The key'), ...errorResponses(404, 415, 422) },
    }),
    async (c) => {
      assertPlatformAdmin(c.get('principal'));
      return c.json(toJson(await updateApiKey(depsFromContext(c), c.req.valid('param').id, c.req.valid('json'))), 200);
    },
  )
  .openapi(
    securedRoute('admin', {
      method: 'delete',
      path: '/api-keys/{id}',
      tags,
      operationId: 'revokeApiKey',
      summary: 'Revoke an API key (platform admin)',
      description: 'Takes effect at once in this location and within 30 s everywhere; tokens it issued die with it.',
      request: { params: IdParam },
      responses: { 200: jsonContent(ApiKeySchema, 'The revoked key'), ...errorResponses(404) },
    }),
    async (c) => {
      assertPlatformAdmin(c.get('principal'));
      return c.json(toJson(await revokeApiKey(depsFromContext(c), c.req.valid('param').id)), 200);
    },
  )
  .openapi(
    securedRoute(null, {
      method: 'post',
      path: '/auth/token',
      tags,
      operationId: 'issueWidgetToken',
      summary: 'Issue a short-lived, hotel-scoped JWT for a browser booking widget',
      description:
        'Needs an API key. The token carries at most the key’s scopes, hotels and allowed origins; without ' +
        '`scopes` it gets the key’s (never `admin` unless named). A token the admin key minted dies when ' +
        '`ADMIN_API_KEY` is rotated.',
      request: { body: jsonBody(TokenRequestBody) },
      responses: { 200: jsonContent(TokenSchema, 'A Bearer token'), ...errorResponses(415) },
    }),
    async (c) => {
      const principal = c.get('principal');
      if (principal.kind === 'token' || principal.kind === 'oauth') {
        throw new AppError('forbidden', 'Tokens are issued to API keys only, not to other tokens.');
      }
      const body = c.req.valid('json');
      assertHotelAccess(principal, body.hotel_id);
      const scopes = body.scopes ?? defaultTokenScopes(principal.scopes);
      if (!coversScopes(principal.scopes, scopes)) {
        throw new AppError('forbidden', 'A token cannot carry scopes its key does not have.', {
          errors: [{ path: 'scopes', message: 'wider than the key’s scopes' }],
        });
      }
      const token = await issueToken(c.get('config'), principal, {
        hotelIds: [body.hotel_id],
        scopes: [...new Set(scopes)],
        ttlSeconds: body.ttl_seconds,
      });
      return c.json(token, 200);
    },
  );
