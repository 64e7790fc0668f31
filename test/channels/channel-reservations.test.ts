import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Logger } from '../../src/lib/log';
import { createOutbound } from '../../src/lib/outbound';
import type { Acknowledgement } from '../../src/modules/channels/adapter';
import { acknowledgeJobWith } from '../../src/modules/channels/inbound/acknowledge.job';
import { decideChannelReservation } from '../../src/modules/channels/inbound/channel-reservations.service';
import { readOtaAcknowledgement } from '../../src/modules/channels/xml/answer';
import { inDays, setAri } from '../helpers/ari';
import { bookableHotel, createRoomType } from '../helpers/builders';
import {
  aChannel,
  auditChannelInventory,
  channelRow,
  importOne,
  inbound,
  inboundRoom,
  mapCodes,
  nightOf,
} from '../helpers/channel-import';
import { testDeps } from '../helpers/deps';
import { call, expectProblem, expectStatus } from '../helpers/http';
import { fakeFetch } from '../helpers/outbound';
import { act, getReservation } from '../helpers/reservations';

const ADMIN = { id: 'admin', hotelIds: null } as never;

async function pendingHotel() {
  const h = await bookableHotel({ units: 1 });
  const ctx = await aChannel(h.hotel.id, {
    autoAccept: false,
    map: { roomTypeId: h.roomType.id, ratePlanId: h.ratePlan.id },
  });
  const r = inbound();
  await importOne(ctx, r);
  return { ...h, ctx, r, base: `/api/v1/channels/${ctx.channel.id}/reservations` };
}

/** A provider's acknowledgement as a small adapter builds it: one POST of an XML body, read as OTA. */
const adapter = {
  acknowledge: (
    _ctx: unknown,
    outcomes: readonly { channelReservationId: string; status: string }[],
  ): Acknowledgement[] => [
    {
      method: 'POST',
      url: 'http://ota.test/ack',
      messageType: 'OTA_NotifReportRQ',
      body: `<OTA_NotifReportRQ>${outcomes.map((o) => `<R id="${o.channelReservationId}" s="${o.status}"/>`).join('')}</OTA_NotifReportRQ>`,
      correlationId: 'ack-1',
      headers: { 'content-type': 'text/xml' },
      channelReservationIds: outcomes.map((o) => o.channelReservationId),
    },
  ],
  readAcknowledgement: readOtaAcknowledgement,
};

/** The acknowledgement jobs a service queued (the event relay queues its own jobs beside them). */
function acknowledgements(deps: ReturnType<typeof testDeps>): { type: string; payload: any }[] {
  return (deps.jobs as unknown as { sent: { type: string; payload: any }[] }).sent.filter(
    (j) => j.type === 'channels.acknowledge',
  );
}

function partner(answer: string) {
  return fakeFetch([
    { method: 'POST', url: 'http://ota.test/ack', reply: () => new Response(answer, { status: 200 }) },
  ]);
}

/** env.DB whose sessions run `before` once, just before the `nth` batch sent through them (reads included). */
function beforeBatch(nth: number, before: () => Promise<void>): D1Database {
  let seen = 0;
  const bind = <T extends object>(target: T, prop: string | symbol) => {
    const value = Reflect.get(target, prop);
    return typeof value === 'function' ? value.bind(target) : value;
  };
  return new Proxy(env.DB, {
    get(db, prop) {
      if (prop !== 'withSession') return bind(db, prop);
      return (constraint?: string) => {
        const session = db.withSession(constraint as 'first-primary');
        return new Proxy(session, {
          get(target, p) {
            if (p !== 'batch') return bind(target, p);
            return async (statements: D1PreparedStatement[]) => {
              if (++seen === nth) await before();
              return target.batch(statements);
            };
          },
        });
      };
    },
  });
}

describe('GET /api/v1/channels/:id/reservations', () => {
  it('lists what the channel sent, newest first, by status, with the card summary only', async () => {
    const h = await pendingHotel();
    const unmapped = inbound({ rooms: [inboundRoom({ roomCode: 'SUITE' })] });
    await importOne(h.ctx, unmapped);
    const all = await expectStatus(call('GET', h.base), 200);
    expect(all.data.map((x: any) => x.channel_reservation_id)).toEqual([
      unmapped.channelReservationId,
      h.r.channelReservationId,
    ]);
    expect(all.data[1]).toMatchObject({
      status: 'pending',
      reservation_status: 'pending',
      confirmation_number: expect.stringMatching(/^WH/),
      card: { brand: 'VI', last4: '1111', expiry: '12/30' },
      acknowledged_at: null,
    });
    const waiting = await expectStatus(call('GET', `${h.base}?status=needs_mapping`), 200);
    expect(waiting.data).toHaveLength(1);
    expect(waiting.data[0]).toMatchObject({
      status: 'needs_mapping',
      reservation_id: null,
      problem: expect.stringContaining('SUITE'),
    });
    const page = await expectStatus(call('GET', `${h.base}?limit=1`), 200);
    const next = await expectStatus(call('GET', `${h.base}?limit=1&cursor=${page.next_cursor}`), 200);
    expect(next.data[0].channel_reservation_id).toBe(h.r.channelReservationId);
    expect(next.next_cursor).toBeNull();
  });

  it('refuses an unknown channel and a bad status with problem+json', async () => {
    await expectProblem(call('GET', '/api/v1/channels/chn_nothing/reservations'), 404, 'not_found');
    const h = await pendingHotel();
    await expectProblem(call('GET', `${h.base}?status=lost`), 400, 'validation_failed');
    await expectProblem(call('POST', `${h.base}/nope/accept`), 404, 'not_found');
  });
});

describe('accept and reject', () => {
  it('accept confirms the pending reservation; again changes nothing; a reject after it is refused', async () => {
    const h = await pendingHotel();
    const accepted = await expectStatus(call('POST', `${h.base}/${h.r.channelReservationId}/accept`), 200);
    expect(accepted).toMatchObject({ status: 'imported', reservation_status: 'confirmed' });
    expect((await expectStatus(getReservation(accepted.reservation_id), 200)).status).toBe('confirmed');
    const again = await expectStatus(call('POST', `${h.base}/${h.r.channelReservationId}/accept`), 200);
    expect(again).toMatchObject({ status: 'imported', updated_at: accepted.updated_at });
    await expectProblem(call('POST', `${h.base}/${h.r.channelReservationId}/reject`), 409, 'invalid_state');
    expect(await nightOf(h.roomType.id, inDays(10))).toMatchObject({ taken: 1 });
  });

  it('reject cancels ours, releases its units and queues the acknowledgement with the refusal', async () => {
    const h = await pendingHotel();
    const deps = testDeps();
    const state = await decideChannelReservation(deps, ADMIN, h.ctx.channel.id, h.r.channelReservationId, 'reject');
    await deps.settle();
    expect(state.row?.status).toBe('rejected');
    expect(state.reservation?.row.status).toBe('cancelled');
    expect(await nightOf(h.roomType.id, inDays(10))).toMatchObject({ taken: 0, overbooked: 0 });
    expect(acknowledgements(deps)).toEqual([
      {
        type: 'channels.acknowledge',
        payload: {
          channel_id: h.ctx.channel.id,
          outcome: expect.objectContaining({
            channelReservationId: h.r.channelReservationId,
            status: 'rejected',
            error: { code: 'rejected', text: expect.any(String) },
          }),
        },
      },
    ]);
    await auditChannelInventory(h.hotel.id);
  });

  it('decided through the reservations API first, accept or reject still tells the channel, changing nothing else', async () => {
    const h = await pendingHotel();
    const id = (await channelRow(h.ctx.channel.id, h.r.channelReservationId))?.reservation_id;
    await expectStatus(act(id, 'confirm'), 200);
    const deps = testDeps();
    const state = await decideChannelReservation(deps, ADMIN, h.ctx.channel.id, h.r.channelReservationId, 'accept');
    await deps.settle();
    expect(state.row?.status).toBe('imported');
    expect(state.reservation?.row).toMatchObject({ status: 'confirmed', version: 2 });
    expect(acknowledgements(deps).map((j) => j.payload.outcome)).toEqual([
      expect.objectContaining({ status: 'imported', error: null }),
    ]);

    const other = inbound();
    await importOne(h.ctx, other);
    const otherId = (await channelRow(h.ctx.channel.id, other.channelReservationId))?.reservation_id;
    await expectStatus(act(otherId, 'cancel'), 200);
    const rejected = await expectStatus(call('POST', `${h.base}/${other.channelReservationId}/reject`), 200);
    expect(rejected).toMatchObject({ status: 'rejected', reservation_status: 'cancelled' });
    await expectProblem(call('POST', `${h.base}/${other.channelReservationId}/accept`), 409, 'invalid_state');
    expect(await nightOf(h.roomType.id, inDays(10))).toMatchObject({ taken: 1, overbooked: 0 });
    await auditChannelInventory(h.hotel.id);
  });

  it('accept after a confirm through the API is refused when ours is cancelled meanwhile: the channel hears nothing', async () => {
    const h = await pendingHotel();
    const id = (await channelRow(h.ctx.channel.id, h.r.channelReservationId))?.reservation_id;
    await expectStatus(act(id, 'confirm'), 200);
    // Batch 1 reads ours; batch 2 is the write: the cancellation slips in between.
    const deps = testDeps({ d1: beforeBatch(2, async () => void (await expectStatus(act(id, 'cancel'), 200))) });
    await expect(
      decideChannelReservation(deps, ADMIN, h.ctx.channel.id, h.r.channelReservationId, 'accept'),
    ).rejects.toMatchObject({ code: 'conflict' });
    await deps.settle();
    expect(acknowledgements(deps)).toEqual([]);
    expect(await channelRow(h.ctx.channel.id, h.r.channelReservationId)).toMatchObject({ status: 'pending' });
    expect((await expectStatus(getReservation(id), 200)).status).toBe('cancelled');
  });

  it('reject of an overbooked pending reservation releases the overbooked units', async () => {
    const h = await pendingHotel(); // the one unit is held by it
    const second = inbound();
    await importOne(h.ctx, second);
    expect(await nightOf(h.roomType.id, inDays(10))).toEqual({ inventory: 1, taken: 1, overbooked: 1 });
    await expectStatus(call('POST', `${h.base}/${second.channelReservationId}/reject`), 200);
    expect(await nightOf(h.roomType.id, inDays(10))).toEqual({ inventory: 1, taken: 1, overbooked: 0 });
    await auditChannelInventory(h.hotel.id);
  });
});

describe('channels.acknowledge', () => {
  it('sends the adapter’s acknowledgement, logs it and marks the reservation acknowledged', async () => {
    const h = await pendingHotel();
    const deps = testDeps();
    await decideChannelReservation(deps, ADMIN, h.ctx.channel.id, h.r.channelReservationId, 'accept');
    const [job] = acknowledgements(deps);
    if (!job) throw new Error('no acknowledgement queued');
    const fetch = partner('<OTA_NotifReportRS><Success/></OTA_NotifReportRS>');
    const jobDeps = testDeps({ outbound: createOutbound({ fetch, log: new Logger('error') }) });
    await acknowledgeJobWith({ ota_xml: adapter }).handle(job.payload, jobDeps);
    fetch.assertAllUsed();
    expect(await fetch.requests[0]?.text()).toContain(`s="imported"`);
    expect((await channelRow(h.ctx.channel.id, h.r.channelReservationId))?.acknowledged_at).toEqual(expect.any(Number));
    const log = await env.DB.prepare('SELECT message_type, outcome FROM channel_messages WHERE channel_id = ?')
      .bind(h.ctx.channel.id)
      .all();
    expect(log.results).toEqual([{ message_type: 'OTA_NotifReportRQ', outcome: 'success' }]);
  });

  it('an acknowledgement of an older decision does not mark a newer change of the reservation acknowledged', async () => {
    const h = await pendingHotel();
    const deps = testDeps();
    await decideChannelReservation(deps, ADMIN, h.ctx.channel.id, h.r.channelReservationId, 'accept');
    const [job] = acknowledgements(deps);
    if (!job) throw new Error('no acknowledgement queued');
    // The channel modified it meanwhile (the import writes the new kind and leaves it unacknowledged).
    await env.DB.prepare(
      "UPDATE channel_reservations SET last_kind = 'modify', acknowledged_at = NULL WHERE channel_id = ? AND channel_reservation_id = ?",
    )
      .bind(h.ctx.channel.id, h.r.channelReservationId)
      .run();
    const fetch = partner('<OTA_NotifReportRS><Success/></OTA_NotifReportRS>');
    const jobDeps = testDeps({ outbound: createOutbound({ fetch, log: new Logger('error') }) });
    await acknowledgeJobWith({ ota_xml: adapter }).handle(job.payload, jobDeps);
    expect((await channelRow(h.ctx.channel.id, h.r.channelReservationId))?.acknowledged_at).toBeNull();
  });

  it('a partner answering Errors makes the job fail (the queue retries) and leaves it unacknowledged', async () => {
    const h = await pendingHotel();
    const deps = testDeps();
    await decideChannelReservation(deps, ADMIN, h.ctx.channel.id, h.r.channelReservationId, 'reject');
    const [job] = acknowledgements(deps);
    if (!job) throw new Error('no acknowledgement queued');
    const fetch = partner(
      '<OTA_NotifReportRS><Errors><Error Type="3" Code="450">busy</Error></Errors></OTA_NotifReportRS>',
    );
    const jobDeps = testDeps({ outbound: createOutbound({ fetch, log: new Logger('error') }) });
    await expect(acknowledgeJobWith({ ota_xml: adapter }).handle(job.payload, jobDeps)).rejects.toThrow(
      /acknowledgement/,
    );
    expect((await channelRow(h.ctx.channel.id, h.r.channelReservationId))?.acknowledged_at).toBeNull();
    const channel = await env.DB.prepare('SELECT last_error FROM channels WHERE id = ?')
      .bind(h.ctx.channel.id)
      .first<{ last_error: string }>();
    expect(channel?.last_error).toContain('450 busy');
  });
});

describe('POST …/reimport', () => {
  it('applies a needs_mapping reservation once its code is mapped; nothing else is re-importable', async () => {
    const h = await pendingHotel();
    const twin = await createRoomType(h.hotel.id, { code: 'TWN' });
    await setAri(h.hotel.id, [{ room_type_id: twin.id, from: inDays(0), to: inDays(30), inventory: 2 }]);
    await env.DB.prepare('UPDATE rate_plans SET room_type_ids = ? WHERE id = ?')
      .bind(JSON.stringify([h.roomType.id, twin.id]), h.ratePlan.id)
      .run();
    const r = inbound({ rooms: [inboundRoom({ roomCode: 'TWIN' })] });
    expect((await importOne(h.ctx, r)).status).toBe('needs_mapping');
    await mapCodes(h.ctx.channel.id, twin.id, h.ratePlan.id, 'TWIN', 'BAR');

    const body = await expectStatus(call('POST', `${h.base}/${r.channelReservationId}/reimport`), 200);
    expect(body.outcome).toMatchObject({ status: 'pending', error: null });
    expect(body.channel_reservation).toMatchObject({ status: 'pending', reservation_status: 'pending', problem: null });
    expect(await nightOf(twin.id, inDays(10))).toMatchObject({ taken: 1 });
    await expectProblem(call('POST', `${h.base}/${r.channelReservationId}/reimport`), 409, 'invalid_state');
    await auditChannelInventory(h.hotel.id);
  });
});
