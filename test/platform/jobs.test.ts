import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { CRONS, consume, JOBS, runCron } from '../../src/jobs';
import { DEFAULT_RETRY, decideFailure, PermanentJobError, retryDelaySeconds } from '../../src/lib/job';
import type { Subscriber } from '../../src/modules/events/subscribers';
import { fakeMessage, recordingJobs, testDeps } from '../helpers/deps';

async function deadLetter(messageId: string) {
  return env.DB.prepare('SELECT * FROM dead_letters WHERE message_id = ?')
    .bind(messageId)
    .first<Record<string, unknown>>();
}

describe('retry policy', () => {
  const policy = { baseSeconds: 10, capSeconds: 100, maxAttempts: 4 };

  it('doubles from the base, never exceeds the cap, and jitters within half of it', () => {
    expect(retryDelaySeconds(policy, 1, () => 0)).toBe(5);
    expect(retryDelaySeconds(policy, 1, () => 1)).toBe(10);
    expect(retryDelaySeconds(policy, 3, () => 1)).toBe(40);
    expect(retryDelaySeconds(policy, 9, () => 1)).toBe(100);
    expect(retryDelaySeconds(policy, 9, () => 0)).toBe(50);
    expect(retryDelaySeconds({ ...policy, baseSeconds: 1 }, 1, () => 0)).toBe(1);
  });

  it('retries a transient failure until its attempts are spent, never a permanent one', () => {
    expect(decideFailure(policy, 1, new Error('503'), () => 0)).toEqual({ action: 'retry', delaySeconds: 5 });
    expect(decideFailure(policy, 3, new Error('503'))).toMatchObject({ action: 'retry' });
    expect(decideFailure(policy, 4, new Error('503'))).toEqual({ action: 'dead_letter', reason: 'exhausted' });
    expect(decideFailure(policy, 1, new PermanentJobError('410'))).toEqual({
      action: 'dead_letter',
      reason: 'permanent',
    });
  });

  it('every job type is declared once and stays within the queue’s own retry backstop (max_retries = 10)', () => {
    const types = JOBS.map((j) => j.type);
    expect(new Set(types).size).toBe(types.length);
    const deps = testDeps();
    for (const job of JOBS) {
      expect(job.retryFor({} as never, deps).maxAttempts).toBeLessThanOrEqual(10);
    }
    expect(DEFAULT_RETRY.maxAttempts).toBeLessThanOrEqual(10);
  });
});

describe('queue consumer', () => {
  const failing = (error: () => Error): Subscriber => ({
    name: 'flaky',
    events: ['*'],
    retry: { baseSeconds: 2, capSeconds: 8, maxAttempts: 3 },
    handle: async () => {
      throw error();
    },
  });

  async function anEvent(): Promise<string> {
    const id = `evt_${crypto.randomUUID().replaceAll('-', '').slice(0, 26)}`;
    await env.DB.prepare(
      `INSERT INTO outbox_events (id, hotel_id, type, subject_id, data, created_at) VALUES (?, 'htl_x', 'ari.updated', 'htl_x', '{}', ?)`,
    )
      .bind(id, Date.now())
      .run();
    return id;
  }

  it('retries a transient failure with the job’s backoff, then dead-letters it when attempts run out', async () => {
    const deps = testDeps({ subscribers: [failing(() => new Error('receiver said 503'))] });
    const eventId = await anEvent();
    const body = { type: 'event.deliver', payload: { event_id: eventId, subscriber: 'flaky' } };

    const first = fakeMessage(body, 1);
    await consume('wehub-jobs', first, deps, deps.settle);
    expect(first.acked).toBe(false);
    expect(first.retriedWith).toBeGreaterThanOrEqual(1);
    expect(first.retriedWith).toBeLessThanOrEqual(2);
    expect(await deadLetter(first.id)).toBeNull();

    const last = fakeMessage(body, 3);
    await consume('wehub-jobs', last, deps, deps.settle);
    expect(last.acked).toBe(true);
    expect(last.retriedWith).toBeNull();
    expect(await deadLetter(last.id)).toMatchObject({
      job_type: 'event.deliver',
      reason: 'exhausted',
      attempts: 3,
      error: 'Error: receiver said 503',
      payload: JSON.stringify(body),
    });
  });

  it('acknowledges and dead-letters a permanent failure at once', async () => {
    const deps = testDeps({ subscribers: [failing(() => new PermanentJobError('endpoint gone'))] });
    const m = fakeMessage({ type: 'event.deliver', payload: { event_id: await anEvent(), subscriber: 'flaky' } });
    await consume('wehub-jobs', m, deps, deps.settle);
    expect(m.acked).toBe(true);
    expect(m.retriedWith).toBeNull();
    expect(await deadLetter(m.id)).toMatchObject({ reason: 'permanent', attempts: 1 });
  });

  it.each([
    ['not an envelope', 'just text', 'unparseable'],
    ['an unknown job type', { type: 'no.such.job', payload: {} }, 'unknown_type'],
    ['a payload its schema refuses', { type: 'housekeeping', payload: { at: 'yesterday' } }, 'unparseable'],
  ])('dead-letters %s instead of retrying it forever', async (_name, body, reason) => {
    const deps = testDeps();
    const m = fakeMessage(body);
    await consume('wehub-jobs', m, deps, deps.settle);
    expect(m.acked).toBe(true);
    expect(await deadLetter(m.id)).toMatchObject({ reason });
  });

  it('records whatever reaches the dead-letter queue, once, however often it is delivered', async () => {
    const deps = testDeps();
    const m = fakeMessage({ type: 'housekeeping', payload: { at: 1 } }, 1);
    await consume('wehub-jobs-dlq', m, deps, deps.settle);
    await consume('wehub-jobs-dlq', m, deps, deps.settle);
    expect(m.acked).toBe(true);
    const rows = await env.DB.prepare('SELECT reason FROM dead_letters WHERE message_id = ?').bind(m.id).all();
    expect(rows.results).toEqual([{ reason: 'dead_letter_queue' }]);
  });

  it('retries the message when even the dead letter cannot be written, so nothing is dropped', async () => {
    const broken = {
      prepare: () => {
        throw new Error('D1 unavailable');
      },
    } as unknown as D1Database;
    const deps = testDeps({ d1: broken });
    const m = fakeMessage({ type: 'no.such.job', payload: {} });
    await consume('wehub-jobs', m, deps, deps.settle);
    expect(m.acked).toBe(false);
    expect(m.retriedWith).toBe(60);
  });

  it('acknowledges a job that succeeds', async () => {
    const deps = testDeps();
    const m = fakeMessage({ type: 'housekeeping', payload: { at: Date.now() } });
    await consume('wehub-jobs', m, deps, deps.settle);
    expect(m.acked).toBe(true);
    expect(await deadLetter(m.id)).toBeNull();
  });
});

describe('cron table', () => {
  it('each row enqueues only on its own schedule', async () => {
    const at = Date.UTC(2026, 10, 29, 3, 17);
    const everyMinute = recordingJobs();
    await runCron('* * * * *', at, testDeps({ jobs: everyMinute }));
    expect(everyMinute.sent.map((j) => j.type).sort()).toEqual([
      'channels.schedule_pulls',
      'email.campaigns_due',
      'event.relay',
      'housekeeping',
      'metrics.sample_backlog',
      'payments.reconcile',
      'payments.reconcile_refunds',
      'webhook.sweep',
    ]);
    expect(everyMinute.sent.every((j) => (j.payload as { at: number }).at === at)).toBe(true);

    const daily = recordingJobs();
    await runCron('17 3 * * *', at, testDeps({ jobs: daily }));
    expect(daily.sent.map((j) => j.type)).toEqual([
      'event.purge',
      'email.purge_raw',
      'email.daily',
      'channels.purge_messages',
      'metrics.purge',
    ]);

    const unknown = recordingJobs();
    const deps = testDeps({ jobs: unknown });
    const warn = vi.spyOn(deps.log, 'warn');
    await runCron('5 4 * * *', at, deps);
    expect(unknown.sent).toEqual([]);
    expect(warn).toHaveBeenCalledWith('cron with no rows', { cron: '5 4 * * *' });
  });

  it('every row’s cron is scheduled in wrangler.toml, and every scheduled cron has rows', () => {
    const scheduled = JSON.parse(env.TEST_WRANGLER_CRONS) as string[];
    expect([...new Set(CRONS.map((r) => r.cron))].sort()).toEqual([...scheduled].sort());
  });

  it('only enqueues: the jobs it names are ones the consumer knows', () => {
    const known = new Set(JOBS.map((j) => j.type));
    const deps = testDeps();
    for (const row of CRONS) for (const job of row.enqueue(0, deps)) expect(known.has(job.type)).toBe(true);
  });
});
