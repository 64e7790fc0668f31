import { Memo } from './memo';

/**
 * Outbound pacing: each partner gets calls no faster than its documented rate (docs/operations.md,
 * "Rate limits and pacing"), counted by a Rate Limiting binding per partner and account, and a partner
 * that answered 429 (or 503 with Retry-After) gets no call from us until the time it named. A call over
 * either is not made: `admit` throws OutboundPaced, which the queue consumer turns into a delayed
 * re-run of the job that does not count as an attempt (src/jobs.ts), and a request answers 503 with
 * Retry-After (src/errors.ts).
 */

/** A partner's rate: its binding (a fixed `limit` per `periodSeconds`, wrangler.toml `PACE_*`). */
export type PaceRule = { limiter: RateLimit; limit: number; periodSeconds: number };

/** The longest a queue message can be delayed (Queues: 12 h); a hold or wait is capped at it. */
export const MAX_PACING_DELAY_SECONDS = 43_200;
const HOLD_PREFIX = 'pace-hold:';

export class OutboundPaced extends Error {
  override readonly name = 'OutboundPaced';
  constructor(
    readonly service: string,
    readonly retryAfterSeconds: number,
    readonly reason: 'rate' | 'partner_hold',
  ) {
    super(
      reason === 'rate'
        ? `calls to ${service} are over their pace; try again in ${retryAfterSeconds} s`
        : `${service} asked us to wait; try again in ${retryAfterSeconds} s`,
    );
  }
}

export type Pacer = {
  /** Throws OutboundPaced when a call to `service` for `key` must not be made now. */
  admit: (service: string, key: string) => Promise<void>;
  /** The partner asked for `seconds` of quiet (its Retry-After): no call to it for `key` until then. */
  hold: (service: string, key: string, seconds: number) => Promise<void>;
  /**
   * Seconds until a call to `service` for `key` may be made, as far as this isolate already knows (a
   * refusal it remembers, a hold it heard), with no KV read and no limiter call; null when it knows of
   * none. For work about to be queued: delayed to then, not run at once only to be paced.
   */
  pausedFor: (service: string, key: string) => number | null;
};

/** No pacing at all (tests of other things, or a deployment without the bindings). */
export const UNPACED: Pacer = { admit: async () => {}, hold: async () => {}, pausedFor: () => null };

/**
 * Refusals of a binding in this isolate, per pace key: for a few seconds (never past the refused window's
 * end) a paced job learns it without a KV read or a limiter call (a burst of bookings re-queues most of its
 * guest emails, each asking again). Only a few seconds, not the whole window: the binding may count in a
 * sliding window, and its clock may differ from ours near a window's start, so it is asked again soon.
 * Per binding object, so a test's fake binding starts afresh; at most MAX_REFUSED keys per binding.
 */
type Refusal = { askAgainAt: number; windowEnds: number };
const refused = new WeakMap<RateLimit, Map<string, Refusal>>();
const MAX_REFUSED = 1000;
export const REFUSAL_MEMO_MS = 10_000;

function refusalOf(limiter: RateLimit, key: string, at: number): Refusal | null {
  const refusals = refused.get(limiter);
  const refusal = refusals?.get(key);
  if (refusal === undefined) return null;
  if (refusal.askAgainAt > at) return refusal;
  refusals?.delete(key);
  return null;
}

function rememberRefusal(limiter: RateLimit, key: string, at: number, windowEnds: number): void {
  const refusals = refused.get(limiter) ?? new Map<string, Refusal>();
  refused.set(limiter, refusals);
  refusals.delete(key);
  if (refusals.size >= MAX_REFUSED) {
    const oldest = refusals.keys().next().value;
    if (oldest !== undefined) refusals.delete(oldest);
  }
  refusals.set(key, { askAgainAt: Math.min(windowEnds, at + REFUSAL_MEMO_MS), windowEnds });
}

/**
 * How long an isolate trusts a KV read that found no partner hold before it reads again: paced calls
 * (a burst of guest emails, webhook attempts) then cost one KV read per key every few seconds, not one
 * each. A hold another isolate heard reaches this one that much later, well within KV's own delay
 * between locations (up to a minute); the isolate that heard the 429 holds at once.
 */
export const NO_HOLD_MEMO_MS = 5_000;

/**
 * `ruleOf(service)`: the rate of a partner, or null for a service that is not paced. Holds live in KV
 * (`pace-hold:<service>|<key>`, docs/kv-keys.md) so every isolate sees them, and in this isolate's
 * memory so the isolate that heard the 429 sees it at once: one pacer per isolate (src/deps.ts
 * `isolatePacer`), which its memos need too.
 */
export function createPacer(options: {
  ruleOf: (service: string) => PaceRule | null;
  holds: KVNamespace;
  now?: () => number;
}): Pacer {
  const now = options.now ?? Date.now;
  const local = new Map<string, number>();
  // Hold keys whose KV read found no hold, trusted for NO_HOLD_MEMO_MS.
  const noHold = new Memo<true>(NO_HOLD_MEMO_MS, MAX_REFUSED);
  const readHold = async (holdKey: string): Promise<number> => {
    const at = now();
    if (noHold.get(holdKey, at)) return 0;
    const until = Number((await options.holds.get(holdKey)) ?? 0);
    if (until <= at) noHold.set(holdKey, true, at);
    return until;
  };
  return {
    admit: async (service, key) => {
      const rule = options.ruleOf(service);
      if (!rule) return;
      const paceKey = `${service}|${key}`;
      const refusal = refusalOf(rule.limiter, paceKey, now());
      if (refusal) throw new OutboundPaced(service, secondsUntil(refusal.windowEnds, now()), 'rate');
      const holdKey = `${HOLD_PREFIX}${paceKey}`;
      const until = local.get(holdKey) ?? (await readHold(holdKey));
      const at = now();
      if (until > at) throw new OutboundPaced(service, Math.ceil((until - at) / 1000), 'partner_hold');
      local.delete(holdKey);
      const { success } = await rule.limiter.limit({ key: paceKey });
      if (success) return;
      const windowEnds = windowEndOf(at, rule.periodSeconds);
      rememberRefusal(rule.limiter, paceKey, at, windowEnds);
      throw new OutboundPaced(service, secondsUntil(windowEnds, at), 'rate');
    },
    pausedFor: (service, key) => {
      const rule = options.ruleOf(service);
      if (!rule) return null;
      const paceKey = `${service}|${key}`;
      const at = now();
      const until = Math.max(
        refusalOf(rule.limiter, paceKey, at)?.windowEnds ?? 0,
        local.get(`${HOLD_PREFIX}${paceKey}`) ?? 0,
      );
      return until > at ? Math.min(secondsUntil(until, at), MAX_PACING_DELAY_SECONDS) : null;
    },
    hold: async (service, key, seconds) => {
      if (!options.ruleOf(service)) return;
      const wait = Math.min(Math.max(1, Math.ceil(seconds)), MAX_PACING_DELAY_SECONDS);
      const holdKey = `${HOLD_PREFIX}${service}|${key}`;
      const until = now() + wait * 1000;
      local.set(holdKey, until);
      noHold.delete(holdKey);
      // KV keeps nothing for less than 60 s; the stored time is what counts.
      await options.holds.put(holdKey, String(until), { expirationTtl: Math.max(60, wait + 1) });
    },
  };
}

/** The binding's windows are wall-clock aligned: a refused call waits for the next one. */
function windowEndOf(nowMs: number, periodSeconds: number): number {
  const periodMs = periodSeconds * 1000;
  return nowMs - (nowMs % periodMs) + periodMs;
}

function secondsUntil(untilMs: number, nowMs: number): number {
  return Math.max(1, Math.ceil((untilMs - nowMs) / 1000));
}

/**
 * A partner's Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date, in whole seconds from
 * now, capped at MAX_PACING_DELAY_SECONDS; null when absent or unreadable.
 */
export function retryAfterSeconds(header: string | null, nowMs: number): number | null {
  if (header === null) return null;
  const value = header.trim();
  let seconds: number;
  if (/^\d+$/.test(value)) seconds = Number(value);
  else {
    const at = Date.parse(value);
    if (Number.isNaN(at)) return null;
    seconds = Math.ceil((at - nowMs) / 1000);
  }
  return Math.min(Math.max(seconds, 0), MAX_PACING_DELAY_SECONDS);
}
