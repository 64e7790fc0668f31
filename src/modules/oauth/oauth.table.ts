import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Scope } from '../auth/scopes';

export const CLIENT_TYPES = ['confidential', 'public'] as const;
export type ClientType = (typeof CLIENT_TYPES)[number];

/** Third-party apps the platform admin registered (RFC 6749 §2). Deleting one revokes its grants. */
export const oauthClients = sqliteTable('oauth_clients', {
  /** The `client_id` (`oac_…`). */
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  type: text('type', { enum: CLIENT_TYPES }).notNull(),
  /** SHA-256 (hex) of the secret of a confidential client; the secret is shown once. null: public. */
  secretHash: text('secret_hash'),
  /** Compared character for character with `redirect_uri` (no prefix or wildcard match). */
  redirectUris: text('redirect_uris', { mode: 'json' }).$type<string[]>().notNull(),
  /** The most a grant to this app may carry; never `admin`. */
  scopes: text('scopes', { mode: 'json' }).$type<Scope[]>().notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  deletedAt: integer('deleted_at', { mode: 'timestamp_ms' }),
});

export type OauthClientRow = typeof oauthClients.$inferSelect;

/**
 * One consent: what a hotel user let one app do for which hotels. It starts with its authorization
 * code (hash, PKCE challenge, redirect URI) and lives on through refresh tokens until revoked.
 * Revoking it ends every access and refresh token issued under it at once (they are checked here).
 */
export const oauthGrants = sqliteTable(
  'oauth_grants',
  {
    id: text('id').primaryKey(),
    clientId: text('client_id').notNull(),
    /** Who consented: `key:<api key id>` or `idp:<issuer>:<sub>`. */
    subject: text('subject').notNull(),
    /** The API key that consented; the grant dies with it. null for IdP users. */
    keyId: text('key_id'),
    hotelIds: text('hotel_ids', { mode: 'json' }).$type<string[]>().notNull(),
    scopes: text('scopes', { mode: 'json' }).$type<Scope[]>().notNull(),
    redirectUri: text('redirect_uri').notNull(),
    codeHash: text('code_hash').notNull().unique(),
    /** RFC 7636 S256 challenge (base64url SHA-256 of the verifier). */
    codeChallenge: text('code_challenge').notNull(),
    codeExpiresAt: integer('code_expires_at', { mode: 'timestamp_ms' }).notNull(),
    codeUsedAt: integer('code_used_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('oauth_grants_client').on(t.clientId)],
);

export type OauthGrantRow = typeof oauthGrants.$inferSelect;

/**
 * Every refresh token ever issued, by hash: a used one is kept so that its replay is recognised
 * (and revokes the grant, OAuth 2.1 §4.3.1) rather than looking like an unknown token.
 */
export const oauthRefreshTokens = sqliteTable(
  'oauth_refresh_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    grantId: text('grant_id').notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    usedAt: integer('used_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('oauth_refresh_tokens_grant').on(t.grantId)],
);
