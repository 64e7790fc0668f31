import { z } from '@hono/zod-openapi';
import { PaginationQuery } from '../../lib/schemas';
import { GRANTABLE_SCOPES } from './oauth.rules';
import { CLIENT_TYPES } from './oauth.table';

/**
 * RFC 8252 / OAuth 2.1 §2.3: an absolute URI without fragment or wildcard; https, http only to a
 * loopback address (native apps), or a private-use scheme in reverse-domain form (`com.example.app:`).
 */
export function redirectUriProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URI';
  }
  if (url.hash || value.includes('#')) return 'must not have a fragment';
  if (value.includes('*')) return 'must not contain a wildcard';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:') {
    return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) ? null : 'http is allowed only for loopback';
  }
  return /^[a-z][a-z0-9+-]*(\.[a-z0-9+-]+)+:$/.test(url.protocol) ? null : 'use https or a reverse-domain scheme';
}

const RedirectUri = z
  .string()
  .max(2000)
  .superRefine((v, ctx) => {
    const problem = redirectUriProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const CreateClientBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    type: z.enum(CLIENT_TYPES).openapi({
      description: '`confidential`: a server that keeps a secret; `public`: a native or browser app (PKCE only).',
    }),
    redirect_uris: z.array(RedirectUri).min(1).max(20),
    scopes: z
      .array(z.enum(GRANTABLE_SCOPES))
      .min(1)
      .openapi({ description: 'The most this app may ask for; never `admin`.' }),
  })
  .openapi('CreateOAuthClient');

export const ClientSchema = z
  .object({
    id: z.string().openapi({ description: 'The `client_id`.' }),
    name: z.string(),
    type: z.enum(CLIENT_TYPES),
    redirect_uris: z.array(z.string()),
    scopes: z.array(z.string()),
    created_at: z.string(),
  })
  .openapi('OAuthClient');

export const CreatedClientSchema = ClientSchema.extend({
  client_secret: z
    .string()
    .nullable()
    .openapi({ description: 'Confidential clients: `whs_…`, shown once and stored hashed. Public: null.' }),
}).openapi('CreatedOAuthClient');

export const GrantSchema = z
  .object({
    id: z.string(),
    client_id: z.string(),
    client_name: z.string().nullable(),
    hotel_ids: z.array(z.string()).openapi({ description: 'The grant’s hotels that the caller reaches.' }),
    scopes: z.array(z.string()),
    granted_by: z.string().openapi({ description: '`key:<api key id>` or `idp:<issuer>:<subject>`.' }),
    created_at: z.string(),
  })
  .openapi('OAuthGrant');

export const GrantsQuery = PaginationQuery.extend({ hotel_id: z.string().min(1).max(64) });
