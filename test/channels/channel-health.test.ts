import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { consume, runCron } from '../../src/jobs';
import { newId } from '../../src/lib/ids';
import { createHotel } from '../helpers/builders';
import { createChannel, insertChannelMessage } from '../helpers/channel-builders';
import { fakeMessage, testDeps } from '../helpers/deps';
import { call, expectProblem, expectStatus } from '../helpers/http';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function reservationRow(channelId: string, hotelId: string, status: string, overbooked = false) {
  await env.DB.prepare(
    `INSERT INTO channel_reservations (id, channel_id, hotel_id, channel_reservation_id, status, last_kind,
       last_digest, data, overbooked, channel_collect, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'new', 'digest', '{}', ?, 0, 0, 0)`,
  )
    .bind(newId('channelReservation'), channelId, hotelId, crypto.randomUUID(), status, overbooked ? 1 : 0)
    .run();
}

async function dirtyRange(hotelId: string, channelId: string | null) {
  await env.DB.prepare(
    `INSERT INTO channel_ari_dirty (hotel_id, channel_id, room_type_id, from_date, to_date, created_at)
     VALUES (?, ?, 'rt_x', '2027-01-01', '2027-01-05', 0)`,
  )
    .bind(hotelId, channelId)
    .run();
}

async function deadLetter(jobType: string, payload: unknown, replayed = false) {
  await env.DB.prepare(
    `INSERT INTO dead_letters (id, queue, message_id, job_type, payload, reason, error, attempts, created_at, replayed_at)
     VALUES (?, 'wehub-jobs', ?, ?, ?, 'exhausted', 'HTTP 503', 5, 0, ?)`,
  )
    .bind(
      newId('deadLetter'),
      crypto.randomUUID(),
      jobType,
      JSON.stringify({ type: jobType, payload }),
      replayed ? 1 : null,
    )
    .run();
}

describe('channel health', () => {
  it('is computed from the message log of the last 24 h, the backlog and the channel’s reservations', async () => {
    const hotel = await createHotel();
    const channel = await createChannel(hotel.id);
    const sibling = await createChannel(hotel.id);
    const now = Date.now();
    const log = (outcome: 'success' | 'warning' | 'error' | 'failed', at: number, channelId = channel.id) =>
      insertChannelMessage({ channelId, hotelId: hotel.id, outcome, createdAt: at });
    for (const at of [now - HOUR, now - 2 * HOUR, now - 23 * HOUR]) await log('success', at);
    await log('warning', now - 3 * HOUR);
    await log('error', now - 4 * HOUR);
    await log('failed', now - 5 * HOUR);
    // Outside the window, or another channel's: not counted.
    await log('error', now - 25 * HOUR);
    await log('failed', now - 3 * DAY);
    await log('error', now - HOUR, sibling.id);

    await dirtyRange(hotel.id, null);
    await dirtyRange(hotel.id, channel.id);
    await dirtyRange(hotel.id, sibling.id);
    await dirtyRange((await createHotel()).id, null);

    await deadLetter('channels.send_ari', { channel_id: channel.id, message: 1 });
    await deadLetter('channels.push', { hotel_id: hotel.id });
    await deadLetter('channels.send_ari', { channel_id: channel.id }, true);
    await deadLetter('channels.send_ari', { channel_id: sibling.id });
    await deadLetter('webhook.deliver', { channel_id: channel.id });
    // A payload cut short when it was recorded (not JSON) is skipped, not an error.
    await env.DB.prepare(
      `INSERT INTO dead_letters (id, queue, message_id, job_type, payload, reason, attempts, created_at)
       VALUES (?, 'wehub-jobs', 'cut', 'channels.send_ari', '{"type":"channels.send_ari","payload":{"chan', 'exhausted', 5, 0)`,
    )
      .bind(newId('deadLetter'))
      .run();

    for (const status of ['imported', 'imported', 'pending', 'needs_mapping', 'failed']) {
      await reservationRow(channel.id, hotel.id, status, status === 'pending');
    }
    await reservationRow(channel.id, hotel.id, 'imported', true);
    await reservationRow(sibling.id, hotel.id, 'rejected');

    const lastError = now - 4 * HOUR;
    await env.DB.prepare('UPDATE channels SET last_success_at = ?, last_error_at = ?, last_error = ? WHERE id = ?')
      .bind(now - HOUR, lastError, 'Errors: 392 Invalid hotel code', channel.id)
      .run();

    const health = await expectStatus(call('GET', `/api/v1/channels/${channel.id}/health`), 200);
    expect(health).toEqual({
      channel_id: channel.id,
      enabled: true,
      last_success_at: new Date(now - HOUR).toISOString(),
      last_error_at: new Date(lastError).toISOString(),
      last_error: 'Errors: 392 Invalid hotel code',
      last_pulled_at: null,
      window_hours: 24,
      messages: { total: 6, success: 3, warning: 1, error: 1, failed: 1 },
      success_rate: 4 / 6,
      backlog: { dirty_ranges: 2, dead_letters: 2 },
      reservations: { imported: 3, pending: 1, rejected: 0, needs_mapping: 1, failed: 1, overbooked: 2 },
    });
  });

  it('a channel that has exchanged nothing has no success rate and zero counts', async () => {
    const hotel = await createHotel();
    const channel = await createChannel(hotel.id);
    const health = await expectStatus(call('GET', `/api/v1/channels/${channel.id}/health`), 200);
    expect(health).toMatchObject({
      messages: { total: 0, success: 0, warning: 0, error: 0, failed: 0 },
      success_rate: null,
      backlog: { dirty_ranges: 0, dead_letters: 0 },
      reservations: { imported: 0, pending: 0, rejected: 0, needs_mapping: 0, failed: 0, overbooked: 0 },
    });
  });
});

describe('channel message log', () => {
  async function logged() {
    const hotel = await createHotel();
    const channel = await createChannel(hotel.id);
    const other = await createChannel(hotel.id);
    const now = Date.now();
    const rows = [
      { direction: 'outbound', type: 'OTA_HotelAvailNotifRQ', outcome: 'success', createdAt: now - 5000 },
      { direction: 'outbound', type: 'OTA_HotelRateAmountNotifRQ', outcome: 'warning', createdAt: now - 4000 },
      { direction: 'inbound', type: 'OTA_HotelResNotifRQ', outcome: 'success', createdAt: now - 3000 },
      // Two at the same millisecond: the id breaks the tie, so paging neither skips nor repeats one.
      { direction: 'outbound', type: 'OTA_HotelAvailNotifRQ', outcome: 'error', createdAt: now - 2000 },
      { direction: 'outbound', type: 'OTA_ReadRQ', outcome: 'failed', createdAt: now - 2000 },
    ] as const;
    const ids: string[] = [];
    for (const r of rows) ids.push(await insertChannelMessage({ channelId: channel.id, hotelId: hotel.id, ...r }));
    await insertChannelMessage({ channelId: other.id, hotelId: hotel.id, createdAt: now - 1000 });
    const newestFirst = [ids[4], ids[3], ids[2], ids[1], ids[0]];
    return { channel, ids, newestFirst, path: `/api/v1/channels/${channel.id}/messages` };
  }

  it.each([
    [1, 5],
    [2, 3],
    [3, 2],
  ])(
    'pages newest first, %i a page, in %i pages, neither skipping nor repeating a row',
    async (limit, expectedPages) => {
      const { path, newestFirst } = await logged();
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = cursor ? `?limit=${limit}&cursor=${cursor}` : `?limit=${limit}`;
        const page: { data: { id: string }[]; next_cursor: string | null } = await expectStatus(
          call('GET', `${path}${query}`),
          200,
        );
        seen.push(...page.data.map((m) => m.id));
        cursor = page.next_cursor;
        pages += 1;
      } while (cursor && pages < 10);
      expect(seen).toEqual(newestFirst);
      expect(pages).toBe(expectedPages);
    },
  );

  it('returns each exchange as logged', async () => {
    const { path, ids, channel } = await logged();
    const { data } = await expectStatus(call('GET', `${path}?limit=1`), 200);
    expect(data[0]).toEqual({
      id: ids[4],
      channel_id: channel.id,
      direction: 'outbound',
      message_type: 'OTA_ReadRQ',
      outcome: 'failed',
      http_status: 200,
      duration_ms: 12,
      correlation_id: `echo-${ids[4]}`,
      request: '<OTA_HotelAvailNotifRQ/>',
      response: '<OTA_HotelAvailNotifRS><Success/></OTA_HotelAvailNotifRS>',
      detail: null,
      created_at: expect.any(String),
    });
  });

  it.each([
    ['direction=inbound', [2]],
    ['direction=outbound', [4, 3, 1, 0]],
    ['type=OTA_HotelAvailNotifRQ', [3, 0]],
    ['outcome=success', [2, 0]],
    ['direction=outbound&outcome=warning', [1]],
    ['type=OTA_PingRQ', []],
  ])('filters by %s', async (query, expected) => {
    const { path, ids } = await logged();
    const { data } = await expectStatus(call('GET', `${path}?${query}`), 200);
    expect(data.map((m: { id: string }) => m.id)).toEqual(expected.map((i) => ids[i]));
  });

  it.each(['direction=sideways', 'outcome=maybe', 'limit=0', 'limit=101', 'cursor=not-a-cursor'])(
    'refuses %s with a 400',
    async (query) => {
      const { path } = await logged();
      await expectProblem(call('GET', `${path}?${query}`), 400, 'validation_failed');
    },
  );
});

describe('message log retention', () => {
  it('the daily purge drops messages older than 30 days and keeps the rest', async () => {
    const hotel = await createHotel();
    const channel = await createChannel(hotel.id);
    const now = Date.now();
    const old = await insertChannelMessage({ channelId: channel.id, hotelId: hotel.id, createdAt: now - 31 * DAY });
    const recent = await insertChannelMessage({ channelId: channel.id, hotelId: hotel.id, createdAt: now - 29 * DAY });
    const deps = testDeps();
    const jobs = await runCron('17 3 * * *', now, deps);
    const purge = jobs.find((j) => j.type === 'channels.purge_messages');
    expect(purge).toBeDefined();
    const message = fakeMessage(purge);
    await consume('wehub-jobs', message, deps, deps.settle);
    expect(message.acked).toBe(true);
    const { results } = await env.DB.prepare('SELECT id FROM channel_messages WHERE channel_id = ?')
      .bind(channel.id)
      .all<{ id: string }>();
    expect(results.map((r) => r.id)).toEqual([recent]);
    expect(results.map((r) => r.id)).not.toContain(old);
  });
});
