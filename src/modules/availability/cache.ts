import { Logger } from '../../lib/log';

/**
 * Availability cache in KV (docs/kv-keys.md).
 *
 *   av:v:<hotel_id>          {"v": "<version>", "b": "<D1 bookmark>|null"}   TTL 30 days
 *   av:e:<hotel_id>:<query>  {"v": "<version>", "exp": <ms>, "body": {...}} TTL max(60, cache TTL)
 *
 * Every change to a hotel's catalog, ARI or inventory writes a new version (with the D1 bookmark of
 * the write). A search reads both keys in one bulk get and uses the entry only if its version is the
 * current one, so nothing written through this API is served stale from the location that wrote it.
 * The bookmark lets the miss path read a replica that has at least that write (read-your-writes).
 */
export type HotelVersion = { v: string; b: string | null };
type Entry<T> = { v: string; exp: number; body: T };

const VERSION_TTL_SECONDS = 30 * 24 * 3600;
const KV_MIN_TTL_SECONDS = 60;

export const versionKey = (hotelId: string) => `av:v:${hotelId}`;
export const entryKey = (hotelId: string, query: string) => `av:e:${hotelId}:${query}`;

export type CacheLookup<T> = { hit: true; body: T } | { hit: false; version: HotelVersion | null };

export async function readCached<T>(
  kv: KVNamespace,
  hotelId: string,
  query: string,
  now = Date.now(),
): Promise<CacheLookup<T>> {
  const values = await kv.get<HotelVersion | Entry<T>>([versionKey(hotelId), entryKey(hotelId, query)], 'json');
  const version = (values.get(versionKey(hotelId)) as HotelVersion | null) ?? null;
  const entry = values.get(entryKey(hotelId, query)) as Entry<T> | null;
  if (version && entry && entry.v === version.v && entry.exp > now) return { hit: true, body: entry.body };
  return { hit: false, version };
}

export async function writeCached<T>(
  kv: KVNamespace,
  hotelId: string,
  query: string,
  version: HotelVersion,
  body: T,
  ttlSeconds: number,
  now = Date.now(),
): Promise<void> {
  if (ttlSeconds <= 0) return;
  const entry: Entry<T> = { v: version.v, exp: now + ttlSeconds * 1000, body };
  await kv.put(entryKey(hotelId, query), JSON.stringify(entry), {
    expirationTtl: Math.max(KV_MIN_TTL_SECONDS, ttlSeconds),
  });
}

/**
 * Invalidates every cached search of a hotel. Called after the change has committed, so it must not
 * fail the request: KV allows about one write per second to one key, so a refused write is retried
 * with backoff, and if it still fails the error is logged and the old entries age out within the
 * cache TTL (docs/kv-keys.md).
 */
export async function bumpVersion(
  kv: KVNamespace,
  hotelId: string,
  bookmark: string | null,
): Promise<HotelVersion | null> {
  const version: HotelVersion = { v: crypto.randomUUID(), b: bookmark };
  const body = JSON.stringify(version);
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      await kv.put(versionKey(hotelId), body, { expirationTtl: VERSION_TTL_SECONDS });
      return version;
    } catch (err) {
      if (attempt === 3) {
        new Logger('error').error('availability cache version not written', {
          hotel_id: hotelId,
          error: err instanceof Error ? err.message : String(err),
        });
        return null;
      }
      await new Promise((r) => setTimeout(r, 400 * (attempt + 1)));
    }
  }
  return null;
}
