import { Logger } from '../../lib/log';
import { Memo } from '../../lib/memo';

/**
 * Availability cache in KV (docs/kv-keys.md).
 *
 *   av:v:<hotel_id>          {"v": "<version>", "b": "<D1 bookmark>|null"}       TTL 30 days
 *   av:e:<hotel_id>:<query>  <version>\n<expires ms>\n<tag>\n<response JSON>  TTL max(60, cache TTL),
 *                            written when a search is asked for a second time (see seenEntries)
 *
 * Every change to a hotel's catalog, ARI or inventory writes a new version (with the D1 bookmark of
 * the write). A search reads both keys in one bulk get and uses the entry only if its version is the
 * current one, so nothing written through this API is served stale from the location that wrote it.
 * The bookmark lets the miss path read a replica that has at least that write (read-your-writes).
 * Entries keep the response as the JSON text it was sent as: a hit answers with it unparsed.
 */
export type HotelVersion = { v: string; b: string | null };

const VERSION_TTL_SECONDS = 30 * 24 * 3600;
const KV_MIN_TTL_SECONDS = 60;
/** BOOKING_ENGINE_CACHE_TTL's upper bound; entries also carry their own expiry. */
const KV_MAX_ENTRY_TTL_MS = 86_400_000;

export const versionKey = (hotelId: string) => `av:v:${hotelId}`;
export const entryKey = (hotelId: string, query: string) => `av:e:${hotelId}:${query}`;

/** A hit carries the caller's `tag` (e.g. the hotel time zone) and the response text. */
export type CacheLookup = { hit: true; tag: string; json: string } | { hit: false; version: HotelVersion | null };

type Entry = { v: string; exp: number; tag: string; json: string; ttlSeconds: number; inKv: boolean };

function serialize(e: Entry): string {
  return `${e.v}\n${e.exp}\n${e.tag}\n${e.json}`;
}

function parseEntry(text: string, now: number): Entry | null {
  const first = text.indexOf('\n');
  const second = text.indexOf('\n', first + 1);
  const third = text.indexOf('\n', second + 1);
  if (first < 0 || second < 0 || third < 0) return null;
  const exp = Number(text.slice(first + 1, second));
  return {
    v: text.slice(0, first),
    exp,
    tag: text.slice(second + 1, third),
    json: text.slice(third + 1),
    ttlSeconds: Math.max(0, Math.ceil((exp - now) / 1000)),
    inKv: true,
  };
}

/**
 * Entries this isolate has computed or read, so a repeated search reads only the small version key
 * from KV, not the whole response again. Still validated against the current version on every
 * request: this saves bytes, not freshness. A result goes to KV only when it is asked for a second
 * time (admission on second use): one-off searches cost no KV write, which is KV's expensive
 * operation, and popular ones are shared with other isolates from their second request on.
 */
const seenEntries = new Memo<Entry>(KV_MAX_ENTRY_TTL_MS, 300);

export async function readCached(
  kv: KVNamespace,
  hotelId: string,
  query: string,
  waitUntil: (p: Promise<unknown>) => void,
  now = Date.now(),
): Promise<CacheLookup> {
  const key = entryKey(hotelId, query);
  const local = seenEntries.get(key, now);
  let version: HotelVersion | null;
  let entry: Entry | null;
  if (local) {
    version = await kv.get<HotelVersion>(versionKey(hotelId), 'json');
    entry = version && local.v === version.v ? local : null;
  } else {
    const values = await kv.get([versionKey(hotelId), key], 'text');
    const versionText = values.get(versionKey(hotelId));
    version = versionText ? (JSON.parse(versionText) as HotelVersion) : null;
    const entryText = values.get(key);
    entry = entryText ? parseEntry(entryText, now) : null;
    if (entry) seenEntries.set(key, entry, now);
  }
  if (!(version && entry && entry.v === version.v && entry.exp > now)) return { hit: false, version };
  if (!entry.inKv) {
    entry.inKv = true;
    const ttl = Math.max(KV_MIN_TTL_SECONDS, entry.ttlSeconds);
    waitUntil(kv.put(key, serialize(entry), { expirationTtl: ttl }));
  }
  return { hit: true, tag: entry.tag, json: entry.json };
}

/** Remembers a freshly computed result in this isolate; readCached shares it through KV on reuse. */
export function rememberResult(
  hotelId: string,
  query: string,
  version: HotelVersion,
  result: { tag: string; json: string },
  ttlSeconds: number,
  now = Date.now(),
): void {
  if (ttlSeconds <= 0) return;
  const entry: Entry = { v: version.v, exp: now + ttlSeconds * 1000, ...result, ttlSeconds, inKv: false };
  seenEntries.set(entryKey(hotelId, query), entry, now);
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
