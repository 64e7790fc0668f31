import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../src/index';
import { Logger } from '../../src/lib/log';
import { createOutbound } from '../../src/lib/outbound';
import { ariSendJob } from '../../src/modules/channels/ari-push/send.job';
import { acknowledgeJobWith } from '../../src/modules/channels/inbound/acknowledge.job';
import { RESERVATION_ADAPTERS } from '../../src/modules/channels/providers/reservation-adapters';
import { attr, list, parseXml } from '../../src/modules/channels/xml/xml';
import { inDays } from '../helpers/ari';
import { bookableHotel } from '../helpers/builders';
import { aChannel, channelRow, importNow, inbound, inboundRoom } from '../helpers/channel-import';
import { insertMapping } from '../helpers/channel-rows';
import { testDeps } from '../helpers/deps';
import { otaFixture } from '../helpers/ota-fixtures';
import { fakeFetch } from '../helpers/outbound';
import { CHANNEL_PASSWORD, CHANNEL_USER, insertChannel } from '../helpers/transport-channels';

/**
 * What a hostile or broken partner can send or answer, beyond push-gate.test.ts: messages the XML
 * parser itself gives up on, answers that would not fit in memory, card data where redaction must
 * still find it.
 */
const COMMIT = otaFixture('commit');

let address = 0;
async function push(channelId: string, body: string) {
  address += 1;
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(`http://localhost/api/v1/ota/${channelId}/reservations`, {
      method: 'POST',
      headers: {
        'content-type': 'text/xml; charset=utf-8',
        'cf-connecting-ip': `2001:db8:8::${address.toString(16)}`,
        authorization: `Basic ${btoa(`${CHANNEL_USER}:${CHANNEL_PASSWORD}`)}`,
      },
      body,
    }),
    env as Env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return { status: res.status, text: await res.text() };
}

function otaError(text: string) {
  const parsed = parseXml(text);
  if (!parsed.ok) throw new Error(`not XML: ${text}`);
  const error = list((parsed.node.Errors as Record<string, never>)?.Error)[0];
  return { root: parsed.root, type: attr(error, 'Type'), code: attr(error, 'Code') };
}

async function exchanges(channelId: string) {
  const { results } = await env.DB.prepare(
    'SELECT outcome, http_status FROM channel_messages WHERE channel_id = ? ORDER BY rowid',
  )
    .bind(channelId)
    .all();
  return results;
}

describe('POST /api/v1/ota/:channel_id/reservations: messages the parser gives up on', () => {
  const DEEP = COMMIT.replace('<POS>', `${'<X>'.repeat(500)}${'</X>'.repeat(500)}<POS>`);
  const PROTO = COMMIT.replace('<POS>', '<__proto__><polluted>1</polluted></__proto__><POS>');

  it.each([
    ['500 levels deep', DEEP],
    ['an element named __proto__', PROTO],
  ])('refuses one %s as unreadable (400, OTA Errors), not as our failure to retry', async (_name, body) => {
    const channel = await insertChannel('htl_hostile_parse', { mode: 'push', hotelCode: 'HOTEL-FX' });
    const res = await push(channel.id, body);
    expect(res.status).toBe(400);
    expect(otaError(res.text)).toMatchObject({ root: 'OTA_HotelResNotifRS', type: '7', code: '367' });
    expect(await exchanges(channel.id)).toEqual([{ outcome: 'error', http_status: 400 }]);
  });
});

/** A partner answer of `megabytes` MB that counts how much of it was read. */
function hugeAnswer(megabytes: number) {
  const chunk = new TextEncoder().encode(`<!--${'x'.repeat(65_529)}-->`);
  const counter = { pulled: 0 };
  const response = () =>
    new Response(
      new ReadableStream<Uint8Array>({
        pull(controller) {
          if (counter.pulled >= megabytes * 1_048_576) return controller.close();
          counter.pulled += chunk.byteLength;
          controller.enqueue(chunk);
        },
      }),
      { status: 200, headers: { 'content-type': 'text/xml' } },
    );
  return { counter, response };
}

async function lastLogged(channelId: string) {
  return env.DB.prepare(
    'SELECT outcome, response, detail FROM channel_messages WHERE channel_id = ? ORDER BY rowid DESC LIMIT 1',
  )
    .bind(channelId)
    .first<{ outcome: string; response: string | null; detail: string | null }>();
}

describe('a partner answering far more than any OTA answer', () => {
  it('is read no further than the inbound limit by the ARI send job, and the push fails', async () => {
    const h = await bookableHotel();
    const channel = await insertChannel(h.hotel.id, { endpointUrl: 'http://ota.test/ari' });
    await insertMapping(channel.id, h.roomType.id, h.ratePlan.id, { room: 'DBL', rate: 'BAR' });
    const answer = hugeAnswer(24);
    const fetch = fakeFetch([{ method: 'POST', url: 'http://ota.test/ari', reply: answer.response }]);
    const deps = testDeps({ outbound: createOutbound({ fetch, log: new Logger('error') }) });
    const payload = {
      channel_id: channel.id,
      kind: 'availability' as const,
      from: inDays(1),
      to: inDays(3),
      room_type_ids: [h.roomType.id],
    };
    await expect(ariSendJob.handle(payload, deps, { attempts: 1 })).rejects.toThrow();
    expect(answer.counter.pulled).toBeLessThan(3 * 1_048_576);
    expect(await lastLogged(channel.id)).toMatchObject({ outcome: 'failed', response: null });
  });

  it('is read no further than the inbound limit by the acknowledgement job, and the job fails', async () => {
    const channel = await insertChannel('htl_hostile_ack', { endpointUrl: 'http://ota.test/ack' });
    const answer = hugeAnswer(24);
    const fetch = fakeFetch([{ method: 'POST', url: 'http://ota.test/ack', reply: answer.response }]);
    const deps = testDeps({ outbound: createOutbound({ fetch, log: new Logger('error') }) });
    const outcome = {
      channelReservationId: 'R-1',
      kind: 'new' as const,
      status: 'imported' as const,
      confirmationNumber: 'C-1',
      error: null,
    };
    await expect(
      acknowledgeJobWith(RESERVATION_ADAPTERS).handle({ channel_id: channel.id, outcome }, deps),
    ).rejects.toThrow(/acknowledgement/);
    expect(answer.counter.pulled).toBeLessThan(3 * 1_048_576);
    expect(await lastLogged(channel.id)).toMatchObject({ outcome: 'failed', response: null });
  });
});

describe('a reservation priced beyond what an amount can be', () => {
  it('is kept as failed, and the rest of its batch is imported (one bad price does not block the channel)', async () => {
    const h = await bookableHotel();
    const ctx = await aChannel(h.hotel.id, { map: { roomTypeId: h.roomType.id, ratePlanId: h.ratePlan.id } });
    // `AmountAfterTax="999…9"` (400 digits) reads as Infinity; 20 digits as more than a safe integer.
    const night = (amount: number) => [inboundRoom({ nightly: [{ date: inDays(10), amount }] })];
    const endless = inbound({ rooms: night(Number.POSITIVE_INFINITY) });
    const huge = inbound({ totalAmount: 1e22 });
    const fine = inbound();
    const outcomes = await importNow(ctx, endless, huge, fine);
    expect(outcomes.map((o) => o.status)).toEqual(['failed', 'failed', 'imported']);
    expect(outcomes[0]?.error?.text).toMatch(/amount/);
    expect(await channelRow(ctx.channel.id, endless.channelReservationId)).toMatchObject({ status: 'failed' });
  });
});

describe('a reservation with more guests than a number holds', () => {
  it('is kept as failed, and the rest of its batch is imported', async () => {
    const h = await bookableHotel();
    const ctx = await aChannel(h.hotel.id, { map: { roomTypeId: h.roomType.id, ratePlanId: h.ratePlan.id } });
    // `<GuestCount Count="100000000000000000000"/>` reads as an integer beyond 2^53.
    const crowd = inbound({ rooms: [inboundRoom({ adults: 1e20 })] });
    const fine = inbound();
    const outcomes = await importNow(ctx, crowd, fine);
    expect(outcomes.map((o) => o.status)).toEqual(['failed', 'imported']);
    expect(outcomes[0]?.error?.text).toMatch(/guest/);
  });
});

describe('the message log of a refused push', () => {
  it('keeps no card number in its detail, even where the parser quotes the message', async () => {
    const channel = await insertChannel('htl_hostile_detail', { mode: 'push', hotelCode: 'HOTEL-FX' });
    // The well-formedness error names the offending tag: here, a card number.
    const res = await push(channel.id, '<OTA_HotelResNotifRQ><4111111111111111/></OTA_HotelResNotifRQ>');
    expect(res.status).toBe(400);
    const row = await env.DB.prepare('SELECT request, response, detail FROM channel_messages WHERE channel_id = ?')
      .bind(channel.id)
      .first<Record<string, string>>();
    expect(row?.detail).toMatch(/ERR 367/);
    expect(JSON.stringify(row)).not.toContain('4111111111111111');
  });
});
