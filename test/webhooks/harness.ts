import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, expect, vi } from 'vitest';
import type { Deps, JobSender } from '../../src/deps';
import { consume } from '../../src/jobs';
import type { JobEnvelope } from '../../src/lib/job';
import { Logger } from '../../src/lib/log';
import { createOutbound } from '../../src/lib/outbound';
import { relayOutbox } from '../../src/modules/events/relay';
import { fakeMessage, testDeps } from '../helpers/deps';
import { type Auth, call, expectStatus } from '../helpers/http';
import { type FakeRoute, fakeFetch } from '../helpers/outbound';

export type QueuedJob = { job: JobEnvelope; delaySeconds?: number; attempts?: number };

/**
 * The JOBS queue of this test file, in memory: what requests send (their relay nudge, pings, retries)
 * and what jobs send (the next attempt) lands here, and `drain()` consumes it through the real
 * consumer, so nothing reaches the real queue and its consumer.
 */
export function memoryQueue() {
  const queued: QueuedJob[] = [];
  beforeEach(() => {
    vi.spyOn(env.JOBS, 'send').mockImplementation(async (body, options) => {
      queued.push({ job: body as JobEnvelope, delaySeconds: options?.delaySeconds });
      return {} as never;
    });
    vi.spyOn(env.JOBS, 'sendBatch').mockImplementation(async (messages) => {
      for (const m of messages) queued.push({ job: m.body as JobEnvelope, delaySeconds: m.delaySeconds });
      return {} as never;
    });
  });
  afterEach(() => vi.restoreAllMocks());
  const sender: JobSender = {
    send: async (job, options) => {
      queued.push({ job, delaySeconds: options?.delaySeconds });
    },
    sendBatch: async (jobs) => {
      for (const job of jobs) queued.push({ job });
    },
  };
  queuedBy.set(sender, queued);
  return { queued, sender };
}

/** Each memory queue's jobs, by the sender its deps carry (handOff). */
const queuedBy = new WeakMap<JobSender, QueuedJob[]>();

/** A queue message; a retry puts it back at the end of the queue with one more attempt, as Queues would. */
function asMessage(queue: ReturnType<typeof memoryQueue>, next: QueuedJob) {
  const attempts = next.attempts ?? 1;
  return fakeMessage(next.job, attempts, (delaySeconds) => {
    queue.queued.push({ job: next.job, delaySeconds, attempts: attempts + 1 });
  });
}

/** Deps whose outbound calls go to `routes` and whose jobs land in the memory queue. */
export function webhookDeps(
  queue: ReturnType<typeof memoryQueue>,
  routes: FakeRoute[],
  overrides: Partial<Deps> = {},
): Deps & { settle: () => Promise<void>; fetch: ReturnType<typeof fakeFetch> } {
  const fetch = fakeFetch(routes);
  const outbound = createOutbound({ fetch, log: new Logger('error') });
  return { ...testDeps({ jobs: queue.sender, outbound, ...overrides }), fetch };
}

/** Consumes queued jobs (and the jobs they queue) until none is left; returns what ran. */
export async function drain(queue: ReturnType<typeof memoryQueue>, deps: Deps & { settle: () => Promise<void> }) {
  const ran: QueuedJob[] = [];
  for (let i = 0; i < 500 && queue.queued.length > 0; i++) {
    const next = queue.queued.shift() as QueuedJob;
    ran.push(next);
    await consume('wehub-jobs', asMessage(queue, next), deps, deps.settle);
  }
  expect(queue.queued, 'the queue drained').toEqual([]);
  return ran;
}

/**
 * Hands the hotel's committed events to the queue (the relay a request started may have done it already):
 * every event is published, or waits in the memory queue for its first job (which publishes it).
 */
export async function handOff(deps: Deps, hotelId: string) {
  const queued = queuedBy.get(deps.jobs);
  if (!queued) throw new Error('handOff needs deps whose jobs go to a memory queue (webhookDeps)');
  await relayOutbox(deps);
  await vi.waitFor(async () => {
    const { results } = await env.DB.prepare('SELECT id FROM outbox_events WHERE hotel_id = ? AND published_at IS NULL')
      .bind(hotelId)
      .all<{ id: string }>();
    const handedOn = new Set(queued.map((q) => (q.job.payload as { event_id?: string } | undefined)?.event_id));
    expect(results.filter((row) => !handedOn.has(row.id))).toEqual([]);
  });
}

export const ENDPOINTS = '/api/v1/webhook-endpoints';

export async function createEndpoint(body: Record<string, unknown>, auth?: Auth) {
  return expectStatus<{ id: string; secret: string; hotel_ids: string[] | null }>(
    call('POST', ENDPOINTS, { body, auth }),
    201,
  );
}

export async function deliveriesOf(endpointId: string, auth?: Auth) {
  const page = await expectStatus<{ data: any[] }>(call('GET', `${ENDPOINTS}/${endpointId}/deliveries`, { auth }), 200);
  return page.data;
}
