import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { queueSender } from '../../src/deps';
import { consume } from '../../src/jobs';
import { type JobEnvelope, QUEUE_BATCH_LIMIT } from '../../src/lib/job';
import { commitChange } from '../../src/modules/events/commit';
import { CLAIM_LEASE_MS, relayOutbox } from '../../src/modules/events/relay';
import type { Subscriber } from '../../src/modules/events/subscribers';
import { fakeMessage, recordingJobs, testDeps } from '../helpers/deps';

// A hand-off of more than QUEUE_BATCH_LIMIT jobs is several queue calls: the first may be accepted and
// its jobs run while a later one fails. No job of such a hand-off may publish its event, or the event's
// jobs in the refused call would never be sent.

const hotelId = () => `htl_${crypto.randomUUID().replaceAll('-', '').slice(0, 26)}`;
const SUBSCRIBERS: Subscriber[] = ['a', 'b', 'c'].map((name) => ({ name, events: ['*'], handle: async () => {} }));
// 34 events × 3 subscribers = 102 jobs: 100 in the first call, 2 in the second; the 34th event straddles them.
const EVENTS = 34;

function ariEvents(hotel: string) {
  return Array.from({ length: EVENTS }, (_, i) => ({
    type: 'ari.updated' as const,
    hotelId: hotel,
    subjectId: hotel,
    data: { hotel_id: hotel, room_nights: i + 1, changes: [] },
  }));
}

/** A queue that accepts its first sendBatch call and refuses every later one. */
function queueFailingAfterFirstCall() {
  const accepted: JobEnvelope[] = [];
  let calls = 0;
  const queue = {
    sendBatch: async (messages: { body: JobEnvelope }[]) => {
      calls += 1;
      if (calls > 1) throw new Error('queue unavailable');
      accepted.push(...messages.map((m) => m.body));
    },
  } as unknown as Queue;
  return { jobs: queueSender(queue), accepted };
}

/** Runs the accepted jobs as the consumer would, then the next sweep; the pairs never handed on. */
async function pairsLost(hotel: string, accepted: JobEnvelope[]) {
  const deps = testDeps({ subscribers: SUBSCRIBERS });
  for (const job of accepted) await consume('wehub-jobs', fakeMessage(job), deps, deps.settle);
  const swept = recordingJobs();
  const later = new Date(Date.now() + CLAIM_LEASE_MS + 1000);
  await relayOutbox(testDeps({ jobs: swept, subscribers: SUBSCRIBERS, now: () => later }));
  const handed = new Set(
    [...accepted, ...swept.sent].map((j) => {
      const { event_id, subscriber } = j.payload as { event_id: string; subscriber: string };
      return `${event_id}|${subscriber}`;
    }),
  );
  const { results } = await env.DB.prepare('SELECT id FROM outbox_events WHERE hotel_id = ?')
    .bind(hotel)
    .all<{ id: string }>();
  expect(results).toHaveLength(EVENTS);
  return results.flatMap((r) => SUBSCRIBERS.map((s) => `${r.id}|${s.name}`).filter((pair) => !handed.has(pair)));
}

describe('a hand-off split over several queue calls', () => {
  it('a sweep whose second call fails loses no (event, subscriber) pair', async () => {
    await relayOutbox(testDeps({ subscribers: [] }));
    const hotel = hotelId();
    for (const event of ariEvents(hotel)) {
      await commitChange(testDeps({ subscribers: [] }), {
        hotelId: hotel,
        session: env.DB,
        statements: [],
        events: [event],
        affectsAvailability: false,
      });
    }
    const queue = queueFailingAfterFirstCall();
    await expect(relayOutbox(testDeps({ jobs: queue.jobs, subscribers: SUBSCRIBERS }))).rejects.toThrow(
      'queue unavailable',
    );
    expect(queue.accepted).toHaveLength(QUEUE_BATCH_LIMIT);
    expect(await pairsLost(hotel, queue.accepted)).toEqual([]);
  });

  it("a request's relay publishes such a hand-off itself: its jobs carry no `publish`, and a failed call loses nothing", async () => {
    await relayOutbox(testDeps({ subscribers: [] }));
    const hotel = hotelId();
    const queue = queueFailingAfterFirstCall();
    const deps = testDeps({ jobs: queue.jobs, subscribers: SUBSCRIBERS });
    const change = { hotelId: hotel, session: env.DB, statements: [], events: ariEvents(hotel) };
    expect((await commitChange(deps, { ...change, affectsAvailability: false })).ok).toBe(true);
    await deps.settle();
    expect(queue.accepted).toHaveLength(QUEUE_BATCH_LIMIT);
    expect(queue.accepted.filter((j) => 'publish' in (j.payload as object))).toEqual([]);
    expect(await pairsLost(hotel, queue.accepted)).toEqual([]);
  });
});
