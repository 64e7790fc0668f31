import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * One row per hotel: when its availability-cache version (`av:v:<hotel>` in KV) was last written, how
 * many changes still wait for a publish, and the lease of the publish in flight. KV takes about one
 * write per second to a key, so a change publishes at once only when no publish is in flight and the
 * last one ended at least a second ago; the others count themselves here and one publish a second
 * later covers them all (src/modules/availability/version-slots.ts, docs/kv-keys.md).
 */
export const cacheVersions = sqliteTable('cache_versions', {
  hotelId: text('hotel_id').primaryKey(),
  /** When the last publish's KV write ended (epoch ms of the publisher's clock; 0 before the first). */
  publishedAt: integer('published_at').notNull(),
  /** Changes committed that no finished publish has covered yet, including the one in flight (0: all published). */
  pending: integer('pending').notNull().default(0),
  /** The publish in flight: its random id, and when it is presumed dead (epoch ms). Both null when none is. */
  leaseId: text('lease_id'),
  leaseUntil: integer('lease_until'),
  /** Changes counted so far: a version carries the count its publish covers (`n` in KV). */
  seq: integer('seq').notNull().default(0),
});
