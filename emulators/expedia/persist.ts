import type { ArDay, EqcBooking, EqcState } from './state.ts';

/**
 * Expedia's memory as JSON, so `npm run dev` keeps its bookings and ARI view across restarts, as the
 * local D1 keeps ours. Planned failures and the request log are not kept.
 */
type Snapshot = { version: 1; counter: number; bookings: [string, EqcBooking][]; ari: [string, ArDay][] };

export function snapshotOf(state: EqcState): Snapshot {
  return { version: 1, counter: state.counter, bookings: [...state.bookings.entries()], ari: [...state.ari.entries()] };
}

/** Puts a snapshot back into a fresh state; a snapshot of another shape is ignored (false). */
export function restoreSnapshot(state: EqcState, raw: unknown): boolean {
  const snapshot = raw as Partial<Snapshot> | null;
  if (snapshot?.version !== 1 || !snapshot.bookings || !snapshot.ari) return false;
  state.counter = Math.max(state.counter, Number(snapshot.counter) || 0);
  for (const [key, value] of snapshot.bookings) state.bookings.set(key, value);
  for (const [key, value] of snapshot.ari) state.ari.set(key, value);
  return true;
}
