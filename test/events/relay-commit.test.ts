import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { JobSender } from '../../src/deps';
import { newId } from '../../src/lib/ids';
import type { JobEnvelope } from '../../src/lib/job';
import { commitChange } from '../../src/modules/events/commit';
import { CLAIM_LEASE_MS, relayOutbox } from '../../src/modules/events/relay';
import type { Subscriber } from '../../src/modules/events/subscribers';
import { notingD1, recordingJobs, testDeps } from '../helpers/deps';

// The relay a commit starts holds the commit's rows from their INSERT on: it makes no claim of its
// own, and no other relay hands the rows on while it holds them.

const hotelId = () => newId('hotel');
const listener: Subscriber = { name: 'listener', events: ['*'], handle: async () => {} };

function ariChange(hotel: string) {
  const event = {
    type: 'ari.updated' as const,
    hotelId: hotel,
    subjectId: hotel,
    data: { hotel_id: hotel, room_nights: 1, changes: [] },
  };
  return { hotelId: hotel, session: env.DB, statements: [], events: [event], affectsAvailability: false };
}

async function outboxRow(hotel: string) {
  return env.DB.prepare('SELECT published_at, claimed_until FROM outbox_events WHERE hotel_id = ?')
    .bind(hotel)
    .first<{ published_at: number | null; claimed_until: number | null }>();
}

/** A queue whose sendBatch waits until `open()`: the relay is caught between the commit and its hand-off. */
function gatedJobs(): JobSender & { sent: JobEnvelope[]; open: () => void } {
  let open = () => {};
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const jobs = recordingJobs();
  return {
    ...jobs,
    sent: jobs.sent,
    open: () => open(),
    sendBatch: async (batch) => {
      await gate;
      await jobs.sendBatch(batch);
    },
  };
}

/** Hands on whatever earlier tests left, so each test sees only its own rows. */
async function drain() {
  await relayOutbox(testDeps({ subscribers: [] }));
}

describe('the relay a commit starts', () => {
  it('hands the rows on without a claim statement, and a sweep meanwhile leaves them alone', async () => {
    await drain();
    const hotel = hotelId();
    const sent: string[] = [];
    const jobs = gatedJobs();
    const deps = testDeps({ d1: notingD1(env.DB, sent), jobs, subscribers: [listener] });
    await commitChange(deps, ariChange(hotel));
    expect((await outboxRow(hotel))?.claimed_until).toBeGreaterThan(Date.now());

    // The cron's sweep while the commit's relay holds the rows: nothing to hand on (no second hand-off).
    const sweep = recordingJobs();
    expect(await relayOutbox(testDeps({ jobs: sweep, subscribers: [listener] }))).toEqual({ events: 0, jobs: 0 });

    jobs.open();
    await deps.settle();
    expect(jobs.sent).toHaveLength(1);
    expect(sweep.sent).toHaveLength(0);
    expect(await outboxRow(hotel)).toEqual({ published_at: expect.any(Number), claimed_until: null });
    expect(sent.filter((sql) => sql.includes('SET claimed_until'))).toEqual([]);
  });

  it('a relay that dies after the commit leaves its rows to the sweep once the lease runs out', async () => {
    await drain();
    const hotel = hotelId();
    const broken = recordingJobs();
    broken.fail = true;
    const deps = testDeps({ jobs: broken, subscribers: [listener] });
    expect((await commitChange(deps, ariChange(hotel))).ok).toBe(true);
    await deps.settle();
    expect(await outboxRow(hotel)).toMatchObject({ published_at: null });

    const jobs = recordingJobs();
    expect(await relayOutbox(testDeps({ jobs, subscribers: [listener] }))).toEqual({ events: 0, jobs: 0 });
    const later = new Date(Date.now() + CLAIM_LEASE_MS + 1000);
    expect(await relayOutbox(testDeps({ jobs, subscribers: [listener], now: () => later }))).toEqual({
      events: 1,
      jobs: 1,
    });
    expect(jobs.sent).toEqual([
      { type: 'event.deliver', payload: { event_id: expect.stringMatching(/^evt_/), subscriber: 'listener' } },
    ]);
    expect((await outboxRow(hotel))?.published_at).toEqual(expect.any(Number));
  });

  it('decides a subscriber decidedAtRelay by the INSERT: no job where its mayAct is false, the delivery recorded', async () => {
    await drain();
    const hotel = hotelId();
    const jobs = recordingJobs();
    const elsewhere: Subscriber = {
      name: 'other-hotel-only',
      events: ['*'],
      mayAct: `outbox_events.hotel_id <> '${hotel}'`,
      decidedAtRelay: true,
      handle: async () => {},
    };
    const deps = testDeps({ jobs, subscribers: [elsewhere, listener] });
    const committed = await commitChange(deps, ariChange(hotel));
    await deps.settle();
    expect(jobs.sent.map((j) => (j.payload as { subscriber: string }).subscriber)).toEqual(['listener']);
    const eventId = committed.ok ? committed.events[0]?.id : undefined;
    const recorded = await env.DB.prepare('SELECT subscriber FROM event_deliveries WHERE event_id = ?')
      .bind(eventId ?? '')
      .all();
    expect(recorded.results).toEqual([{ subscriber: 'other-hotel-only' }]);
  });

  it("a job's later commits leave their rows unleased, for the next sweep at once", async () => {
    await drain();
    const first = hotelId();
    const second = hotelId();
    const jobs = recordingJobs();
    const deps = testDeps({ jobs, subscribers: [listener] });
    await commitChange(deps, ariChange(first));
    await commitChange(deps, ariChange(second));
    await deps.settle();
    expect(jobs.sent).toHaveLength(1);
    expect(await outboxRow(second)).toEqual({ published_at: null, claimed_until: null });
    expect(await relayOutbox(testDeps({ jobs, subscribers: [listener] }))).toEqual({ events: 1, jobs: 1 });
  });
});
