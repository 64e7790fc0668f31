import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ariPushSubscriber } from '../../src/modules/channels/ari-push/ari-push.subscriber';
import { commitChange } from '../../src/modules/events/commit';
import type { DomainEvent } from '../../src/modules/events/events.schema';
import { SUBSCRIBERS } from '../../src/subscribers';
import { createHotel } from '../helpers/builders';
import { insertChannel } from '../helpers/channel-rows';
import { recordingJobs, testDeps } from '../helpers/deps';

const listener = { name: 'listener', events: ['*'], handle: async () => {} };

const ariUpdated = (hotelId: string): DomainEvent => ({
  type: 'ari.updated',
  hotelId,
  subjectId: hotelId,
  data: { hotel_id: hotelId, room_nights: 1, changes: [] },
});

/** A commit of one event with `subscribers`; the subscribers the relay it starts queued a job for. */
async function queuedFor(hotelId: string, subscribers: typeof SUBSCRIBERS, statements: D1PreparedStatement[] = []) {
  const jobs = recordingJobs();
  const deps = testDeps({ jobs, subscribers });
  const result = await commitChange(deps, {
    hotelId,
    session: env.DB,
    statements,
    events: [ariUpdated(hotelId)],
    affectsAvailability: false,
  });
  await deps.settle();
  expect(result.ok).toBe(true);
  return jobs.sent.map((j) => (j.payload as { subscriber: string }).subscriber);
}

describe('mayAct decided in the commit (decidedAtRelay)', () => {
  it("runs every such subscriber's expression inside a real commit: an error in it would fail every domain write", async () => {
    const relayDecided = SUBSCRIBERS.filter((s) => s.decidedAtRelay && s.mayAct);
    expect(relayDecided.map((s) => s.name)).toContain(ariPushSubscriber.name);
    const hotel = await createHotel();
    await insertChannel(hotel.id);
    for (const subscriber of relayDecided) await queuedFor(hotel.id, [subscriber, listener]);
  });

  it('queues the channels subscriber only for a hotel with an enabled channel', async () => {
    const [selling, disabled, none] = [await createHotel(), await createHotel(), await createHotel()];
    await insertChannel(selling.id);
    await insertChannel(disabled.id, { enabled: false });
    expect(await queuedFor(selling.id, [ariPushSubscriber, listener])).toEqual(['channels.ari', 'listener']);
    expect(await queuedFor(disabled.id, [ariPushSubscriber, listener])).toEqual(['listener']);
    expect(await queuedFor(none.id, [ariPushSubscriber, listener])).toEqual(['listener']);
  });

  it("sees a channel the same commit enables (the caller's statements run before the outbox INSERT)", async () => {
    const hotel = await createHotel();
    await insertChannel(hotel.id, { enabled: false });
    const enable = env.DB.prepare('UPDATE channels SET enabled = 1 WHERE hotel_id = ?').bind(hotel.id);
    expect(await queuedFor(hotel.id, [ariPushSubscriber], [enable])).toEqual(['channels.ari']);
  });
});
