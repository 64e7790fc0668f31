import type { Deps } from '../../deps';
import { Memo } from '../../lib/memo';
import {
  claimPending,
  LEASE_MS,
  type Lease,
  overduePending,
  SLOT_MS,
  type SlotClaim,
  settleLease,
} from './version-slots';

/**
 * Availability cache in KV (docs/kv-keys.md).
 *
 *   av:v:<hotel_id>          {"v": "<version>", "b": "<D1 bookmark>|null", "n": <changes covered>}  TTL 30 days
 *   av:e:<hotel_id>:<query>  <version>\n<expires ms>\n<tag>\n<response JSON>  TTL max(60, cache TTL),
 *                            written when a search is asked for a second time (see seenEntries)
 *
 * Every change to a hotel's catalog, ARI or inventory publishes a new version (with the D1 bookmark of
 * the write), at most once per second per hotel (version-slots.ts): KV takes about one write per second
 * to a key. A search uses an entry only if its version is the current one. The isolate that wrote sees
 * its change at once (`ownChanges`); other isolates of the same location within about a second (the
 * version memo below and the trailing publish). The bookmark lets the miss path read a replica that has at least
 * that write (read-your-writes). Entries keep the response as the JSON text it was sent as: a hit
 * answers with it unparsed.
 */
/** `n`: how many of the hotel's changes the version covers (version-slots.ts `seq`; absent: none known). */
export type HotelVersion = { v: string; b: string | null; n?: number };
/**
 * `local`: a version only this isolate knows (its own change, not yet covered by a published one),
 * with the change's bookmark: never shared.
 */
export type KnownVersion = HotelVersion & { local?: true };

const VERSION_TTL_SECONDS = 30 * 24 * 3600;
const KV_MIN_TTL_SECONDS = 60;
/** BOOKING_ENGINE_CACHE_TTL's upper bound; entries also carry their own expiry. */
const KV_MAX_ENTRY_TTL_MS = 86_400_000;

export const versionKey = (hotelId: string) => `av:v:${hotelId}`;
export const entryKey = (hotelId: string, query: string) => `av:e:${hotelId}:${query}`;

/** A hit carries the caller's `tag` (e.g. the hotel time zone) and the response text. */
export type CacheLookup = { hit: true; tag: string; json: string } | { hit: false; version: KnownVersion | null };

/** `inKv`: written to KV already, or never to be (computed under a version only this isolate knows). */
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

/**
 * Each hotel's published version as this isolate last read or wrote it, trusted for SLOT_MS: a search
 * within a second of the last read needs no KV read for the version (with the entry in `seenEntries`,
 * none at all). A change published meanwhile by another isolate is seen at most that much later,
 * which is the bound the trailing publish keeps anyway; this isolate's own changes: `ownChanges`.
 */
const versions = new Memo<HotelVersion | null>(SLOT_MS, 1000);

/**
 * How long this isolate keeps its own change apart from the published versions: the longest a publish
 * can be overdue (a lease that expires, then the housekeeping cron's minute), with some slack.
 */
const OWN_CHANGE_MS = LEASE_MS + 90_000;

/**
 * This isolate's latest change of each hotel (its number `seq` and D1 bookmark) until a published
 * version is seen to cover it (`n` ≥ `seq`). Until then its searches use a version of their own,
 * derived from the published one (`withOwn`): they never serve what was cached before the change,
 * however late its publish is, and still follow other isolates' publishes.
 */
const ownChanges = new Memo<{ seq: number; b: string | null }>(OWN_CHANGE_MS, 5000);

/** Entry keys this isolate wrote in the last second: KV takes about one write per second to a key. */
const entryWrites = new Memo<true>(SLOT_MS, 1000);

export async function readCached(
  kv: KVNamespace,
  hotelId: string,
  query: string,
  waitUntil: (p: Promise<unknown>) => void,
  now = Date.now(),
): Promise<CacheLookup> {
  const key = entryKey(hotelId, query);
  const local = seenEntries.get(key, now);
  const known = versions.get(hotelId, now);
  let published: HotelVersion | null;
  let entry: Entry | null;
  if (known !== undefined) {
    published = known;
    // KV holds no entry of a version this isolate's own change makes local.
    entry = local ?? (withOwn(published, hotelId, now)?.local ? null : await readEntry(kv, key, now));
  } else if (local) {
    published = await kv.get<HotelVersion>(versionKey(hotelId), 'json');
    entry = local;
  } else {
    const values = await kv.get([versionKey(hotelId), key], 'text');
    const versionText = values.get(versionKey(hotelId));
    published = versionText ? (JSON.parse(versionText) as HotelVersion) : null;
    const entryText = values.get(key);
    entry = entryText ? parseEntry(entryText, now) : null;
    if (entry) seenEntries.set(key, entry, now);
  }
  // A publish this isolate made while KV was read must not be shadowed by the older version read.
  if (known === undefined && versions.get(hotelId, now) === undefined) versions.set(hotelId, published, now);
  // Read after the awaits: a change this isolate made meanwhile counts too.
  const version = withOwn(published, hotelId, now);
  if (!(version && entry && entry.v === version.v && entry.exp > now)) return { hit: false, version };
  if (!entry.inKv && !entryWrites.get(key, now)) {
    entry.inKv = true;
    entryWrites.set(key, true, now);
    const ttl = Math.max(KV_MIN_TTL_SECONDS, entry.ttlSeconds);
    waitUntil(kv.put(key, serialize(entry), { expirationTtl: ttl }));
  }
  return { hit: true, tag: entry.tag, json: entry.json };
}

/**
 * The version a search here uses: the published one, unless this isolate made a change it does not
 * cover; then one of its own, derived from it (a publish by another isolate still changes it) and
 * read at the change's bookmark.
 */
function withOwn(published: HotelVersion | null, hotelId: string, now: number): KnownVersion | null {
  const own = ownChanges.get(hotelId, now);
  if (!own || (published !== null && (published.n ?? 0) >= own.seq)) return published;
  return { v: `${published?.v ?? 'none'}+${own.seq}`, b: own.b, local: true };
}

async function readEntry(kv: KVNamespace, key: string, now: number): Promise<Entry | null> {
  const text = await kv.get(key, 'text');
  const entry = text ? parseEntry(text, now) : null;
  if (entry) seenEntries.set(key, entry, now);
  return entry;
}

/** Remembers a freshly computed result in this isolate; readCached shares it through KV on reuse. */
export function rememberResult(
  hotelId: string,
  query: string,
  version: KnownVersion,
  result: { tag: string; json: string },
  ttlSeconds: number,
  now = Date.now(),
): void {
  if (ttlSeconds <= 0) return;
  const inKv = version.local === true;
  const entry: Entry = { v: version.v, exp: now + ttlSeconds * 1000, ...result, ttlSeconds, inKv };
  seenEntries.set(entryKey(hotelId, query), entry, now);
}

/** What publishing a version uses (a request's or a job's Deps). */
export type VersionDeps = Pick<Deps, 'cache' | 'd1' | 'defer' | 'log' | 'now' | 'sleep'>;

/** Trailing publishes this isolate has scheduled, by hotel and slot end: one each. */
const trailing = new Memo<true>(SLOT_MS, 1000);

/**
 * Invalidates every cached search of a hotel after a change committed together with `claim` (its
 * slot claim, version-slots.ts). This isolate keeps the change apart at once (`ownChanges`:
 * read-your-writes). Won: the version is written to KV now, under the claim's lease. Lost: a publish
 * is in flight (its holder publishes this change when it settles) or ended less than a second ago (a
 * trailing publish at the slot's end covers it). Never fails the request: the change is committed,
 * and whatever is left pending the housekeeping cron publishes (docs/kv-keys.md).
 */
export async function bumpVersion(
  deps: VersionDeps,
  hotelId: string,
  bookmark: string | null,
  claim: SlotClaim,
  now: number,
): Promise<void> {
  const seq = claim.won ? claim.lease.seq : claim.seq;
  const before = ownChanges.get(hotelId, now);
  if (!before || before.seq < seq) ownChanges.set(hotelId, { seq, b: bookmark }, now);
  let slotEnds = claim.won ? now + SLOT_MS : claim.slotEnds;
  if (claim.won) {
    const published = await publishLeased(deps, hotelId, bookmark, claim.lease, now);
    if (published.written) return;
    // Refused: the change stays pending and the slot restarts at the attempt's end; one retry then.
    slotEnds = published.at + SLOT_MS;
  }
  const slot = `${hotelId}@${slotEnds}`;
  if ((claim.won || claim.first) && !trailing.get(slot, now)) {
    trailing.set(slot, true, slotEnds);
    deps.defer(trailingPublish(deps, hotelId, slotEnds, now));
  }
}

/**
 * Publishes the changes counted as pending once their slot is free; false when there was nothing to
 * publish (a publish won meanwhile and covered them), the slot is not free yet, or KV refused (the
 * changes then wait for the housekeeping cron). `at`: the instant to publish for (housekeeping's own);
 * the lease is measured from the clock when that is later (a job that ran late must not take a lease
 * that has already run out).
 */
export async function publishPending(deps: VersionDeps, hotelId: string, at: number): Promise<boolean> {
  const now = Math.max(at, deps.now().getTime());
  const leaseId = crypto.randomUUID();
  // The primary, so the bookmark after the claim is at least as new as every change it covers.
  const session = deps.d1.withSession('first-primary');
  const claimed = await claimPending(session, hotelId, now, leaseId).first<{ pending: number; seq: number }>();
  if (claimed === null) return false;
  const lease = { id: leaseId, covers: claimed.pending, seq: claimed.seq };
  return (await publishLeased(deps, hotelId, session.getBookmark(), lease, now)).written;
}

/**
 * Writes the version under a lease taken at `claimedAt`, then settles the lease with the attempt's end
 * (`at`) as the slot's start: the next write can only be claimed a second after this one ended, even
 * when it failed (a write that timed out may still have landed). Changes that came while it was
 * written get a trailing publish a slot later. A settle D1 refused leaves the lease to expire: the
 * changes are then overdue for the cron.
 */
async function publishLeased(
  deps: VersionDeps,
  hotelId: string,
  bookmark: string | null,
  lease: Lease,
  claimedAt: number,
): Promise<{ written: boolean; at: number }> {
  const written = await publishVersion(deps, hotelId, { v: crypto.randomUUID(), b: bookmark, n: lease.seq }, claimedAt);
  // The claim's clock when it is ahead (an injected one, housekeeping run for a given instant).
  const at = Math.max(deps.now().getTime(), claimedAt);
  let left: number | null;
  try {
    left = await settleLease(deps.d1, hotelId, lease, written, at).first<number>('pending');
  } catch (err) {
    deps.log.error('availability cache version lease left to expire', { hotel_id: hotelId, error: errorText(err) });
    return { written, at };
  }
  if (written && left !== null && left > 0) deps.defer(trailingPublish(deps, hotelId, at + SLOT_MS, at));
  return { written, at };
}

/** The housekeeping backstop: changes whose publisher died or whose KV write failed. */
export async function publishOverdue(deps: VersionDeps, now: number, limit = 100): Promise<number> {
  const due = await overduePending(deps.d1, now, limit).all<{ hotel_id: string }>();
  let published = 0;
  for (const { hotel_id } of due.results) if (await publishPending(deps, hotel_id, now)) published++;
  return published;
}

/**
 * Publishes what the slot ending at `slotEnds` left pending, once it has ended. `now` is the clock the
 * change was committed on: the slot's times were written on it, so the publish reads the same clock —
 * never less than the slot's end, and never more than one slot of real waiting (a caller on an injected
 * or skewed clock, e.g. housekeeping run for a given instant, does not hold its request for longer).
 */
async function trailingPublish(deps: VersionDeps, hotelId: string, slotEnds: number, now: number): Promise<void> {
  try {
    // A few ms past the slot's end, so the claim's `published_at <= now - SLOT_MS` holds on this clock.
    const waitMs = Math.min(SLOT_MS, Math.max(0, slotEnds - now)) + 5;
    await deps.sleep(waitMs);
    await publishPending(deps, hotelId, Math.max(deps.now().getTime(), slotEnds + 5));
  } catch (err) {
    deps.log.warn('trailing availability cache publish failed', { hotel_id: hotelId, error: errorText(err) });
  }
}

/** One KV write of a new version; this isolate knows it at once. False (logged) when KV refused it. */
async function publishVersion(
  deps: VersionDeps,
  hotelId: string,
  version: HotelVersion,
  now: number,
): Promise<boolean> {
  try {
    await deps.cache.put(versionKey(hotelId), JSON.stringify(version), { expirationTtl: VERSION_TTL_SECONDS });
  } catch (err) {
    deps.log.error('availability cache version not written', { hotel_id: hotelId, error: errorText(err) });
    return false;
  }
  versions.set(hotelId, version, now);
  return true;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
