/**
 * Regression (from a review of the backbone): a Worker invocation may make at most 1,000 D1 queries (Workers Paid; D1
 * limits) and 1,000 KV operations. A housekeeping run used to expire up to 1,000 holds
 * with two D1 queries and a KV put each (and a relay per commit once a subscriber exists), so a full run
 * was cut off by the platform part-way. It must stay within the limits with its default budget.
 * This counts the D1 queries and KV puts of a run over a few holds and scales them to the default budget.
 */
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it } from 'vitest';
import { runHousekeeping } from '../../src/modules/platform/housekeeping';
import { HOLDS_PER_RUN } from '../../src/modules/reservations/lifecycle.service';
import { testDeps } from '../helpers/deps';
import { bookableHotel, booked, bookingBody } from '../helpers/reservations';

const DEFAULT_BUDGET = HOLDS_PER_RUN;
const PER_INVOCATION = 1_000;

const restore: (() => void)[] = [];
afterEach(() => {
  for (const undo of restore.splice(0)) undo();
});

/** Counts the outermost calls of `names` on `proto` (a method calling another one counts once). */
function countCalls(proto: object, names: string[], counter: { n: number }) {
  let depth = 0;
  for (const name of names) {
    const original = (proto as Record<string, unknown>)[name];
    if (typeof original !== 'function') continue;
    (proto as Record<string, unknown>)[name] = async function (this: unknown, ...args: unknown[]) {
      if (depth === 0) counter.n++;
      depth++;
      try {
        return await (original as (...a: unknown[]) => unknown).apply(this, args);
      } finally {
        depth--;
      }
    };
    restore.push(() => {
      (proto as Record<string, unknown>)[name] = original;
    });
  }
}

async function holds(count: number) {
  const h = await bookableHotel({ units: count + 1 });
  for (let i = 0; i < count; i++) {
    await booked(
      bookingBody(h, {
        status: 'pending',
        hold_minutes: 1,
        guest: { first_name: 'H', last_name: `${i}`, email: `hold${i}@example.com` },
      }),
    );
  }
}

async function measure(due: Date) {
  const d1 = { n: 0 };
  const kv = { n: 0 };
  const statement = Object.getPrototypeOf(env.DB.prepare('SELECT 1'));
  countCalls(statement, ['first', 'all', 'run', 'raw'], d1);
  countCalls(Object.getPrototypeOf(env.DB), ['batch'], d1);
  countCalls(Object.getPrototypeOf(env.DB.withSession('first-primary')), ['batch'], d1);
  countCalls(Object.getPrototypeOf(env.CACHE), ['put', 'get', 'delete'], kv);
  const result = await runHousekeeping(testDeps({ subscribers: [] }), due);
  for (const undo of restore.splice(0)) undo();
  return { d1: d1.n, kv: kv.n, expired: result.holds_expired };
}

describe('housekeeping within one invocation’s limits', () => {
  it('a run with the default hold budget stays within 1,000 D1 queries and 1,000 KV operations', async () => {
    const due = new Date(Date.now() + 2 * 60_000);
    const idle = await measure(due);
    expect(idle.expired).toBe(0);
    await holds(5);
    const busy = await measure(due);
    expect(busy.expired).toBe(5);
    const d1PerHold = (busy.d1 - idle.d1) / 5;
    const kvPerHold = (busy.kv - idle.kv) / 5;
    expect(idle.d1 + d1PerHold * DEFAULT_BUDGET, `D1 queries for ${DEFAULT_BUDGET} holds`).toBeLessThanOrEqual(
      PER_INVOCATION,
    );
    expect(idle.kv + kvPerHold * DEFAULT_BUDGET, `KV operations for ${DEFAULT_BUDGET} holds`).toBeLessThanOrEqual(
      PER_INVOCATION,
    );
  });
});
