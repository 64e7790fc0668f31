import type { AvailDay, OtaState, PartnerReservation, RateDay } from './state.ts';

/**
 * The partner's memory as JSON, so `npm run dev` keeps its reservations and ARI view across restarts,
 * as the local D1 keeps ours. Planned failures and the request log are not kept.
 */
type Snapshot = {
  version: 1;
  counter: number;
  reservations: [string, PartnerReservation][];
  availability: [string, AvailDay][];
  rates: [string, RateDay][];
};

export function snapshotOf(state: OtaState): Snapshot {
  return {
    version: 1,
    counter: state.counter,
    reservations: [...state.reservations.entries()],
    availability: [...state.availability.entries()],
    rates: [...state.rates.entries()],
  };
}

/** Puts a snapshot back into a fresh state; a snapshot of another shape is ignored (false). */
export function restoreSnapshot(state: OtaState, raw: unknown): boolean {
  const snapshot = raw as Partial<Snapshot> | null;
  if (snapshot?.version !== 1 || !snapshot.reservations || !snapshot.availability || !snapshot.rates) return false;
  state.counter = Math.max(state.counter, Number(snapshot.counter) || 0);
  for (const [key, value] of snapshot.reservations) state.reservations.set(key, value);
  for (const [key, value] of snapshot.availability) state.availability.set(key, value);
  for (const [key, value] of snapshot.rates) state.rates.set(key, value);
  return true;
}
