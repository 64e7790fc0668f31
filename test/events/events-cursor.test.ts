/**
 * Regression (from a review of the backbone): the events API resumes "after" an id, but ids are minted before the D1
 * batch commits. Two changes that overlap commit in a different order than their ids sort, and a reader
 * that polls with `after` never sees the one that committed second with the smaller id.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { commitChange } from '../../src/modules/events/commit';
import { testDeps } from '../helpers/deps';
import { call, expectStatus } from '../helpers/http';

const hotelId = `htl_${crypto.randomUUID().replaceAll('-', '').slice(0, 26)}`;

function ariEvent(roomNights: number) {
  return {
    type: 'ari.updated' as const,
    hotelId,
    subjectId: hotelId,
    data: { hotel_id: hotelId, room_nights: roomNights, changes: [] },
  };
}

describe('GET /api/v1/events resumed with `after`', () => {
  it('returns an event whose write committed after the reader’s last page, even if its id sorts earlier', async () => {
    // Change A mints its event id, then its D1 batch is slow (network, a larger batch, another isolate).
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slowSession = {
      prepare: (query: string) => env.DB.prepare(query),
      batch: async (statements: D1PreparedStatement[]) => {
        await gate;
        return env.DB.batch(statements);
      },
    } as unknown as D1Database;
    const a = commitChange(testDeps({ subscribers: [] }), {
      hotelId,
      session: slowSession,
      statements: [],
      events: [ariEvent(1)],
      affectsAvailability: false,
    });
    // Change B starts later (a larger id) and commits first.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const b = await commitChange(testDeps({ subscribers: [] }), {
      hotelId,
      session: env.DB,
      statements: [],
      events: [ariEvent(2)],
      affectsAvailability: false,
    });
    expect(b.ok).toBe(true);

    // A reader polls: it sees B and remembers B's id as where to resume.
    const first = await expectStatus(call('GET', `/api/v1/events?hotel_id=${hotelId}`), 200);
    const seen: string[] = first.data.map((e: { id: string }) => e.id);
    expect(first.data.map((e: { data: { room_nights: number } }) => e.data.room_nights)).toEqual([2]);

    release();
    const committed = await a;
    expect(committed.ok).toBe(true);
    const aId = committed.ok ? committed.events[0]?.id : undefined;

    const next = await expectStatus(call('GET', `/api/v1/events?hotel_id=${hotelId}&after=${seen.at(-1)}`), 200);
    const everything = [...seen, ...next.data.map((e: { id: string }) => e.id)];
    expect(everything, 'A committed after the first page and must reach the reader').toContain(aId);
  });
});
