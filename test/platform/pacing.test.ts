import { env } from 'cloudflare:workers';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { depsFromEnv } from '../../src/deps';
import type { AppEnv } from '../../src/env';
import { problemResponse, toAppError } from '../../src/errors';
import { consume } from '../../src/jobs';
import { Logger } from '../../src/lib/log';
import { createOutbound } from '../../src/lib/outbound';
import {
  createPacer,
  NO_HOLD_MEMO_MS,
  OutboundPaced,
  type PaceRule,
  REFUSAL_MEMO_MS,
  retryAfterSeconds,
} from '../../src/lib/pacing';
import { sendEmail, sendEmailJob } from '../../src/modules/emails/send.job';
import { paceRules, partnerPaceOf } from '../../src/modules/platform/pacing';
import { emailDeps, queued, recordingMailer } from '../emails/harness';
import { createHotel } from '../helpers/builders';
import { fakeMessage, testDeps } from '../helpers/deps';
import { call, expectStatus } from '../helpers/http';
import { fakeFetch } from '../helpers/outbound';
import { createEndpoint, memoryQueue } from '../webhooks/harness';

const queue = memoryQueue();
const log = new Logger('error');
const RECEIVER = 'https://hooks.example.com/paced';

/** A binding that always refuses (the partner's pace is used up) or always allows. */
const limiter = (success: boolean): PaceRule => ({
  limiter: { limit: async () => ({ success }) } as unknown as RateLimit,
  limit: 300,
  periodSeconds: 60,
});

let seq = 0;
const key = () => `acct-${Date.now()}-${++seq}`;

describe('outbound pacing', () => {
  it('a call over its partner’s pace is not made: OutboundPaced, until the window ends', async () => {
    const fetch = fakeFetch([]);
    const outbound = createOutbound({
      fetch,
      log,
      pacer: createPacer({ ruleOf: () => limiter(false), holds: env.CACHE }),
    });
    const paced = await outbound({ service: 'ota:booking_com', url: 'https://partner.test/x', paceKey: key() }).catch(
      (e: unknown) => e,
    );
    expect(paced).toBeInstanceOf(OutboundPaced);
    expect((paced as OutboundPaced).reason).toBe('rate');
    expect((paced as OutboundPaced).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((paced as OutboundPaced).retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(fetch.requests).toHaveLength(0);
  });

  it('a refusal is remembered for a few seconds of its window: no KV read and no limiter call per paced job meanwhile', async () => {
    let calls = 0;
    let allow = false;
    const rule: PaceRule = {
      limiter: {
        limit: async () => {
          calls++;
          return { success: allow };
        },
      } as unknown as RateLimit,
      limit: 300,
      periodSeconds: 60,
    };
    let clock = Date.UTC(2026, 10, 30, 12, 0, 15);
    let reads = 0;
    const holds = {
      get: async () => {
        reads++;
        return null;
      },
      put: async () => {},
    } as unknown as KVNamespace;
    const pacer = createPacer({ ruleOf: () => rule, holds, now: () => clock });
    const account = key();
    const first = await pacer.admit('email', account).catch((e: unknown) => e);
    expect(first).toMatchObject({ reason: 'rate', retryAfterSeconds: 45 });
    expect([calls, reads]).toEqual([1, 1]);

    // Within the memo: refused with the window's own end, without asking.
    clock += REFUSAL_MEMO_MS - 1_000;
    const again = await pacer.admit('email', account).catch((e: unknown) => e);
    expect(again).toMatchObject({ reason: 'rate', retryAfterSeconds: 36 });
    expect([calls, reads]).toEqual([1, 1]);
    // Another key of the same binding is asked as before.
    allow = true;
    await expect(pacer.admit('email', key())).resolves.toBeUndefined();
    expect([calls, reads]).toEqual([2, 2]);

    // After the memo, still inside the window: the binding decides again (a sliding window may allow).
    clock += 1_000;
    await expect(pacer.admit('email', account)).resolves.toBeUndefined();
    expect([calls, reads]).toEqual([3, 3]);

    // Near a window's end the memo ends with the window.
    allow = false;
    clock = Date.UTC(2026, 10, 30, 12, 0, 58);
    await expect(pacer.admit('email', account)).rejects.toMatchObject({ retryAfterSeconds: 2 });
    clock += 2_000;
    allow = true;
    await expect(pacer.admit('email', account)).resolves.toBeUndefined();
    // The last one came within NO_HOLD_MEMO_MS of the read before it: no KV read.
    expect([calls, reads]).toEqual([5, 4]);
  });

  it('a partner’s 429 holds every later call for its account until its Retry-After, in KV for other isolates', async () => {
    const account = key();
    let calls = 0;
    const fetch = fakeFetch([
      {
        method: 'POST',
        url: 'https://partner.test/x',
        reply: () => {
          calls++;
          return new Response('slow down', { status: 429, headers: { 'retry-after': '120' } });
        },
      },
    ]);
    const pacer = createPacer({ ruleOf: () => limiter(true), holds: env.CACHE });
    const outbound = createOutbound({ fetch, log, pacer });
    const request = { service: 'square', url: 'https://partner.test/x', method: 'POST', paceKey: account };
    expect((await outbound(request)).ok).toBe(true);
    const held = await outbound(request).catch((e: unknown) => e);
    expect(held).toBeInstanceOf(OutboundPaced);
    expect((held as OutboundPaced).reason).toBe('partner_hold');
    expect((held as OutboundPaced).retryAfterSeconds).toBeGreaterThan(100);
    expect(calls).toBe(1);
    // Another isolate (a fresh pacer) sees the hold through KV.
    const elsewhere = createPacer({ ruleOf: () => limiter(true), holds: env.CACHE });
    await expect(elsewhere.admit('square', account)).rejects.toBeInstanceOf(OutboundPaced);
    // Another account of the same partner is not held.
    await expect(elsewhere.admit('square', key())).resolves.toBeUndefined();
  });

  it('trusts a KV read that found no hold for a few seconds: one KV read per key, and another isolate’s hold seen after', async () => {
    const account = key();
    let reads = 0;
    const holds = new Proxy(env.CACHE, {
      get(target, prop) {
        if (prop === 'get') {
          return (...args: Parameters<KVNamespace['get']>) => {
            reads++;
            return (target.get as (...a: typeof args) => unknown)(...args);
          };
        }
        const value = Reflect.get(target, prop);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    let clock = Date.now();
    const pacer = createPacer({ ruleOf: () => limiter(true), holds, now: () => clock });
    await pacer.admit('square', account);
    await pacer.admit('square', account);
    expect(reads).toBe(1);
    // Another isolate hears a 429 and holds the account in KV.
    await createPacer({ ruleOf: () => limiter(true), holds: env.CACHE }).hold('square', account, 120);
    clock += NO_HOLD_MEMO_MS - 1;
    await expect(pacer.admit('square', account)).resolves.toBeUndefined();
    expect(reads).toBe(1);
    clock += 2;
    await expect(pacer.admit('square', account)).rejects.toMatchObject({ reason: 'partner_hold' });
    expect(reads).toBe(2);
    // This isolate's own hold needs no read at all, and another key is read on its own.
    await expect(pacer.admit('square', key())).resolves.toBeUndefined();
    expect(reads).toBe(3);
  });

  it('every request and queue message of an isolate shares its pacer: a hold one heard stops the next without KV', async () => {
    const account = key();
    const first = depsFromEnv(env).deps;
    const next = depsFromEnv(env).deps;
    expect(next.pacer).toBe(first.pacer);
    await first.pacer.hold('square', account, 120);
    // KV has not shown the hold yet (it takes up to a minute between locations): the isolate knows it anyway.
    await env.CACHE.delete(`pace-hold:square|${account}`);
    await expect(next.pacer.admit('square', account)).rejects.toMatchObject({ reason: 'partner_hold' });
  });

  it('a 503 with Retry-After holds too; a 429 or 503 without one, and any other answer, hold nothing', async () => {
    const pacer = createPacer({ ruleOf: () => limiter(true), holds: env.CACHE });
    const answer = async (status: number, headers: Record<string, string> = {}) => {
      const account = key();
      await createOutbound({ fetch: async () => new Response(null, { status, headers }), log, pacer })({
        service: 'webhook',
        url: 'https://partner.test/y',
        paceKey: account,
      });
      return pacer.admit('webhook', account).catch((e: unknown) => e);
    };
    for (const status of [429, 503, 500, 200]) expect(await answer(status), String(status)).toBeUndefined();
    expect(await answer(200, { 'retry-after': '30' })).toBeUndefined();
    const held = await answer(503, { 'retry-after': '30' });
    expect(held).toBeInstanceOf(OutboundPaced);
    expect((held as OutboundPaced).retryAfterSeconds).toBeGreaterThan(20);
    expect((held as OutboundPaced).retryAfterSeconds).toBeLessThanOrEqual(30);
  });

  it('reads Retry-After as seconds or an HTTP date, capped at the 12 h a queue can wait', () => {
    const now = Date.UTC(2026, 10, 30, 12, 0, 0);
    expect(retryAfterSeconds('120', now)).toBe(120);
    expect(retryAfterSeconds('Mon, 30 Nov 2026 12:02:00 GMT', now)).toBe(120);
    expect(retryAfterSeconds('Mon, 30 Nov 2026 11:00:00 GMT', now)).toBe(0);
    expect(retryAfterSeconds('999999', now)).toBe(43_200);
    expect(retryAfterSeconds('soon', now)).toBeNull();
    expect(retryAfterSeconds(null, now)).toBeNull();
  });

  it('paces every partner the worker calls, each with its own binding', () => {
    expect(partnerPaceOf('square')?.binding).toBe('PACE_SQUARE');
    expect(partnerPaceOf('ota:booking_com')?.binding).toBe('PACE_OTA');
    expect(partnerPaceOf('ota:expedia')?.binding).toBe('PACE_OTA');
    expect(partnerPaceOf('webhook')?.binding).toBe('PACE_WEBHOOK');
    expect(partnerPaceOf('email')?.binding).toBe('PACE_EMAIL');
    expect(partnerPaceOf('elsewhere')).toBeNull();
    expect(paceRules(env)('square')?.limiter).toBe(env.PACE_SQUARE);
  });

  it('a request whose partner call is paced answers 503 with Retry-After', async () => {
    const app = new Hono<AppEnv>();
    app.get('/x', () => {
      throw new OutboundPaced('square', 17, 'rate');
    });
    app.onError((err, c) => problemResponse(c, toAppError(err)));
    const res = await app.request('/x');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('17');
    expect(await res.json()).toMatchObject({ code: 'service_unavailable' });
  });
});

describe('paced jobs', () => {
  async function pingJob() {
    const endpoint = await createEndpoint({ url: RECEIVER, events: ['*'], hotel_ids: null });
    await expectStatus(call('POST', `/api/v1/webhook-endpoints/${endpoint.id}/test`), 202);
    const queued = queue.queued.splice(0);
    const job = queued.find((q) => q.job.type === 'webhook.deliver')?.job;
    if (!job) throw new Error('no delivery job queued');
    return { endpoint, job, deliveryId: (job.payload as { delivery_id: string }).delivery_id };
  }

  function depsWith(rule: PaceRule | null, reply: () => Response) {
    let calls = 0;
    const fetch = fakeFetch([
      {
        method: 'POST',
        url: RECEIVER,
        reply: () => {
          calls++;
          return reply();
        },
      },
    ]);
    const pacer = createPacer({ ruleOf: (service) => (service === 'webhook' ? rule : null), holds: env.CACHE });
    const deps = testDeps({ jobs: queue.sender, outbound: createOutbound({ fetch, log, pacer }), pacer });
    return { deps, calls: () => calls };
  }

  const attemptsOf = async (id: string) =>
    env.DB.prepare('SELECT attempts, status, claim_expires_at FROM webhook_deliveries WHERE id = ?')
      .bind(id)
      .first<{ attempts: number; status: string; claim_expires_at: number | null }>();

  it('are queued again with a delay, not counted as an attempt, without calling the partner', async () => {
    const { job, deliveryId } = await pingJob();
    const paced = depsWith(limiter(false), () => new Response('ok'));
    const message = fakeMessage(job, 3);
    await consume('wehub-jobs', message, paced.deps, paced.deps.settle);

    expect(paced.calls()).toBe(0);
    expect(message.acked).toBe(true);
    expect(message.retriedWith).toBeNull();
    const [again] = queue.queued.splice(0);
    // Its two earlier attempts carry on; this paced run is not one of them.
    expect(again?.job).toEqual({ ...job, prior_attempts: 2 });
    expect(again?.delaySeconds).toBeGreaterThanOrEqual(1);
    expect(again?.delaySeconds).toBeLessThanOrEqual(60);
    expect(await attemptsOf(deliveryId)).toEqual({ attempts: 0, status: 'pending', claim_expires_at: null });

    // Paced again: still two before it.
    const second = fakeMessage(again?.job, 1);
    await consume('wehub-jobs', second, paced.deps, paced.deps.settle);
    expect(queue.queued.splice(0).map((q) => q.job.prior_attempts)).toEqual([2]);

    // Once the partner may be called, the job runs as usual.
    const open = depsWith(limiter(true), () => new Response('ok'));
    await consume('wehub-jobs', fakeMessage(again?.job, 1), open.deps, open.deps.settle);
    expect(open.calls()).toBe(1);
    expect((await attemptsOf(deliveryId))?.status).toBe('delivered');
  });

  it('a partner’s 429 with Retry-After delays the next attempt until then, without calling it early', async () => {
    const { job, deliveryId } = await pingJob();
    const busy = depsWith(
      limiter(true),
      () => new Response('busy', { status: 429, headers: { 'retry-after': '600' } }),
    );
    await consume('wehub-jobs', fakeMessage(job, 1), busy.deps, busy.deps.settle);
    expect(busy.calls()).toBe(1);
    expect(await attemptsOf(deliveryId)).toMatchObject({ attempts: 1, status: 'pending' });
    const [next] = queue.queued.splice(0);
    expect(next?.job).toMatchObject({ type: 'webhook.deliver', payload: { delivery_id: deliveryId, attempt: 2 } });

    // The backoff (seconds in tests) ends long before the partner's 600 s: that attempt waits for them.
    await consume('wehub-jobs', fakeMessage(next?.job, 1), busy.deps, busy.deps.settle);
    expect(busy.calls()).toBe(1);
    const [held] = queue.queued.splice(0);
    expect(held?.job).toEqual({ ...next?.job, prior_attempts: 0 });
    expect(held?.delaySeconds).toBeGreaterThan(500);
    expect(held?.delaySeconds).toBeLessThanOrEqual(600);
    expect(await attemptsOf(deliveryId)).toMatchObject({ attempts: 1, status: 'pending' });
  });

  it('a guest email queued once the isolate knows the pace is used up waits for the window instead of being paced', async () => {
    const hotel = await createHotel();
    const refusing = limiter(false);
    const clock = Date.UTC(2026, 10, 30, 12, 0, 15);
    const pacer = createPacer({
      ruleOf: (service) => (service === 'email' ? refusing : null),
      holds: env.CACHE,
      now: () => clock,
    });
    const deps = emailDeps(recordingMailer(), { pacer, jobs: queue.sender });
    queue.queued.splice(0);
    // Nothing known yet: its send is queued to run at once.
    const first = await queued(deps, hotel.id);
    expect(queue.queued.splice(0)).toEqual([{ job: sendEmailJob.message({ email_id: first.id }) }]);
    await expect(sendEmail(deps, first.id)).rejects.toBeInstanceOf(OutboundPaced);
    // The refusal is remembered: the next email's send waits for the window's end (45 s), no limiter call.
    const next = await queued(deps, hotel.id);
    expect(queue.queued.splice(0)).toEqual([{ job: sendEmailJob.message({ email_id: next.id }), delaySeconds: 45 }]);
    expect(pacer.pausedFor('webhook', 'anything')).toBeNull();
    await pacer.hold('email', 'other.example', 120);
    expect(pacer.pausedFor('email', 'other.example')).toBe(120);
  });

  it('guest email is paced before its outbox row is claimed: the row keeps its attempts and stays queued', async () => {
    const hotel = await createHotel();
    const mailer = recordingMailer();
    const pacer = createPacer({ ruleOf: (service) => (service === 'email' ? limiter(false) : null), holds: env.CACHE });
    const deps = emailDeps(mailer, { pacer });
    const { id } = await queued(deps, hotel.id);
    await expect(sendEmail(deps, id)).rejects.toBeInstanceOf(OutboundPaced);
    expect(mailer.sent).toHaveLength(0);
    const row = await env.DB.prepare('SELECT attempts, status, claimed_until FROM email_outbox WHERE id = ?')
      .bind(id)
      .first();
    expect(row).toEqual({ attempts: 0, status: 'queued', claimed_until: null });
  });
});
