import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db';
import { consume } from '../../src/jobs';
import { commitChange } from '../../src/modules/events/commit';
import { relayOutbox } from '../../src/modules/events/relay';
import type { Subscriber } from '../../src/modules/events/subscribers';
import { fakeMessage, notingD1, recordingJobs, testDeps } from '../helpers/deps';

describe('event.deliver', () => {
  it('reads its event and whether the pair was delivered in one round trip, and runs a pair once', async () => {
    const hotel = `htl_${crypto.randomUUID().replaceAll('-', '').slice(0, 26)}`;
    const sent: string[] = [];
    const handled: string[][] = [];
    const subscribers: Subscriber[] = [
      {
        name: 'counting',
        events: ['ari.*'],
        handle: async (event) => {
          // What the job sent to D1 before the subscriber ran.
          handled.push([...sent]);
          expect(event).toMatchObject({ type: 'ari.updated', hotel_id: hotel, data: { room_nights: 3 } });
        },
      },
    ];
    await commitChange(testDeps({ subscribers: [] }), {
      hotelId: hotel,
      session: env.DB,
      statements: [],
      events: [
        {
          type: 'ari.updated',
          hotelId: hotel,
          subjectId: hotel,
          data: { hotel_id: hotel, room_nights: 3, changes: [] },
        },
      ],
      affectsAvailability: false,
    });
    const jobs = recordingJobs();
    await relayOutbox(testDeps({ jobs, subscribers }));
    const job = jobs.sent.find((j) => (j.payload as { subscriber: string }).subscriber === 'counting');
    if (!job) throw new Error('expected a job for the subscriber');

    const publishedAt = () =>
      env.DB.prepare('SELECT published_at FROM outbox_events WHERE hotel_id = ?').bind(hotel).first('published_at');
    const relayed = await publishedAt();
    expect(relayed).toEqual(expect.any(Number));

    const d1 = notingD1(env.DB, sent);
    const later = new Date(Date.now() + 60_000);
    const deps = testDeps({ d1, db: createDb(d1), subscribers, now: () => later });
    const first = fakeMessage(job);
    await consume('wehub-jobs', first, deps, deps.settle);
    expect(first.acked).toBe(true);
    expect(handled).toHaveLength(1);
    expect(handled[0]).toEqual([
      expect.stringMatching(/from "event_deliveries"/),
      expect.stringMatching(/from "outbox_events"/),
      'BATCH',
    ]);
    // A sweep's job leaves the publication to the sweep (only a job marked `publish` writes it).
    expect(await publishedAt()).toBe(relayed);

    // Handed on twice (the relay died before marking the row): the second run does not call the subscriber.
    const again = fakeMessage(job);
    await consume('wehub-jobs', again, deps, deps.settle);
    expect(again.acked).toBe(true);
    expect(handled).toHaveLength(1);
  });

  it("reads a subscriber's mayAct with its reads, and for a false records the pair in that batch without calling it", async () => {
    const hotel = `htl_${crypto.randomUUID().replaceAll('-', '').slice(0, 26)}`;
    const sent: string[] = [];
    const handled: string[] = [];
    const subscribers: Subscriber[] = [
      {
        name: 'picky',
        events: ['ari.*'],
        mayAct: "json_extract(outbox_events.data, '$.room_nights') > 5",
        handle: async (event) => {
          handled.push((event.data as { room_nights: number }).room_nights.toString());
        },
      },
    ];
    for (const roomNights of [3, 7]) {
      await commitChange(testDeps({ subscribers: [] }), {
        hotelId: hotel,
        session: env.DB,
        statements: [],
        events: [
          {
            type: 'ari.updated',
            hotelId: hotel,
            subjectId: hotel,
            data: { hotel_id: hotel, room_nights: roomNights, changes: [] },
          },
        ],
        affectsAvailability: false,
      });
    }
    const jobs = recordingJobs();
    await relayOutbox(testDeps({ jobs, subscribers }));
    const d1 = notingD1(env.DB, sent);
    const deps = testDeps({ d1, db: createDb(d1), subscribers });
    const mine = jobs.sent.filter((j) => (j.payload as { subscriber: string }).subscriber === 'picky');
    expect(mine).toHaveLength(2);
    for (const job of mine) {
      const message = fakeMessage(job);
      await consume('wehub-jobs', message, deps, deps.settle);
      expect(message.acked).toBe(true);
    }
    expect(handled).toEqual(['7']);
    const { results } = await env.DB.prepare(
      `SELECT json_extract(e.data, '$.room_nights') AS n, d.delivered_at >= ? AS recent
       FROM event_deliveries d JOIN outbox_events e ON e.id = d.event_id
       WHERE e.hotel_id = ? AND d.subscriber = 'picky' ORDER BY n`,
    )
      .bind(Date.now() - 60_000, hotel)
      .all();
    expect(results).toEqual([
      { n: 3, recent: 1 },
      { n: 7, recent: 1 },
    ]);
    // Each run: one batch of its reads and the record for a false mayAct; only the run that called the
    // subscriber records the pair in a round trip of its own.
    expect(sent.filter((s) => s === 'BATCH')).toHaveLength(2);
    expect(sent.filter((s) => /^INSERT OR IGNORE INTO event_deliveries .* VALUES/s.test(s))).toHaveLength(1);
  });
});
