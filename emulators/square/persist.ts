import { oauthOf } from './oauth.ts';
import type { SquareState } from './state.ts';

/**
 * The emulator's account as JSON, so `npm run dev` keeps what its local Square holds across restarts,
 * as the local D1 keeps our side: payments, refunds, customers, cards, disputes, idempotency answers,
 * access tokens (the platform's and those hotels got through OAuth) and refresh tokens. What is only in
 * flight (authorisation codes, the request log, refund timers) is not kept.
 */
type Snapshot = {
  version: 1;
  counter: number;
  maps: Record<(typeof MAPS)[number], [string, unknown][]>;
  oauth: { refreshTokens: [string, unknown][]; accessTokens: [string, unknown][]; merchants: [string, unknown][] };
};

const MAPS = ['tokens', 'payments', 'refunds', 'customers', 'cards', 'disputes', 'idempotency'] as const;

export function snapshotOf(state: SquareState): Snapshot {
  const oauth = oauthOf(state);
  return {
    version: 1,
    counter: state.counter,
    maps: Object.fromEntries(MAPS.map((name) => [name, [...state[name].entries()]])) as Snapshot['maps'],
    oauth: {
      refreshTokens: [...oauth.refreshTokens.entries()],
      accessTokens: [...oauth.accessTokens.entries()],
      merchants: [...oauth.merchants.entries()],
    },
  };
}

/** Puts a snapshot back into a fresh state; a snapshot of another shape is ignored (false). */
export function restoreSnapshot(state: SquareState, raw: unknown): boolean {
  const snapshot = raw as Partial<Snapshot> | null;
  if (snapshot?.version !== 1 || !snapshot.maps || !snapshot.oauth) return false;
  state.counter = Math.max(state.counter, Number(snapshot.counter) || 0);
  for (const name of MAPS) {
    const target = state[name] as Map<string, unknown>;
    for (const [key, value] of snapshot.maps[name] ?? []) target.set(key, value);
  }
  const oauth = oauthOf(state);
  for (const [key, value] of snapshot.oauth.refreshTokens) oauth.refreshTokens.set(key, value as never);
  for (const [key, value] of snapshot.oauth.accessTokens) oauth.accessTokens.set(key, value as never);
  for (const [key, value] of snapshot.oauth.merchants) oauth.merchants.set(key, value as never);
  return true;
}
