/**
 * Whether any endpoint hears an event is decided in the event's own commit (webhooks.subscriber.ts):
 * a hotel without a subscriber for it queues no `event.deliver` job, and an endpoint hears only what
 * happens after it was created.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { commitChange } from '../../src/modules/events/commit';
import type { DomainEvent } from '../../src/modules/events/events.schema';
import { deliverEventJob } from '../../src/modules/events/relay';
import { webhookSubscriber } from '../../src/modules/webhooks/webhooks.subscriber';
import { createHotel } from '../helpers/builders';
import { recordingJobs, testDeps } from '../helpers/deps';

const ariUpdated = (hotelId: string): DomainEvent => ({
  type: 'ari.updated',
  hotelId,
  subjectId: hotelId,
  data: { hotel_id: hotelId, room_nights: 1, changes: [] },
});

let seq = 0;
async function insertEndpoint(e: {
  events: string[];
  hotelIds: string[] | null;
  enabled?: boolean;
  createdAt?: number;
}) {
  const id = `wh_decided_${++seq}`;
  const at = e.createdAt ?? Date.now() - 1000;
  await env.DB.prepare(
    `INSERT INTO webhook_endpoints (id, url, events, hotel_ids, enabled, secret, created_at, updated_at)
     VALUES (?, 'https://hooks.example.com/decided', ?, ?, ?, 'whsec_test', ?, ?)`,
  )
    .bind(id, JSON.stringify(e.events), e.hotelIds && JSON.stringify(e.hotelIds), e.enabled === false ? 0 : 1, at, at)
    .run();
  return id;
}

/** Commits one `ari.updated` of the hotel; whether the relay it started queued the webhooks job. */
async function commitEvent(hotelId: string) {
  const jobs = recordingJobs();
  const deps = testDeps({ jobs, subscribers: [webhookSubscriber] });
  const result = await commitChange(deps, {
    hotelId,
    session: env.DB,
    statements: [],
    events: [ariUpdated(hotelId)],
    affectsAvailability: false,
  });
  await deps.settle();
  expect(result.ok).toBe(true);
  const recorded = await env.DB.prepare(
    `SELECT d.subscriber FROM event_deliveries AS d JOIN outbox_events AS e ON e.id = d.event_id WHERE e.hotel_id = ?`,
  )
    .bind(hotelId)
    .all<{ subscriber: string }>();
  return {
    queued: jobs.sent.some((j) => j.type === deliverEventJob.type),
    // A `false` is recorded as delivered with the publication: nothing waits for a job that never comes.
    recordedIdle: recorded.results.some((r) => r.subscriber === 'webhooks'),
    deps,
    jobs,
  };
}

describe('webhooks: whether anyone hears an event is decided in its commit', () => {
  const other = 'htl_some_other_hotel';
  it.each([
    {
      case: 'no endpoint of the hotel (another hotel has one for *)',
      endpoints: [{ events: ['*'], hotelIds: [other] }],
      hears: false,
    },
    { case: 'an endpoint for every hotel and *', endpoints: [{ events: ['*'], hotelIds: null }], hears: true },
    { case: "the hotel's own, exact type", endpoints: [{ events: ['ari.updated'], hotelIds: ['$h'] }], hears: true },
    {
      case: "the hotel's own, ari.*",
      endpoints: [{ events: ['reservation.*', 'ari.*'], hotelIds: [other, '$h'] }],
      hears: true,
    },
    {
      case: 'another prefix only',
      endpoints: [{ events: ['reservation.*', 'payment.completed'], hotelIds: ['$h'] }],
      hears: false,
    },
    {
      case: 'a shorter prefix that is no segment (ar.*)',
      endpoints: [{ events: ['ar.*', 'ari'], hotelIds: null }],
      hears: false,
    },
    { case: 'a disabled endpoint', endpoints: [{ events: ['*'], hotelIds: null, enabled: false }], hears: false },
    {
      case: 'an endpoint created after the event',
      endpoints: [{ events: ['*'], hotelIds: null, createdAt: Date.now() + 3_600_000 }],
      hears: false,
    },
  ])('$case: heard = $hears', async ({ endpoints, hears }) => {
    const hotel = await createHotel();
    const ids: string[] = [];
    for (const e of endpoints) {
      ids.push(await insertEndpoint({ ...e, hotelIds: e.hotelIds?.map((h) => (h === '$h' ? hotel.id : h)) ?? null }));
    }
    try {
      const { queued, recordedIdle } = await commitEvent(hotel.id);
      expect(queued).toBe(hears);
      expect(recordedIdle).toBe(!hears);
    } finally {
      // Every case is alone on the platform: an endpoint for every hotel would hear the next case's event.
      await env.DB.prepare('DELETE FROM webhook_endpoints WHERE id IN (SELECT value FROM json_each(?))')
        .bind(JSON.stringify(ids))
        .run();
    }
  });

  it('gives an endpoint created after the event no delivery, though another endpoint made the job', async () => {
    const hotel = await createHotel();
    const before = await insertEndpoint({ events: ['*'], hotelIds: [hotel.id] });
    const { queued, deps, jobs } = await commitEvent(hotel.id);
    expect(queued).toBe(true);
    const after = await insertEndpoint({ events: ['*'], hotelIds: [hotel.id], createdAt: Date.now() + 1000 });
    const delivers = jobs.sent.filter((j) => j.type === deliverEventJob.type);
    expect(delivers).toHaveLength(1);
    for (const job of delivers) await deliverEventJob.handle(deliverEventJob.schema.parse(job.payload), deps);
    const deliveries = await env.DB.prepare('SELECT endpoint_id FROM webhook_deliveries WHERE endpoint_id IN (?, ?)')
      .bind(before, after)
      .all<{ endpoint_id: string }>();
    expect(deliveries.results.map((d) => d.endpoint_id)).toEqual([before]);
  });
});

describe('webhooks: an endpoint row whose JSON is malformed', () => {
  it.each([
    { column: 'events', events: 'not json', hotelIds: null },
    { column: 'hotel_ids', events: '["*"]', hotelIds: '["htl_x"' },
  ])('($column) fails no domain commit, and the other endpoints still hear the event', async ({ events, hotelIds }) => {
    // The decision runs inside every commit that writes an event: an error there would fail bookings.
    const hotel = await createHotel();
    const at = Date.now() - 1000;
    await env.DB.prepare(
      `INSERT INTO webhook_endpoints (id, url, events, hotel_ids, enabled, secret, created_at, updated_at)
       VALUES ('wh_decided_malformed', 'https://hooks.example.com/bad', ?, ?, 1, 'whsec_test', ?, ?)`,
    )
      .bind(events, hotelIds, at, at)
      .run();
    try {
      expect((await commitEvent(hotel.id)).queued).toBe(false);
      const good = await insertEndpoint({ events: ['ari.*'], hotelIds: [hotel.id] });
      try {
        expect((await commitEvent(hotel.id)).queued).toBe(true);
      } finally {
        await env.DB.prepare('DELETE FROM webhook_endpoints WHERE id = ?').bind(good).run();
      }
    } finally {
      await env.DB.prepare("DELETE FROM webhook_endpoints WHERE id = 'wh_decided_malformed'").run();
    }
  });
});
