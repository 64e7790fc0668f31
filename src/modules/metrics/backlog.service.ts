import type { Deps } from '../../deps';
import { ANY_HOTEL } from './metrics.rules';

export type Backlog = {
  outbox_pending: number;
  webhook_deliveries_pending: number;
  emails_pending: number;
  channel_ari_dirty: number;
  dead_letters: number;
};

export const BACKLOG_KEYS = [
  'outbox_pending',
  'webhook_deliveries_pending',
  'emails_pending',
  'channel_ari_dirty',
  'dead_letters',
] as const satisfies readonly (keyof Backlog)[];

/** A dead letter's hotel: the job payload's `hotel_id` (a payload cut short when recorded is not JSON). */
const DEAD_LETTER_HOTEL = `CASE WHEN json_valid(payload) THEN json_extract(payload, '$.payload.hotel_id') END`;

/**
 * What is waiting, one query per kind, each as (hotel_id, n): events not yet handed to subscribers,
 * webhook deliveries not yet delivered or given up, emails queued, channel ARI ranges not yet pushed,
 * dead letters not replayed. A webhook delivery or dead letter without a hotel counts under `*`.
 */
const COUNTS: Record<keyof Backlog, { table: string; where: string; hotel: string }> = {
  outbox_pending: { table: 'outbox_events', where: 'published_at IS NULL', hotel: 'hotel_id' },
  webhook_deliveries_pending: { table: 'webhook_deliveries', where: "status = 'pending'", hotel: 'hotel_id' },
  emails_pending: { table: 'email_outbox', where: "status = 'queued'", hotel: 'hotel_id' },
  channel_ari_dirty: { table: 'channel_ari_dirty', where: '1 = 1', hotel: 'hotel_id' },
  dead_letters: { table: 'dead_letters', where: 'replayed_at IS NULL', hotel: DEAD_LETTER_HOTEL },
};

export function emptyBacklog(): Backlog {
  return { outbox_pending: 0, webhook_deliveries_pending: 0, emails_pending: 0, channel_ari_dirty: 0, dead_letters: 0 };
}

/** The live backlog of these hotels (null: the whole platform, including work of no one hotel). */
export async function currentBacklog(deps: Pick<Deps, 'd1'>, hotelIds: readonly string[] | null): Promise<Backlog> {
  const d1 = deps.d1;
  const results = await d1.batch<{ n: number }>(
    BACKLOG_KEYS.map((key) => {
      const { table, where, hotel } = COUNTS[key];
      return hotelIds === null
        ? d1.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`)
        : d1
            .prepare(
              `SELECT COUNT(*) AS n FROM ${table} WHERE ${where} AND ${hotel} IN (SELECT value FROM json_each(?))`,
            )
            .bind(JSON.stringify(hotelIds));
    }),
  );
  const backlog = emptyBacklog();
  BACKLOG_KEYS.forEach((key, i) => {
    backlog[key] = Number(results[i]?.results[0]?.n ?? 0);
  });
  return backlog;
}

/** Statements per batch when writing a sample's rows (D1 runs a batch as one transaction). */
const ROWS_PER_BATCH = 50;

/**
 * Records the backlog at minute `t`: the platform's totals under `*` (always, so the series has every
 * sample) and one row per hotel with anything waiting. Sampling the same minute again replaces it.
 */
export async function sampleBacklog(deps: Pick<Deps, 'd1'>, t: number): Promise<{ hotels: number }> {
  const d1 = deps.d1;
  const results = await d1.batch<{ hotel_id: string | null; n: number }>(
    BACKLOG_KEYS.map((key) => {
      const { table, where, hotel } = COUNTS[key];
      return d1.prepare(`SELECT ${hotel} AS hotel_id, COUNT(*) AS n FROM ${table} WHERE ${where} GROUP BY 1`);
    }),
  );
  const total = emptyBacklog();
  const byHotel = new Map<string, Backlog>();
  BACKLOG_KEYS.forEach((key, i) => {
    for (const row of results[i]?.results ?? []) {
      const n = Number(row.n);
      total[key] += n;
      if (row.hotel_id === null || row.hotel_id === ANY_HOTEL) continue;
      const hotel = byHotel.get(String(row.hotel_id)) ?? emptyBacklog();
      hotel[key] += n;
      byHotel.set(String(row.hotel_id), hotel);
    }
  });
  const insert = (hotelId: string, b: Backlog) =>
    d1
      .prepare(
        `INSERT OR REPLACE INTO integration_backlog (t, hotel_id, ${BACKLOG_KEYS.join(', ')}) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(t, hotelId, ...BACKLOG_KEYS.map((k) => b[k]));
  // A hotel whose backlog emptied since a replaced sample of this minute must not keep its old row.
  const statements = [
    d1.prepare('DELETE FROM integration_backlog WHERE t = ?').bind(t),
    insert(ANY_HOTEL, total),
    ...[...byHotel].map(([hotelId, b]) => insert(hotelId, b)),
  ];
  for (let i = 0; i < statements.length; i += ROWS_PER_BATCH) {
    await d1.batch(statements.slice(i, i + ROWS_PER_BATCH));
  }
  return { hotels: byHotel.size };
}
