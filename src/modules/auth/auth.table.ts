import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Scope } from './scopes';

export const apiKeys = sqliteTable('api_keys', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** SHA-256 (hex) of the full key; the key itself is shown once and never stored. */
  keyHash: text('key_hash').notNull().unique(),
  /** First characters of the key, to let an operator recognise it in lists. */
  keyPrefix: text('key_prefix').notNull(),
  scopes: text('scopes', { mode: 'json' }).$type<Scope[]>().notNull(),
  /** null = every hotel. */
  hotelIds: text('hotel_ids', { mode: 'json' }).$type<string[] | null>(),
  allowedOrigins: text('allowed_origins', { mode: 'json' }).$type<string[]>().notNull(),
  allowedIps: text('allowed_ips', { mode: 'json' }).$type<string[]>().notNull(),
  /** Per-minute limits of this key's reads and writes (a tier of rate-limit.rules.ts); null = the default. */
  rateLimitRead: integer('rate_limit_read'),
  rateLimitWrite: integer('rate_limit_write'),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
});

export type ApiKeyRow = typeof apiKeys.$inferSelect;

/**
 * Values generated once per deployment (per D1 database) and never rotated, because something
 * issued under them stays valid only as long as they do. `api_key_checksum`: the HMAC secret of
 * API-key checksums (key-format.ts); changing or deleting it makes every key issued since fail
 * its checksum (401) until reissued.
 */
export const serverSecrets = sqliteTable('server_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});
