import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { CRONS, consume, runCron } from '../../src/jobs';
import { markDirty } from '../../src/modules/channels/ari-push/ari-push.subscriber';
import type { ChannelProvider } from '../../src/modules/channels/channels.table';
import { inDays } from '../helpers/ari';
import { fakeMessage, recordingJobs, testDeps } from '../helpers/deps';
import { OTA_PARTNER, useOtaPartnerEachTest } from '../helpers/ota-partner';
import { auditInventory, bookableHotel, takenOn } from '../helpers/reservations';
import { insertChannel } from '../helpers/transport-channels';
import { drain, memoryQueue } from '../webhooks/harness';

/**
 * Reservations in, end to end: the OTA emulator (emulators/ota) as the partner, the real provider
 * adapters, import and books. Pull: the `channels.pull` job through the queue consumer. Push: the
 * emulator posting to POST /api/v1/ota/:channel_id/reservations through the worker.
 */
const partner = useOtaPartnerEachTest();

async function aMappedChannel(provider: ChannelProvider, mode: 'pull' | 'push', units = 3) {
  const { hotel, roomType, ratePlan } = await bookableHotel({ units });
  const hotelCode = `${OTA_PARTNER.hotelCode}-${crypto.randomUUID().slice(0, 8)}`;
  const channel = await insertChannel(hotel.id, {
    provider,
    mode,
    hotelCode,
    endpointUrl: provider === 'ota_xml' ? OTA_PARTNER.otaXmlEndpoint : OTA_PARTNER.bookingComBase,
    credentials: { username: OTA_PARTNER.username, password: OTA_PARTNER.password },
  });
  await env.DB.prepare(
    `INSERT INTO channel_mappings (channel_id, room_type_id, rate_plan_id, channel_room_code, channel_rate_code)
     VALUES (?, ?, ?, 'DBL', 'BAR')`,
  )
    .bind(channel.id, roomType.id, ratePlan.id)
    .run();
  return { hotel, roomType, ratePlan, channel, hotelCode };
}

/** An answer without what differs per message (its time and echo token). */
const strip = (xml: string) => xml.replace(/ (TimeStamp|EchoToken)="[^"]*"/g, '');

const stay = (hotelCode: string, id?: string) => ({
  hotelCode,
  ...(id ? { id } : {}),
  rooms: [{ roomCode: 'DBL', rateCode: 'BAR', checkIn: inDays(10), checkOut: inDays(12), adults: 2 }],
});

/** Runs one `channels.pull` message through the queue consumer, as the queue would. */
async function pullJob(channelId: string, attempts = 1) {
  const deps = testDeps();
  const message = fakeMessage({ type: 'channels.pull', payload: { channel_id: channelId } }, attempts);
  await consume('wehub-jobs', message, deps, deps.settle);
  return message;
}

async function ourReservations(channelId: string) {
  const { results } = await env.DB.prepare(
    `SELECT cr.channel_reservation_id, cr.status, cr.acknowledged_at, r.id AS reservation_id, r.status AS reservation_status
       FROM channel_reservations cr LEFT JOIN reservations r ON r.id = cr.reservation_id
      WHERE cr.channel_id = ? ORDER BY cr.channel_reservation_id`,
  )
    .bind(channelId)
    .all<{
      channel_reservation_id: string;
      status: string;
      acknowledged_at: number | null;
      reservation_id: string | null;
      reservation_status: string | null;
    }>();
  return results;
}

describe('pulling reservations', () => {
  it.each(['ota_xml', 'booking_com'] as const)(
    '%s: a pulled batch becomes reservations, takes units and is acknowledged',
    async (provider) => {
      const { channel, hotelCode, roomType, hotel } = await aMappedChannel(provider, 'pull');
      const made = partner.current.createReservation(stay(hotelCode));
      const message = await pullJob(channel.id);
      expect(message.acked).toBe(true);
      const rows = await ourReservations(channel.id);
      expect(rows).toEqual([
        expect.objectContaining({
          channel_reservation_id: made.id,
          status: 'imported',
          reservation_status: 'confirmed',
        }),
      ]);
      expect(rows[0]?.acknowledged_at).toEqual(expect.any(Number));
      expect(await takenOn(roomType.id, inDays(10))).toBe(1);
      expect(partner.current.pending(hotelCode)).toEqual([]);
      await auditInventory(hotel.id);
    },
  );

  it('a failed acknowledgement is retried by the job and the next pull duplicates nothing', async () => {
    const { channel, hotelCode, roomType } = await aMappedChannel('ota_xml', 'pull');
    const made = partner.current.createReservation(stay(hotelCode));
    partner.current.failNext(1, { http: 503 }, 'OTA_NotifReportRQ');

    const first = await pullJob(channel.id);
    expect(first.acked).toBe(false);
    expect(first.retriedWith).toBeGreaterThanOrEqual(1);
    expect((await ourReservations(channel.id))[0]).toMatchObject({
      channel_reservation_id: made.id,
      acknowledged_at: null,
    });
    expect(partner.current.pending(hotelCode).map((r) => r.id)).toEqual([made.id]);

    const retry = await pullJob(channel.id, 2);
    expect(retry.acked).toBe(true);
    const rows = await ourReservations(channel.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.acknowledged_at).toEqual(expect.any(Number));
    expect(await takenOn(roomType.id, inDays(10))).toBe(1);
    expect(partner.current.pending(hotelCode)).toEqual([]);
  });

  it('a partner that does not answer is retried with backoff, and the channel shows the error', async () => {
    const { channel, hotelCode } = await aMappedChannel('ota_xml', 'pull');
    partner.current.createReservation(stay(hotelCode));
    partner.current.failNext(1, { network: true }, 'OTA_ReadRQ');
    const message = await pullJob(channel.id);
    expect(message.retriedWith).toBeGreaterThanOrEqual(1);
    expect(await ourReservations(channel.id)).toEqual([]);
    const row = await env.DB.prepare('SELECT last_error, pull_claimed_until FROM channels WHERE id = ?')
      .bind(channel.id)
      .first<{ last_error: string; pull_claimed_until: number | null }>();
    expect(row?.last_error).toMatch(/OTA_ReadRQ/);
    expect(row?.pull_claimed_until).toBeNull();
  });

  it('a cancellation pulled later releases the units', async () => {
    const { channel, hotelCode, roomType, hotel } = await aMappedChannel('booking_com', 'pull');
    const made = partner.current.createReservation(stay(hotelCode));
    await pullJob(channel.id);
    expect(await takenOn(roomType.id, inDays(10))).toBe(1);
    partner.current.cancelReservation(made.id);
    expect((await pullJob(channel.id)).acked).toBe(true);
    expect(await takenOn(roomType.id, inDays(10))).toBe(0);
    expect((await ourReservations(channel.id))[0]).toMatchObject({ reservation_status: 'cancelled' });
    await auditInventory(hotel.id);
  });
});

describe('the pull cron', () => {
  const cron = CRONS.find((row) => row.name === 'channel reservation pulls');

  it('starts a pull per due channel, and nothing with OTA_INTEGRATION_ENABLED=false', async () => {
    expect(cron?.cron).toBe('* * * * *');
    const { channel } = await aMappedChannel('ota_xml', 'pull');
    const at = Date.now();
    const jobs = recordingJobs();
    const deps = testDeps({ jobs });
    await runCron('* * * * *', at, deps);
    const scheduled = jobs.sent.filter((j) => j.type === 'channels.schedule_pulls');
    expect(scheduled).toEqual([{ type: 'channels.schedule_pulls', payload: { at } }]);

    const message = fakeMessage(scheduled[0]);
    await consume('wehub-jobs', message, deps, deps.settle);
    expect(message.acked).toBe(true);
    expect(jobs.sent).toContainEqual({ type: 'channels.pull', payload: { channel_id: channel.id } });

    const off = testDeps({ jobs: recordingJobs(), config: { ...deps.config, OTA_INTEGRATION_ENABLED: false } });
    const sent = await runCron('* * * * *', at, off);
    expect(sent.map((j) => j.type)).not.toContain('channels.schedule_pulls');
    // A pull queued before the switch does nothing either.
    const queued = fakeMessage({ type: 'channels.pull', payload: { channel_id: channel.id } });
    await consume('wehub-jobs', queued, off, off.settle);
    expect(queued.acked).toBe(true);
    const calls = await env.DB.prepare('SELECT COUNT(*) AS n FROM channel_messages WHERE channel_id = ?')
      .bind(channel.id)
      .first<{ n: number }>();
    expect(calls?.n).toBe(0);
  });
});

describe('pushed reservations', () => {
  it('a message pushed twice gives one reservation and the same answer', async () => {
    const { channel, hotelCode, roomType, hotel } = await aMappedChannel('ota_xml', 'push');
    const made = partner.current.createReservation(stay(hotelCode));
    const first = await partner.current.pushTo(channel.id, made.id);
    expect(first).toMatchObject({ status: 200, accepted: true, errors: [] });
    const [ours] = await ourReservations(channel.id);
    const number = await env.DB.prepare('SELECT confirmation_number FROM reservations WHERE id = ?')
      .bind(ours?.reservation_id ?? null)
      .first<{ confirmation_number: string }>();
    expect(first.confirmationNumber).toBe(number?.confirmation_number);
    const second = await partner.current.pushTo(channel.id, made.id);
    expect(second.confirmationNumber).toBe(first.confirmationNumber);
    expect(strip(second.body)).toBe(strip(first.body));
    expect(await ourReservations(channel.id)).toHaveLength(1);
    expect(await takenOn(roomType.id, inDays(10))).toBe(1);
    await auditInventory(hotel.id);
  });

  it.each(['ota_xml', 'booking_com'] as const)('%s: a pushed cancellation releases the units', async (flavour) => {
    const { channel, hotelCode, roomType, hotel } = await aMappedChannel(flavour, 'push');
    const made = partner.current.createReservation(stay(hotelCode));
    await partner.current.pushTo(channel.id, made.id, { flavour });
    expect(await takenOn(roomType.id, inDays(10))).toBe(1);
    partner.current.cancelReservation(made.id);
    const cancelled = await partner.current.pushTo(channel.id, made.id, { flavour });
    expect(cancelled).toMatchObject({ status: 200, accepted: true });
    expect(await takenOn(roomType.id, inDays(10))).toBe(0);
    expect((await ourReservations(channel.id))[0]).toMatchObject({ reservation_status: 'cancelled' });
    await auditInventory(hotel.id);
  });

  it('a reservation for another hotel code is kept as failed, books nothing, and the answer says so', async () => {
    const { channel, roomType } = await aMappedChannel('ota_xml', 'push');
    const made = partner.current.createReservation(stay('SOMEONE-ELSE'));
    const answer = await partner.current.pushTo(channel.id, made.id);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatch(/<Warning [^>]*RecordID="[^"]+"/);
    expect(answer.confirmationNumber).toBeNull();
    expect(await ourReservations(channel.id)).toEqual([
      expect.objectContaining({ channel_reservation_id: made.id, status: 'failed', reservation_id: null }),
    ]);
    expect(await takenOn(roomType.id, inDays(10))).toBe(0);
  });

  it('a wrong password imports nothing and is told so in OTA', async () => {
    const { channel, hotelCode } = await aMappedChannel('ota_xml', 'push');
    const made = partner.current.createReservation(stay(hotelCode));
    const refused = await partner.current.pushTo(channel.id, made.id, { password: 'not-it' });
    expect(refused).toMatchObject({ status: 401, accepted: false, errors: [{ type: '4', code: '497' }] });
    expect(await ourReservations(channel.id)).toEqual([]);
  });
});

describe('ARI out, end to end', () => {
  const queue = memoryQueue();

  it.each(['ota_xml', 'booking_com'] as const)(
    '%s: what we push is what the partner then sells (availability and price per night)',
    async (provider) => {
      const { hotel, roomType, channel, hotelCode } = await aMappedChannel(provider, 'push');
      const deps = { ...testDeps(), jobs: queue.sender };
      await markDirty(
        deps,
        hotel.id,
        channel.id,
        [{ roomTypeId: roomType.id, from: inDays(10), to: inDays(13), availability: true, rates: true }],
        true,
      );
      await drain(queue, deps);
      for (const date of [inDays(10), inDays(12)]) {
        expect(partner.current.availability(hotelCode, 'DBL', null, date)).toMatchObject({ bookingLimit: 3 });
        expect(partner.current.rate(hotelCode, 'DBL', 'BAR', date)).toMatchObject({ amount: '100.00' });
      }
      const health = await env.DB.prepare('SELECT last_error FROM channels WHERE id = ?').bind(channel.id).first();
      expect(health).toEqual({ last_error: null });
    },
  );
});

describe("a partner's own error text", () => {
  const queue = memoryQueue();

  it('reaches last_error and the channel.sync_failed event redacted (a card number in it is masked)', async () => {
    const { hotel, roomType, channel } = await aMappedChannel('ota_xml', 'push');
    // Every attempt fails (background pushes of the hotel's set-up may take some of these too).
    partner.current.failNext(
      1000,
      { errors: [{ type: '3', code: '450', text: 'Card 4111 1111 1111 1111 declined by the hotel system' }] },
      'OTA_HotelAvailNotifRQ',
    );
    const deps = { ...testDeps(), jobs: queue.sender };
    await markDirty(
      deps,
      hotel.id,
      channel.id,
      [{ roomTypeId: roomType.id, from: inDays(10), to: inDays(11), availability: true, rates: false }],
      true,
    );
    await drain(queue, deps);
    const row = await env.DB.prepare('SELECT last_error FROM channels WHERE id = ?')
      .bind(channel.id)
      .first<{ last_error: string }>();
    const event = await env.DB.prepare(
      "SELECT data FROM outbox_events WHERE type = 'channel.sync_failed' AND subject_id = ?",
    )
      .bind(channel.id)
      .first<{ data: string }>();
    expect(row?.last_error).toContain('declined by the hotel system');
    expect(event?.data).toContain('declined by the hotel system');
    for (const text of [row?.last_error, event?.data]) {
      expect(text).not.toMatch(/4111 1111 1111 1111|4111111111111111/);
      expect(text).toContain('…1111');
    }
  });
});
