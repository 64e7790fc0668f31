import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ariPushSubscriber } from '../../src/modules/channels/ari-push/ari-push.subscriber';
import { commitChange } from '../../src/modules/events/commit';
import { relayOutbox } from '../../src/modules/events/relay';
import { createHotel } from '../helpers/builders';
import { insertChannel } from '../helpers/channel-rows';
import { recordingJobs, testDeps } from '../helpers/deps';

/** Commits one ARI event for the hotel without nudging the relay (no subscribers). */
async function commitAri(hotelId: string) {
  await commitChange(testDeps({ subscribers: [] }), {
    hotelId,
    session: env.DB,
    statements: [],
    events: [
      { type: 'ari.updated', hotelId, subjectId: hotelId, data: { hotel_id: hotelId, room_nights: 1, changes: [] } },
    ],
    affectsAvailability: false,
  });
}

async function deliveredPerHotel(hotelIds: string[]): Promise<Record<string, number>> {
  const { results } = await env.DB.prepare(
    `SELECT e.hotel_id, COUNT(*) AS n FROM event_deliveries d JOIN outbox_events e ON e.id = d.event_id
      WHERE d.subscriber = 'channels.ari' AND e.hotel_id IN (SELECT value FROM json_each(?)) GROUP BY e.hotel_id`,
  )
    .bind(JSON.stringify(hotelIds))
    .all<{ hotel_id: string; n: number }>();
  return Object.fromEntries(results.map((r) => [r.hotel_id, r.n]));
}

describe('the relay decides channels.ari per hotel', () => {
  it('queues a job only for a hotel with an enabled channel; the others are recorded as delivered', async () => {
    const [selling, disabled, none] = [await createHotel(), await createHotel(), await createHotel()];
    await insertChannel(selling.id);
    await insertChannel(disabled.id, { enabled: false });
    for (const hotel of [selling, disabled, none]) {
      await commitAri(hotel.id);
      await commitAri(hotel.id);
    }
    const jobs = recordingJobs();
    await relayOutbox(testDeps({ jobs, subscribers: [ariPushSubscriber] }));

    const queued = jobs.sent.map((j) => (j.payload as { event_id: string }).event_id);
    const { results } = await env.DB.prepare(
      'SELECT DISTINCT hotel_id FROM outbox_events WHERE id IN (SELECT value FROM json_each(?))',
    )
      .bind(JSON.stringify(queued))
      .all<{ hotel_id: string }>();
    expect(queued).toHaveLength(2);
    expect(results).toEqual([{ hotel_id: selling.id }]);
    expect(await deliveredPerHotel([selling.id, disabled.id, none.id])).toEqual({ [disabled.id]: 2, [none.id]: 2 });
  });
});
