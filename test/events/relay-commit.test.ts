import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { JobSender } from '../../src/deps';
import { consume } from '../../src/jobs';
import { newId } from '../../src/lib/ids';
import type { JobEnvelope } from '../../src/lib/job';
import { commitChange } from '../../src/modules/events/commit';
import { HANDOFF_LEASE_MS, relayOutbox } from '../../src/modules/events/relay';
import type { Subscriber } from '../../src/modules/events/subscribers';
import { fakeMessage, notingD1, recordingJobs, testDeps } from '../helpers/deps';

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

/** A subscriber decided at the relay that acts on every hotel but `hotel`. */
function otherHotelOnly(hotel: string): Subscriber {
  return {
    name: 'other-hotel-only',
    events: ['*'],
    mayAct: `outbox_events.hotel_id <> '${hotel}'`,
    decidedAtRelay: true,
    handle: async () => {},
  };
}

/** The subscribers whose delivery of the event is recorded, by name. */
async function deliveredTo(eventId: string): Promise<string[]> {
  const { results } = await env.DB.prepare(
    'SELECT subscriber FROM event_deliveries WHERE event_id = ? ORDER BY subscriber',
  )
    .bind(eventId)
    .all<{ subscriber: string }>();
  return results.map((r) => r.subscriber);
}

/** Runs the jobs as the queue consumer would, each acknowledged. */
async function runJobs(sent: JobEnvelope[], subscribers: Subscriber[]) {
  for (const job of sent) {
    const deps = testDeps({ subscribers });
    const message = fakeMessage(job);
    await consume('wehub-jobs', message, deps, deps.settle);
    expect(message.acked).toBe(true);
  }
}

/** Hands on whatever earlier tests left, so each test sees only its own rows. */
async function drain() {
  await relayOutbox(testDeps({ subscribers: [] }));
}

describe('the relay a commit starts', () => {
  it('hands the rows on with no claim and no write after it; a sweep meanwhile leaves them alone; the job publishes', async () => {
    await drain();
    const hotel = hotelId();
    const sent: string[] = [];
    const jobs = gatedJobs();
    const deps = testDeps({ d1: notingD1(env.DB, sent), jobs, subscribers: [listener] });
    await commitChange(deps, ariChange(hotel));
    const leased = (await outboxRow(hotel))?.claimed_until;
    expect(leased).toBeGreaterThan(Date.now() + HANDOFF_LEASE_MS - 60_000);

    // The cron's sweep while the commit's relay holds the rows: nothing to hand on (no second hand-off).
    const sweep = recordingJobs();
    expect(await relayOutbox(testDeps({ jobs: sweep, subscribers: [listener] }))).toEqual({ events: 0, jobs: 0 });

    const committed = sent.length;
    jobs.open();
    await deps.settle();
    expect(jobs.sent).toHaveLength(1);
    expect(sweep.sent).toHaveLength(0);
    // The request's relay sent the job and wrote nothing: the row waits, still leased, for its job.
    expect(sent.slice(committed)).toEqual([]);
    expect(await outboxRow(hotel)).toEqual({ published_at: null, claimed_until: leased });
    // A sweep while the job waits in the queue leaves the row alone too.
    expect(await relayOutbox(testDeps({ jobs: sweep, subscribers: [listener] }))).toEqual({ events: 0, jobs: 0 });

    await runJobs(jobs.sent, [listener]);
    expect(await outboxRow(hotel)).toEqual({ published_at: expect.any(Number), claimed_until: null });
  });

  it('a relay that dies after the commit leaves its rows to the sweep once the lease runs out', async () => {
    await drain();
    const hotel = hotelId();
    // The hand-off never happens: the queue send hangs as the isolate goes away.
    const deps = testDeps({ jobs: gatedJobs(), subscribers: [listener] });
    expect((await commitChange(deps, ariChange(hotel))).ok).toBe(true);
    expect(await outboxRow(hotel)).toMatchObject({ published_at: null });

    const jobs = recordingJobs();
    expect(await relayOutbox(testDeps({ jobs, subscribers: [listener] }))).toEqual({ events: 0, jobs: 0 });
    const later = new Date(Date.now() + HANDOFF_LEASE_MS + 1000);
    expect(await relayOutbox(testDeps({ jobs, subscribers: [listener], now: () => later }))).toEqual({
      events: 1,
      jobs: 1,
    });
    expect(jobs.sent).toEqual([
      { type: 'event.deliver', payload: { event_id: expect.stringMatching(/^evt_/), subscriber: 'listener' } },
    ]);
    expect((await outboxRow(hotel))?.published_at).toEqual(expect.any(Number));
  });

  it('a hand-off the queue refuses frees the rows: the next sweep takes them without waiting for the lease', async () => {
    await drain();
    const hotel = hotelId();
    const broken = recordingJobs();
    broken.fail = true;
    const deps = testDeps({ jobs: broken, subscribers: [listener] });
    expect((await commitChange(deps, ariChange(hotel))).ok).toBe(true);
    await deps.settle();
    expect(await outboxRow(hotel)).toEqual({ published_at: null, claimed_until: null });

    const jobs = recordingJobs();
    expect(await relayOutbox(testDeps({ jobs, subscribers: [listener] }))).toEqual({ events: 1, jobs: 1 });
    expect((await outboxRow(hotel))?.published_at).toEqual(expect.any(Number));
  });

  it('decides a subscriber decidedAtRelay by the INSERT: no job where its mayAct is false; the job records its delivery', async () => {
    await drain();
    const hotel = hotelId();
    const jobs = recordingJobs();
    const elsewhere = otherHotelOnly(hotel);
    const deps = testDeps({ jobs, subscribers: [elsewhere, listener] });
    const committed = await commitChange(deps, ariChange(hotel));
    await deps.settle();
    const eventId = committed.ok ? (committed.events[0]?.id ?? '') : '';
    expect(jobs.sent).toEqual([
      {
        type: 'event.deliver',
        payload: { event_id: eventId, subscriber: 'listener', publish: true, idle: ['other-hotel-only'] },
      },
    ]);
    expect(await deliveredTo(eventId)).toEqual([]);

    await runJobs(jobs.sent, [elsewhere, listener]);
    expect(await deliveredTo(eventId)).toEqual(['listener', 'other-hotel-only']);
    expect((await outboxRow(hotel))?.published_at).toEqual(expect.any(Number));
  });

  it('publishes an event no subscriber acts on at once, with its deliveries (there is no job to do it)', async () => {
    await drain();
    const hotel = hotelId();
    const jobs = recordingJobs();
    const elsewhere = otherHotelOnly(hotel);
    const deps = testDeps({ jobs, subscribers: [elsewhere] });
    const committed = await commitChange(deps, ariChange(hotel));
    await deps.settle();
    expect(jobs.sent).toEqual([]);
    expect(await outboxRow(hotel)).toEqual({ published_at: expect.any(Number), claimed_until: null });
    expect(await deliveredTo(committed.ok ? (committed.events[0]?.id ?? '') : '')).toEqual(['other-hotel-only']);
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
