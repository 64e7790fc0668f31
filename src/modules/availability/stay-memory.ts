import { addDays, daysBetween } from '../../lib/dates';
import type { KnownVersion } from './cache';
import { type RateNight, type RoomNight, rateNightKey, roomNightKey, type StayData } from './offers';
import {
  type Catalog,
  catalogOf,
  changesOf,
  loadSearchContext,
  type RateNightsRow,
  type RoomNightsRow,
  readStayRows,
  type SearchContext,
  type StayRows,
} from './stay-data';

/**
 * A hotel's decoded catalog and nights, kept in the isolate per cache version (docs/kv-keys.md,
 * "In-isolate caches"), so a search that misses the response cache under a version this isolate has
 * read before computes its answer without D1. Nights are kept in aligned chunks of CHUNK_NIGHTS: a
 * stay (≤ 30 nights plus its departure date) needs at most two, and a miss that lacks one of them
 * reads the stay's chunks, whole, in the one statement it made before (readStayRows); the first miss
 * under a version reads only its stay. Data is used only under the version it was read under, within
 * the hotel's cache TTL: exactly the freshness of a response cached under that version by the same
 * request.
 */
export const CHUNK_NIGHTS = 32;
/**
 * What the isolate keeps at most, as counted by `bytes` below (typed arrays, map entries, the catalog's
 * JSON size twice): 16 MiB of a Worker's 128 MB. A chunk costs ≈ 1 KB per (rate plan, room type) pair
 * with nights and 0.4 KB per room type: the seeded bench hotel (20 room types, 5 rate plans over all
 * of them) ≈ 105 KB per chunk, ≈ 1.3 MB for a year, so about 12 such hotels' whole years fit. The
 * least recently searched hotel goes first; a hotel alone over the budget keeps its newest chunks.
 */
export const STAY_MEMORY_BYTES = 16 * 1024 * 1024;

const EPOCH = '1970-01-01';
/** Int32 cells: no row (inventory) or a null value (min/max stay). */
const NULL_INT = -0x80000000;
const PRESENT = 1;
const CLOSED = 2;
const CLOSED_TO_ARRIVAL = 4;
const CLOSED_TO_DEPARTURE = 8;
/** A map entry with its key and array header, roughly. */
const ENTRY_BYTES = 160;

/** Per night: inventory (NULL_INT: no row) and taken, overbooked units included. */
type RoomCells = Int32Array;
/** Per night: the amount (NaN: null) and [min stay, max stay, flags]; flags without PRESENT: no row. */
type RateCells = { ratePlanId: string; roomTypeId: string; amounts: Float64Array; meta: Int32Array };
/** `changes`: the hotel's change count its read saw; chunks of different counts never make one answer. */
type Chunk = {
  rooms: Map<string, RoomCells>;
  rates: Map<string, RateCells>;
  bytes: number;
  exp: number;
  changes: number;
};
/** One read's catalog and chunks, to remember once the caller knows the hotel's cache TTL. */
export type StayPart = { catalog: Catalog; catalogBytes: number; chunks: Map<number, Chunk>; changes: number };
type Snapshot = {
  v: string;
  catalog: Catalog;
  /** The change count the catalog's read saw (-1: not known). */
  changes: number;
  catalogBytes: number;
  chunks: Map<number, Chunk>;
};

const dayOf = (date: string) => daysBetween(EPOCH, date);
const chunkOf = (date: string) => Math.floor(dayOf(date) / CHUNK_NIGHTS);
const chunkStart = (chunk: number) => addDays(EPOCH, chunk * CHUNK_NIGHTS);

/** Hotels' snapshots, least recently used first, within a byte budget. */
export class StayMemory {
  private readonly hotels = new Map<string, Snapshot>();
  private used = 0;
  constructor(private readonly budgetBytes = STAY_MEMORY_BYTES) {}

  get bytes(): number {
    return this.used;
  }

  /** The hotel's snapshot if it was read under version `v` (an older version's is of no use). */
  held(hotelId: string, v: string): Snapshot | null {
    const snapshot = this.hotels.get(hotelId);
    if (snapshot?.v !== v) return null;
    this.hotels.delete(hotelId);
    this.hotels.set(hotelId, snapshot);
    return snapshot;
  }

  /** Keeps a read's data under the version it was read under, until `ttlSeconds` from `now`. */
  remember(hotelId: string, v: string, part: StayPart, ttlSeconds: number, now: number): void {
    if (ttlSeconds <= 0) return;
    const exp = now + ttlSeconds * 1000;
    let snapshot = this.hotels.get(hotelId);
    if (snapshot?.v !== v) {
      if (snapshot) this.drop(hotelId, snapshot);
      snapshot = { v, catalog: part.catalog, changes: part.changes, catalogBytes: 0, chunks: new Map() };
    }
    this.hotels.delete(hotelId);
    this.hotels.set(hotelId, snapshot);
    this.used += part.catalogBytes - snapshot.catalogBytes;
    // A read always brings the catalog: it lives as long as the newest chunk, so only chunks expire.
    snapshot.catalog = part.catalog;
    snapshot.changes = part.changes;
    snapshot.catalogBytes = part.catalogBytes;
    for (const [index, chunk] of part.chunks) {
      this.used += chunk.bytes - (snapshot.chunks.get(index)?.bytes ?? 0);
      snapshot.chunks.delete(index);
      snapshot.chunks.set(index, { ...chunk, exp });
    }
    this.trim(hotelId);
  }

  private trim(current: string): void {
    for (const [hotelId, snapshot] of this.hotels) {
      if (this.used <= this.budgetBytes) return;
      if (hotelId !== current) {
        this.drop(hotelId, snapshot);
        continue;
      }
      // The hotel just read is the only one left: its oldest chunks go, then its catalog.
      for (const [index, chunk] of snapshot.chunks) {
        if (this.used <= this.budgetBytes) return;
        snapshot.chunks.delete(index);
        this.used -= chunk.bytes;
      }
      if (this.used > this.budgetBytes) this.drop(hotelId, snapshot);
    }
  }

  private drop(hotelId: string, snapshot: Snapshot): void {
    this.hotels.delete(hotelId);
    this.used -= snapshot.catalogBytes;
    for (const chunk of snapshot.chunks.values()) this.used -= chunk.bytes;
  }
}

/** This isolate's memory, shared by its requests. */
export const stayMemory = new StayMemory();

/** `expires`: when the oldest held chunk the answer used expires (null: every night was read now). */
export type StayLoad = { ctx: SearchContext; part: StayPart | null; expires: number | null };

/**
 * The stay's catalog and nights: from memory when every chunk of it (and the catalog) was read under
 * `version` and is unexpired, else from one D1 statement for all the stay's chunks, through a session
 * that starts at the version's bookmark (read-your-writes). No version (none published, or the cache
 * bypassed): the stay alone from the primary, as before, and nothing to remember. Null: no such hotel.
 */
export async function loadStay(
  d1: D1Database,
  hotelId: string,
  checkIn: string,
  checkOut: string,
  version: KnownVersion | null,
  memory: StayMemory = stayMemory,
  now = Date.now(),
): Promise<StayLoad | null> {
  if (!version) {
    const ctx = await loadSearchContext(d1.withSession('first-primary'), hotelId, checkIn, checkOut);
    return ctx && { ctx, part: null, expires: null };
  }
  const session = d1.withSession(version.b ?? 'first-primary');
  const held = memory.held(hotelId, version.v);
  if (!held) {
    // The first miss under a version in this isolate reads its stay alone, as before, and keeps only
    // the catalog: a hotel whose version changes between any two searches never pays for nights it
    // would not reuse. Whole chunks from the second miss on.
    const ctx = await loadSearchContext(session, hotelId, checkIn, checkOut);
    if (!ctx) return null;
    const { data, ...catalog } = ctx;
    const part = { catalog, catalogBytes: 2 * JSON.stringify(catalog).length, chunks: new Map(), changes: -1 };
    return { ctx, part, expires: null };
  }
  const first = chunkOf(checkIn);
  const last = chunkOf(checkOut);
  // The held chunks this stay uses, taken now (a concurrent request's trim may drop them meanwhile),
  // all unexpired and read at the catalog's change count: chunks read on either side of a change
  // (another isolate's, not yet published) never make one answer.
  const kept = new Map<number, Chunk>();
  for (let i = first; i <= last; i++) {
    const chunk = held.chunks.get(i);
    if (!chunk || chunk.exp <= now || chunk.changes !== held.changes) break;
    kept.set(i, chunk);
  }
  if (kept.size === last - first + 1) {
    const data = stayDataOf((i) => kept.get(i) as Chunk, checkIn, checkOut);
    const expires = Math.min(...[...kept.values()].map((c) => c.exp));
    return { ctx: { ...held.catalog, data }, part: null, expires };
  }
  // Otherwise every chunk of the stay, read again together in one statement.
  const to = chunkStart(last + 1);
  const rows = await readStayRows(session, hotelId, chunkStart(first), to, to);
  const catalog = catalogOf(rows);
  if (!catalog) return null;
  const changes = changesOf(rows);
  const chunks = chunksOf(rows, first, last, changes);
  const part: StayPart = { catalog, catalogBytes: 2 * JSON.stringify(catalog).length, chunks, changes };
  const data = stayDataOf((i) => chunks.get(i) as Chunk, checkIn, checkOut);
  return { ctx: { ...catalog, data }, part, expires: null };
}

/** Keeps what `loadStay` read (under the version it was read under) for the hotel's cache TTL. */
export function rememberStay(
  hotelId: string,
  version: KnownVersion,
  part: StayPart,
  ttlSeconds: number,
  memory: StayMemory = stayMemory,
  now = Date.now(),
): void {
  memory.remember(hotelId, version.v, part, ttlSeconds, now);
}

/** The statement's nights, decoded into the chunks `first` to `last` it read (every one, rows or not). */
function chunksOf(rows: StayRows, first: number, last: number, changes: number): Map<number, Chunk> {
  const chunks = new Map<number, Chunk>();
  for (let i = first; i <= last; i++) chunks.set(i, { rooms: new Map(), rates: new Map(), bytes: 0, exp: 0, changes });
  for (const [roomTypeId, nights] of rows.room_nights as RoomNightsRow[]) {
    for (const [date, inventory, taken] of nights) {
      const day = dayOf(date);
      const chunk = chunks.get(Math.floor(day / CHUNK_NIGHTS)) as Chunk;
      let cells = chunk.rooms.get(roomTypeId);
      if (!cells) {
        cells = new Int32Array(2 * CHUNK_NIGHTS).fill(NULL_INT);
        chunk.rooms.set(roomTypeId, cells);
        chunk.bytes += cells.byteLength + ENTRY_BYTES;
      }
      const at = 2 * (day % CHUNK_NIGHTS);
      cells[at] = inventory;
      cells[at + 1] = taken;
    }
  }
  for (const [ratePlanId, roomTypes] of rows.rate_nights as RateNightsRow[]) {
    for (const [roomTypeId, nights] of roomTypes) {
      const pair = `${ratePlanId}|${roomTypeId}`;
      for (const [date, amount, minStay, maxStay, closed, cta, ctd] of nights) {
        const day = dayOf(date);
        const chunk = chunks.get(Math.floor(day / CHUNK_NIGHTS)) as Chunk;
        let cells = chunk.rates.get(pair);
        if (!cells) {
          const amounts = new Float64Array(CHUNK_NIGHTS);
          cells = { ratePlanId, roomTypeId, amounts, meta: new Int32Array(3 * CHUNK_NIGHTS) };
          chunk.rates.set(pair, cells);
          chunk.bytes += cells.amounts.byteLength + cells.meta.byteLength + 2 * ENTRY_BYTES;
        }
        const night = day % CHUNK_NIGHTS;
        cells.amounts[night] = amount ?? Number.NaN;
        cells.meta[3 * night] = minStay ?? NULL_INT;
        cells.meta[3 * night + 1] = maxStay ?? NULL_INT;
        cells.meta[3 * night + 2] =
          PRESENT |
          (closed === 1 ? CLOSED : 0) |
          (cta === 1 ? CLOSED_TO_ARRIVAL : 0) |
          (ctd === 1 ? CLOSED_TO_DEPARTURE : 0);
      }
    }
  }
  return chunks;
}

/** The maps pricing reads (offers.ts), for the stay's nights and its departure date's rates. */
function stayDataOf(chunkAt: (index: number) => Chunk, checkIn: string, checkOut: string): StayData {
  const roomNights = new Map<string, RoomNight>();
  const rateNights = new Map<string, RateNight>();
  const departure = dayOf(checkOut);
  for (let day = dayOf(checkIn), date = checkIn; day <= departure; day++, date = addDays(date, 1)) {
    const chunk = chunkAt(Math.floor(day / CHUNK_NIGHTS));
    const night = day % CHUNK_NIGHTS;
    if (day < departure) {
      for (const [roomTypeId, cells] of chunk.rooms) {
        const inventory = cells[2 * night] as number;
        if (inventory !== NULL_INT) {
          roomNights.set(roomNightKey(roomTypeId, date), { inventory, taken: cells[2 * night + 1] as number });
        }
      }
    }
    for (const { ratePlanId, roomTypeId, amounts, meta } of chunk.rates.values()) {
      const flags = meta[3 * night + 2] as number;
      if (!(flags & PRESENT)) continue;
      const amount = amounts[night] as number;
      const minStay = meta[3 * night] as number;
      const maxStay = meta[3 * night + 1] as number;
      rateNights.set(rateNightKey(ratePlanId, roomTypeId, date), {
        amount: Number.isNaN(amount) ? null : amount,
        minStay: minStay === NULL_INT ? null : minStay,
        maxStay: maxStay === NULL_INT ? null : maxStay,
        closed: (flags & CLOSED) !== 0,
        closedToArrival: (flags & CLOSED_TO_ARRIVAL) !== 0,
        closedToDeparture: (flags & CLOSED_TO_DEPARTURE) !== 0,
      });
    }
  }
  return { roomNights, rateNights };
}
