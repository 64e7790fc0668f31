/**
 * One-second publishing slots for the hotel cache version (`cache_versions`, docs/kv-keys.md).
 *
 * KV accepts about one write per second to one key. A change claims its hotel's slot in the same D1
 * batch that commits it: the claim wins when the last publish is at least SLOT_MS old (the winner
 * writes the version to KV at once); otherwise the change only counts itself as pending, and the first
 * such change schedules the trailing publish for the end of the slot, which covers every change counted
 * until then. D1 serialises the claims of all isolates, so at most one publish per slot is won.
 */
export const SLOT_MS = 1000;

/** What a change learnt from its claim. */
export type SlotClaim =
  | { won: true }
  /** `first`: this change must see to the trailing publish (the later ones in the slot rely on it). */
  | { won: false; first: boolean; slotEnds: number };

/** Claims the hotel's slot at `now` or counts one pending change; its RETURNING row is read by `claimOf`. */
export function claimSlot(d1: D1Database | D1DatabaseSession, hotelId: string, now: number): D1PreparedStatement {
  // SQLite evaluates every SET expression against the old row, so both IIFs test the same old slot.
  return d1
    .prepare(
      `INSERT INTO cache_versions (hotel_id, published_at, pending) VALUES (?1, ?2, 0)
       ON CONFLICT (hotel_id) DO UPDATE SET
         published_at = iif(published_at <= ?2 - ${SLOT_MS}, ?2, published_at),
         pending = iif(published_at <= ?2 - ${SLOT_MS}, 0, pending + 1)
       RETURNING published_at, pending`,
    )
    .bind(hotelId, now);
}

export function claimOf(result: D1Result): SlotClaim {
  const row = result.results[0] as { published_at: number; pending: number } | undefined;
  if (!row) throw new Error('cache_versions claim returned no row');
  if (row.pending === 0) return { won: true };
  return { won: false, first: row.pending === 1, slotEnds: row.published_at + SLOT_MS };
}

/**
 * The trailing publish's claim: wins only while changes are pending and the slot is over. A publish
 * that won meanwhile reset `pending` and covered them, so nothing is written twice. It takes the slot
 * but leaves the count: the changes stay pending until the version is in KV (settlePending), so a
 * publisher that ends between its claim and its KV write leaves them to the housekeeping cron.
 */
export function claimPending(d1: D1Database | D1DatabaseSession, hotelId: string, now: number): D1PreparedStatement {
  return d1
    .prepare(
      `UPDATE cache_versions SET published_at = ?2
       WHERE hotel_id = ?1 AND pending > 0 AND published_at <= ?2 - ${SLOT_MS}
       RETURNING pending`,
    )
    .bind(hotelId, now);
}

/**
 * The claimed changes are in KV now: they stop counting, while the slot is still the claim's (a
 * publish that won a later slot meanwhile reset the count, covering them and nothing it must not).
 * Returns what is still pending (changes that came while the version was written), for the next
 * trailing publish.
 */
export function settlePending(
  d1: D1Database | D1DatabaseSession,
  hotelId: string,
  claimed: number,
  claimedAt: number,
): D1PreparedStatement {
  return d1
    .prepare(
      `UPDATE cache_versions SET pending = max(0, pending - ?2) WHERE hotel_id = ?1 AND published_at = ?3
       RETURNING pending`,
    )
    .bind(hotelId, claimed, claimedAt);
}

/** A won publish whose KV write failed: its change waits for the trailing publish like a loser's. */
export function markPending(d1: D1Database | D1DatabaseSession, hotelId: string): D1PreparedStatement {
  return d1.prepare('UPDATE cache_versions SET pending = pending + 1 WHERE hotel_id = ?1').bind(hotelId);
}

/** Hotels whose trailing publish is overdue (its isolate died, or its KV write failed), oldest first. */
export function overduePending(d1: D1Database | D1DatabaseSession, now: number, limit: number): D1PreparedStatement {
  return d1
    .prepare(
      `SELECT hotel_id FROM cache_versions WHERE pending > 0 AND published_at <= ?1 - ${SLOT_MS}
       ORDER BY published_at LIMIT ?2`,
    )
    .bind(now, limit);
}
