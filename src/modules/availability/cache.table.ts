import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * One row per hotel: when its availability-cache version (`av:v:<hotel>` in KV) was last claimed for
 * publishing, and how many changes since then still wait for the next publish. KV takes about one write
 * per second to a key, so a change publishes at once only when no write claimed the last second; the
 * others count themselves here and the trailing publish at the end of that second covers them all
 * (src/modules/availability/version-slots.ts, docs/kv-keys.md).
 */
export const cacheVersions = sqliteTable('cache_versions', {
  hotelId: text('hotel_id').primaryKey(),
  /** When the last publish claimed its one-second slot (epoch ms of the claiming clock). */
  publishedAt: integer('published_at').notNull(),
  /** Changes committed since `publishedAt` that no publish has covered yet (0: all published). */
  pending: integer('pending').notNull().default(0),
});
