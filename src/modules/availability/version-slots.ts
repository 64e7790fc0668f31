/**
 * Publishing the hotel cache version (`cache_versions`, docs/kv-keys.md) at most once a second.
 *
 * KV accepts about one write per second to one key. A publish holds a lease on its hotel's row from
 * its claim until a statement after its KV write settles it, and the next publish can only be claimed
 * when no lease is live and the last write ENDED at least SLOT_MS ago (`published_at` is that end, on
 * the publisher's clock after the write). So two writes are a second apart however long a claim waited
 * for D1 or a write for KV. A change claims in the same D1 batch that commits it: it publishes at once
 * when the claim is free; otherwise it only counts itself as pending, and one publish a second after
 * the last covers every change counted until then. D1 serialises the claims of all isolates.
 *
 * `pending` counts every change no settled publish has covered, the in-flight publish's own ones too,
 * so an isolate that dies while holding a lease loses nothing: once the lease expires the changes are
 * overdue, and the next change or the housekeeping cron publishes them.
 */
export const SLOT_MS = 1000;

/**
 * How long a lease holds: longer than any KV write takes. A publisher that ends while holding one
 * leaves its changes for that long (then the cron's next minute); one whose write took longer still
 * could write within a second of the next publish.
 */
export const LEASE_MS = 30_000;

/**
 * A publish in flight: its lease id, the pending changes it covers once its write is in KV, and the
 * hotel's change count (`seq`) at its claim: the version it writes covers every change up to it.
 */
export type Lease = { id: string; covers: number; seq: number };

/** What a change learnt from its claim. */
export type SlotClaim =
  | { won: true; lease: Lease }
  /**
   * `first`: this change sees to a trailing publish (claimPending lets one of them write). `seq`: this
   * change's number among the hotel's: a version covers it once its `n` is at least that.
   */
  | { won: false; first: boolean; slotEnds: number; seq: number };

/** Free: no lease is live and the last write ended a slot ago (only ever SQL text, never a value). */
const FREE = `published_at <= ?2 - ${SLOT_MS} AND (lease_until IS NULL OR lease_until <= ?2)`;

/**
 * Counts one change and, when the slot is free, takes the lease for it (`leaseId`); its RETURNING row
 * is read by `claimOf`. SQLite evaluates every SET expression against the old row, so all IIFs test
 * the same old state.
 */
export function claimSlot(
  d1: D1Database | D1DatabaseSession,
  hotelId: string,
  now: number,
  leaseId: string,
): D1PreparedStatement {
  return d1
    .prepare(
      `INSERT INTO cache_versions (hotel_id, published_at, pending, lease_id, lease_until, seq)
       VALUES (?1, 0, 1, ?3, ?2 + ${LEASE_MS}, 1)
       ON CONFLICT (hotel_id) DO UPDATE SET
         lease_id = iif(${FREE}, ?3, lease_id),
         lease_until = iif(${FREE}, ?2 + ${LEASE_MS}, lease_until),
         pending = pending + 1,
         seq = seq + 1
       RETURNING published_at, pending, lease_id, lease_until, seq`,
    )
    .bind(hotelId, now, leaseId);
}

type SlotRow = {
  published_at: number;
  pending: number;
  lease_id: string | null;
  lease_until: number | null;
  seq: number;
};

export function claimOf(result: D1Result, leaseId: string, now: number): SlotClaim {
  const row = result.results[0] as SlotRow | undefined;
  if (!row) throw new Error('cache_versions claim returned no row');
  if (row.lease_id === leaseId) return { won: true, lease: { id: leaseId, covers: row.pending, seq: row.seq } };
  // A live lease's holder schedules what came meanwhile when it settles. Otherwise every loser sees to
  // a trailing publish, not only the slot's first: that one's isolate may have died, and after a
  // refused publish the count never returns to 0 for a "first" to be seen (claimPending lets one write).
  const leased = row.lease_until !== null && row.lease_until > now;
  const slotEnds = leased ? now + SLOT_MS : row.published_at + SLOT_MS;
  return { won: false, first: !leased, slotEnds, seq: row.seq };
}

/**
 * The trailing publish's claim: takes the lease only while changes are pending and the slot is free.
 * A publish that won meanwhile covered them (and settled the count), so nothing is written twice.
 * Returns the pending count the lease covers and the change count (`seq`) its version covers.
 */
export function claimPending(
  d1: D1Database | D1DatabaseSession,
  hotelId: string,
  now: number,
  leaseId: string,
): D1PreparedStatement {
  return d1
    .prepare(
      `UPDATE cache_versions SET lease_id = ?3, lease_until = ?2 + ${LEASE_MS}
       WHERE hotel_id = ?1 AND pending > 0 AND ${FREE}
       RETURNING pending, seq`,
    )
    .bind(hotelId, now, leaseId);
}

/**
 * Ends a lease after its KV write (`at`: the write's end): the changes it covered stop counting (none
 * when KV refused the write) and the next slot starts at `at`. Returns what is still pending (changes
 * that came while the version was written), for the next trailing publish; no row when the lease had
 * expired and another publisher took it (that one covers everything).
 */
export function settleLease(
  d1: D1Database | D1DatabaseSession,
  hotelId: string,
  lease: Lease,
  written: boolean,
  at: number,
): D1PreparedStatement {
  return d1
    .prepare(
      `UPDATE cache_versions
       SET pending = max(0, pending - ?3), published_at = ?4, lease_id = NULL, lease_until = NULL
       WHERE hotel_id = ?1 AND lease_id = ?2
       RETURNING pending`,
    )
    .bind(hotelId, lease.id, written ? lease.covers : 0, at);
}

/** Hotels with changes no publish covers or is covering (its isolate died, or KV refused it), oldest first. */
export function overduePending(d1: D1Database | D1DatabaseSession, now: number, limit: number): D1PreparedStatement {
  return d1
    .prepare(`SELECT hotel_id FROM cache_versions WHERE pending > 0 AND ${FREE} ORDER BY published_at LIMIT ?1`)
    .bind(limit, now);
}
