import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { consume } from '../../src/jobs';
import type { JobEnvelope } from '../../src/lib/job';
import { PermanentJobError } from '../../src/lib/job';
import { commitChange } from '../../src/modules/events/commit';
import type { EventEnvelope } from '../../src/modules/events/events.schema';
import { CLAIM_LEASE_MS, relayOutbox } from '../../src/modules/events/relay';
import type { Subscriber } from '../../src/modules/events/subscribers';
import { fakeMessage, recordingJobs, testDeps } from '../helpers/deps';

const hotelId = () => `htl_${crypto.randomUUID().replaceAll('-', '').slice(0, 26)}`;

function ariEvent(hotel: string, roomNights = 1) {
  return {
    type: 'ari.updated' as const,
    hotelId: hotel,
    subjectId: hotel,
    data: { hotel_id: hotel, room_nights: roomNights, changes: [] },
  };
}

/** Commits one ARI event per room-night count for `hotel` without nudging the relay (no subscribers). */
async function commitQuietly(hotel: string, ...roomNights: number[]) {
  for (const n of roomNights) {
    await commitChange(testDeps({ subscribers: [] }), {
      hotelId: hotel,
      session: env.DB,
      statements: [],
      events: [ariEvent(hotel, n)],
      affectsAvailability: false,
    });
  }
}

async function unpublished(hotel: string): Promise<number> {
  const row = await env.DB.prepare(
    'SELECT COUNT(*) AS n FROM outbox_events WHERE hotel_id = ? AND published_at IS NULL',
  )
    .bind(hotel)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** Drains everything other tests left unpublished, so each test sees only its own rows. */
async function drain() {
  await relayOutbox(testDeps({ subscribers: [] }));
}

describe('commitChange', () => {
  it('writes the statements and the typed events in one batch, and nothing when a guard refuses it', async () => {
    const hotel = hotelId();
    const deps = testDeps({ subscribers: [] });
    const key = `dlq_commit_${hotel}`;
    const insert = env.DB.prepare(
      `INSERT INTO dead_letters (id, queue, message_id, payload, reason, attempts, created_at)
       VALUES (?, ?, 'm', '{}', 'permanent', 1, 0)`,
    );
    const ok = await commitChange(deps, {
      hotelId: hotel,
      session: env.DB,
      statements: [insert.bind(key, 'commit-test')],
      events: [ariEvent(hotel)],
      affectsAvailability: false,
    });
    expect(ok.ok).toBe(true);
    expect(await unpublished(hotel)).toBe(1);

    // The same row again breaks its primary key: the batch rolls back, its event with it.
    const refused = await commitChange(deps, {
      hotelId: hotel,
      session: env.DB,
      statements: [insert.bind(key, 'commit-test')],
      events: [ariEvent(hotel)],
      affectsAvailability: false,
    });
    expect(refused).toEqual({ ok: false, constraint: 'unique' });
    expect(await unpublished(hotel)).toBe(1);
  });

  it('refuses an event whose data breaks its contract, before anything is written', async () => {
    const hotel = hotelId();
    const bad = { type: 'ari.updated', hotelId: hotel, subjectId: hotel, data: { hotel_id: hotel } } as never;
    await expect(
      commitChange(testDeps(), {
        hotelId: hotel,
        session: env.DB,
        statements: [],
        events: [bad],
        affectsAvailability: false,
      }),
    ).rejects.toThrow();
    expect(await unpublished(hotel)).toBe(0);
  });

  it('bumps the availability-cache version only for changes that affect availability', async () => {
    const hotel = hotelId();
    const deps = testDeps({ subscribers: [] });
    await commitChange(deps, {
      hotelId: hotel,
      session: env.DB,
      statements: [],
      events: [ariEvent(hotel)],
      affectsAvailability: false,
    });
    expect(await env.CACHE.get(`av:v:${hotel}`)).toBeNull();
    await commitChange(deps, {
      hotelId: hotel,
      session: env.DB,
      statements: [],
      events: [ariEvent(hotel)],
      affectsAvailability: true,
    });
    expect(await env.CACHE.get(`av:v:${hotel}`)).not.toBeNull();
  });

  it('nudges the relay after the commit when someone listens', async () => {
    await drain();
    const hotel = hotelId();
    const jobs = recordingJobs();
    const deps = testDeps({ jobs, subscribers: [{ name: 'listener', events: ['ari.*'], handle: async () => {} }] });
    await commitChange(deps, {
      hotelId: hotel,
      session: env.DB,
      statements: [],
      events: [ariEvent(hotel)],
      affectsAvailability: false,
    });
    await deps.settle();
    expect(jobs.sent).toEqual([
      {
        type: 'event.deliver',
        payload: { event_id: expect.stringMatching(/^evt_/), subscriber: 'listener', publish: true },
      },
    ]);
    // The relay wrote nothing after the hand-off: the event's job publishes it when it runs.
    expect(await unpublished(hotel)).toBe(1);
    const [job] = jobs.sent;
    if (!job) throw new Error('expected the job');
    const message = fakeMessage(job);
    await consume('wehub-jobs', message, deps, deps.settle);
    expect(message.acked).toBe(true);
    expect(await unpublished(hotel)).toBe(0);
  });
});

describe('event relay', () => {
  it('hands each event to each matching subscriber as its own job, oldest first, and marks it published', async () => {
    await drain();
    const hotel = hotelId();
    await commitQuietly(hotel, 1, 2, 3);
    const jobs = recordingJobs();
    const subscribers: Subscriber[] = [
      { name: 'ari-only', events: ['ari.updated'], handle: async () => {} },
      { name: 'everything', events: ['*'], handle: async () => {} },
      { name: 'reservations', events: ['reservation.*'], handle: async () => {} },
    ];
    const result = await relayOutbox(testDeps({ jobs, subscribers }));
    expect(result).toEqual({ events: 3, jobs: 6 });
    expect(jobs.sent.map((j) => (j.payload as { subscriber: string }).subscriber)).toEqual([
      'ari-only',
      'everything',
      'ari-only',
      'everything',
      'ari-only',
      'everything',
    ]);
    const ids = jobs.sent.map((j) => (j.payload as { event_id: string }).event_id);
    const { results } = await env.DB.prepare('SELECT id FROM outbox_events WHERE hotel_id = ? ORDER BY created_at, id')
      .bind(hotel)
      .all<{ id: string }>();
    expect([...new Set(ids)]).toEqual(results.map((r) => r.id));
    expect(await unpublished(hotel)).toBe(0);
    expect(await relayOutbox(testDeps({ jobs, subscribers }))).toEqual({ events: 0, jobs: 0 });
  });

  it('queues no job for a subscriber that lets the relay decide it has nothing to do, and records its delivery', async () => {
    await drain();
    const hotel = hotelId();
    const other = hotelId();
    await commitQuietly(hotel, 1);
    await commitQuietly(other, 2);
    const jobs = recordingJobs();
    const onlyOther = `outbox_events.hotel_id = '${other}'`;
    const subscribers: Subscriber[] = [
      { name: 'relay-decides', events: ['*'], mayAct: onlyOther, decidedAtRelay: true, handle: async () => {} },
      // Without decidedAtRelay its job decides: the relay hands it every event.
      { name: 'job-decides', events: ['*'], mayAct: onlyOther, handle: async () => {} },
    ];
    expect(await relayOutbox(testDeps({ jobs, subscribers }))).toEqual({ events: 2, jobs: 3 });
    const sent = jobs.sent.map((j) => j.payload as { event_id: string; subscriber: string });
    const { results } = await env.DB.prepare(
      `SELECT e.hotel_id, d.subscriber FROM event_deliveries d JOIN outbox_events e ON e.id = d.event_id
       WHERE e.hotel_id IN (?, ?)`,
    )
      .bind(hotel, other)
      .all();
    expect(results).toEqual([{ hotel_id: hotel, subscriber: 'relay-decides' }]);
    expect(sent.filter((j) => j.subscriber === 'relay-decides')).toHaveLength(1);
    expect(sent.filter((j) => j.subscriber === 'job-decides')).toHaveLength(2);
    expect(await unpublished(hotel)).toBe(0);
  });

  it('frees the rows when the queue refuses them: the next sweep hands them on, not the one after the lease', async () => {
    await drain();
    const hotel = hotelId();
    await commitQuietly(hotel, 1);
    const subscribers: Subscriber[] = [{ name: 'listener', events: ['*'], handle: async () => {} }];
    const broken = recordingJobs();
    broken.fail = true;
    await expect(relayOutbox(testDeps({ jobs: broken, subscribers }))).rejects.toThrow('queue unavailable');
    expect(await unpublished(hotel)).toBe(1);

    const jobs = recordingJobs();
    expect(await relayOutbox(testDeps({ jobs, subscribers }))).toEqual({ events: 1, jobs: 1 });
    expect(await unpublished(hotel)).toBe(0);
  });

  it('leaves claimed rows alone until their lease runs out; then the sweep takes them over', async () => {
    await drain();
    const hotel = hotelId();
    await commitQuietly(hotel, 1);
    const subscribers: Subscriber[] = [{ name: 'listener', events: ['*'], handle: async () => {} }];
    // A relay that claimed the row and died before its hand-off (no release).
    await env.DB.prepare('UPDATE outbox_events SET claimed_until = ? WHERE hotel_id = ?')
      .bind(Date.now() + CLAIM_LEASE_MS, hotel)
      .run();

    const jobs = recordingJobs();
    expect(await relayOutbox(testDeps({ jobs, subscribers }))).toEqual({ events: 0, jobs: 0 });
    const later = new Date(Date.now() + CLAIM_LEASE_MS + 1000);
    expect(await relayOutbox(testDeps({ jobs, subscribers, now: () => later }))).toEqual({ events: 1, jobs: 1 });
    expect(await unpublished(hotel)).toBe(0);
  });

  it('two relays at once hand each event on once', async () => {
    await drain();
    const hotel = hotelId();
    await commitQuietly(hotel, ...Array.from({ length: 30 }, (_, i) => i + 1));
    const jobs = recordingJobs();
    const subscribers: Subscriber[] = [{ name: 'listener', events: ['*'], handle: async () => {} }];
    await Promise.all([relayOutbox(testDeps({ jobs, subscribers })), relayOutbox(testDeps({ jobs, subscribers }))]);
    const ids = jobs.sent.map((j) => (j.payload as { event_id: string }).event_id);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
  });

  it('delivers to two subscribers independently: one fails permanently, one transiently and then succeeds once', async () => {
    await drain();
    const hotel = hotelId();
    let transientCalls = 0;
    const received: EventEnvelope[] = [];
    const subscribers: Subscriber[] = [
      {
        name: 'gone',
        events: ['*'],
        handle: async () => {
          throw new PermanentJobError('endpoint deleted');
        },
      },
      {
        name: 'flaky',
        events: ['ari.*'],
        retry: { maxAttempts: 5 },
        handle: async (event) => {
          transientCalls++;
          if (transientCalls === 1) throw new Error('receiver timed out');
          received.push(event);
        },
      },
    ];
    await commitQuietly(hotel, 7);
    const jobs = recordingJobs();
    const deps = testDeps({ jobs, subscribers });
    await relayOutbox(deps);
    const [gone, flaky] = jobs.sent.map((j) => fakeMessage(j));
    if (!gone || !flaky) throw new Error('expected two jobs');

    await consume('wehub-jobs', gone, deps, deps.settle);
    expect(gone.acked).toBe(true);
    const letter = await env.DB.prepare('SELECT reason FROM dead_letters WHERE message_id = ?').bind(gone.id).first();
    expect(letter).toEqual({ reason: 'permanent' });

    await consume('wehub-jobs', flaky, deps, deps.settle);
    expect(flaky.retriedWith).not.toBeNull();
    const retry = fakeMessage(flaky.body as JobEnvelope, 2);
    await consume('wehub-jobs', retry, deps, deps.settle);
    expect(retry.acked).toBe(true);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      type: 'ari.updated',
      hotel_id: hotel,
      data: { hotel_id: hotel, room_nights: 7, changes: [] },
    });
    expect(received[0]?.created_at).toMatch(/Z$/);

    // The relay handing the same pair on again (e.g. it died before marking the row) changes nothing.
    const duplicate = fakeMessage(flaky.body as JobEnvelope);
    await consume('wehub-jobs', duplicate, deps, deps.settle);
    expect(duplicate.acked).toBe(true);
    expect(transientCalls).toBe(2);
  });

  it('purges published events after 30 days, never unpublished ones', async () => {
    await drain();
    const hotel = hotelId();
    const old = Date.now() - 31 * 86_400_000;
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO outbox_events (id, hotel_id, type, subject_id, data, created_at, published_at) VALUES (?, ?, 'ari.updated', ?, '{}', ?, ?)`,
      ).bind(`evt_old_published_${hotel}`, hotel, hotel, old, old),
      env.DB.prepare(
        `INSERT INTO outbox_events (id, hotel_id, type, subject_id, data, created_at, published_at) VALUES (?, ?, 'ari.updated', ?, '{}', ?, NULL)`,
      ).bind(`evt_old_unpublished_${hotel}`, hotel, hotel, old),
      env.DB.prepare(
        `INSERT INTO outbox_events (id, hotel_id, type, subject_id, data, created_at, published_at) VALUES (?, ?, 'ari.updated', ?, '{}', ?, ?)`,
      ).bind(`evt_recent_${hotel}`, hotel, hotel, Date.now(), Date.now()),
    ]);
    const deps = testDeps();
    const m = fakeMessage({ type: 'event.purge', payload: { at: Date.now() } });
    await consume('wehub-jobs', m, deps, deps.settle);
    expect(m.acked).toBe(true);
    const { results } = await env.DB.prepare('SELECT id FROM outbox_events WHERE hotel_id = ? ORDER BY id')
      .bind(hotel)
      .all<{ id: string }>();
    expect(results.map((r) => r.id)).toEqual([`evt_old_unpublished_${hotel}`, `evt_recent_${hotel}`]);
  });
});
