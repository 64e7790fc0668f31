import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../src/index';
import type { ReservationAdapter } from '../../src/modules/channels/adapter';
import type { ImportOutcome } from '../../src/modules/channels/domain';
import type { PullTools } from '../../src/modules/channels/inbound/pull.service';
import { receivePush } from '../../src/modules/channels/inbound/push.service';
import { CHANNEL_TOOLS } from '../../src/modules/channels/inbound/tools';
import { attr, list, parseXml } from '../../src/modules/channels/xml/xml';
import { createHotel } from '../helpers/builders';
import { CONFORMANCE_SKIP_REASON, otaSchemaErrors, SKIP_CONFORMANCE } from '../helpers/conformance';
import { testDeps } from '../helpers/deps';
import { call, expectStatus } from '../helpers/http';
import { otaFixture } from '../helpers/ota-fixtures';
import { CHANNEL_PASSWORD, CHANNEL_USER, insertChannel } from '../helpers/transport-channels';

/**
 * The push route's gate and refusals through the worker (the real providers and import; what they
 * accept end to end is in ota-transport.test.ts), and, called directly with an import that fails, the
 * answer that tells the partner to send again. The hand-made fixture is for hotel code HOTEL-FX.
 */
const FIXTURE_HOTEL = 'HOTEL-FX';

let address = 0;
type SendOptions = {
  auth?: string | null;
  type?: string;
  vars?: Record<string, string>;
  headers?: Record<string, string>;
};
const basic = (user: string, pass: string) => `Basic ${btoa(`${user}:${pass}`)}`;

async function push(channelId: string, body: BodyInit, options: SendOptions = {}) {
  address += 1;
  const headers = new Headers({
    'content-type': options.type ?? 'text/xml; charset=utf-8',
    'cf-connecting-ip': `2001:db8:7::${address.toString(16)}`,
    ...options.headers,
  });
  const auth = options.auth === undefined ? basic(CHANNEL_USER, CHANNEL_PASSWORD) : options.auth;
  if (auth !== null) headers.set('authorization', auth);
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(`http://localhost/api/v1/ota/${channelId}/reservations`, {
      method: 'POST',
      headers,
      body,
      duplex: 'half',
    } as RequestInit),
    { ...env, ...options.vars } as Env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text(), headers: res.headers };
}

/** The one error of an OTA Errors body (Type, Code), and its root. */
function otaError(text: string) {
  const parsed = parseXml(text);
  if (!parsed.ok) throw new Error(`not XML: ${text}`);
  const error = list((parsed.node.Errors as Record<string, never>)?.Error)[0];
  return { root: parsed.root, type: attr(error, 'Type'), code: attr(error, 'Code') };
}

/** The fixture (one reservation, FX-100234, for HOTEL-FX), or it without the reservation's id. */
const COMMIT = otaFixture('commit');
const NO_ID = COMMIT.replace(/<UniqueID Type="14" ID="FX-100234"\/>/, '').replace(
  /<HotelReservationIDs>[\s\S]*?<\/HotelReservationIDs>/,
  '',
);

async function exchanges(channelId: string) {
  const { results } = await env.DB.prepare(
    'SELECT message_type, outcome, http_status FROM channel_messages WHERE channel_id = ? ORDER BY rowid',
  )
    .bind(channelId)
    .all();
  return results;
}

async function storedFor(channelId: string): Promise<number> {
  const row = await env.DB.prepare('SELECT COUNT(*) AS n FROM channel_reservations WHERE channel_id = ?')
    .bind(channelId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

const pushChannel = (hotelId: string, overrides: Parameters<typeof insertChannel>[1] = {}) =>
  insertChannel(hotelId, { mode: 'push', hotelCode: FIXTURE_HOTEL, ...overrides });

describe('POST /api/v1/ota/:channel_id/reservations: who may push', () => {
  it('answers an unknown channel and every wrong credential alike, in OTA, and records nothing', async () => {
    const channel = await pushChannel('htl_push_auth');
    const answers = [
      await push('chn_does_not_exist', COMMIT),
      await push(channel.id, COMMIT, { auth: basic(CHANNEL_USER, 'wrong') }),
      await push(channel.id, COMMIT, { auth: basic('someone', CHANNEL_PASSWORD) }),
      await push(channel.id, COMMIT, { auth: null }),
      await push(channel.id, COMMIT, { auth: 'Bearer abc' }),
    ];
    for (const a of answers) {
      expect(a.status).toBe(401);
      expect(a.type).toMatch(/^application\/xml/);
      expect(a.headers.get('www-authenticate')).toBe('Basic realm="wehub"');
      expect(otaError(a.text)).toEqual({ root: 'OTA_HotelResNotifRS', type: '4', code: '497' });
    }
    expect(new Set(answers.map((a) => a.text.replace(/TimeStamp="[^"]*"/, ''))).size).toBe(1);
    expect(await storedFor(channel.id)).toBe(0);
    expect(await exchanges(channel.id)).toEqual([]);
  });

  it('refuses everything with OTA_INTEGRATION_ENABLED=false, and a disabled channel once authenticated', async () => {
    const channel = await pushChannel('htl_push_off');
    const off = await push(channel.id, COMMIT, { vars: { OTA_INTEGRATION_ENABLED: 'false' } });
    expect(off.status).toBe(503);
    expect(otaError(off.text)).toMatchObject({ type: '13', code: '187' });
    expect(await storedFor(channel.id)).toBe(0);

    const disabled = await pushChannel('htl_push_off', { enabled: false });
    const refused = await push(disabled.id, COMMIT);
    expect(refused.status).toBe(403);
    expect(otaError(refused.text)).toMatchObject({ type: '6', code: '497' });
    // Without the password a disabled channel is any other wrong credential.
    expect((await push(disabled.id, COMMIT, { auth: basic(CHANNEL_USER, 'x') })).status).toBe(401);
    expect(await storedFor(disabled.id)).toBe(0);
  });
});

describe('POST /api/v1/ota/:channel_id/reservations: allowed_ips', () => {
  it('takes a push only from the channel’s ranges (IPv4 and IPv6), refusing others with 403 in OTA', async () => {
    const channel = await pushChannel('htl_push_ips', { allowedIps: ['198.51.100.0/24', '2a05:d018::/32'] });
    const from = (ip: string) => push(channel.id, COMMIT, { headers: { 'cf-connecting-ip': ip } });

    for (const ip of ['203.0.113.9', '2a05:d019::1', '2001:db8:7::1']) {
      const refused = await from(ip);
      expect(refused.status).toBe(403);
      expect(otaError(refused.text)).toMatchObject({ root: 'OTA_HotelResNotifRS', type: '6', code: '497' });
    }
    expect(await storedFor(channel.id)).toBe(0);
    // From outside, a wrong password gets the same 403 as the right one: no password oracle there.
    const outside = { auth: basic(CHANNEL_USER, 'x'), headers: { 'cf-connecting-ip': '203.0.113.9' } };
    expect((await push(channel.id, COMMIT, outside)).status).toBe(403);
    // From inside, a wrong password is a wrong credential.
    const inside = { auth: basic(CHANNEL_USER, 'x'), headers: { 'cf-connecting-ip': '198.51.100.20' } };
    expect((await push(channel.id, COMMIT, inside)).status).toBe(401);

    const ping =
      '<OTA_PingRQ xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="p" Version="1.0"><EchoData>x</EchoData></OTA_PingRQ>';
    for (const ip of ['2a05:d018:12::7', '198.51.100.20']) {
      const res = await push(channel.id, ping, { headers: { 'cf-connecting-ip': ip } });
      expect(res.status).toBe(200);
      expect(res.text).toContain('<Success/>');
    }
  });
});

describe('POST /api/v1/ota/:channel_id/reservations: hotel configuration', () => {
  it('answers pushes 503 in OTA (send again) while the hotel has ota_integration off, and takes them once it is on', async () => {
    const hotel = await createHotel();
    const channel = await pushChannel(hotel.id);
    const switchTo = (enabled: boolean) =>
      expectStatus(
        call('PUT', `/api/v1/hotels/${hotel.id}/integrations`, { body: { ota_integration: { enabled } } }),
        200,
      );
    await switchTo(false);
    // The guest booked at the OTA already: a refusal the partner takes as final (4xx) would lose the
    // reservation; a 503 makes it deliver the message again.
    const held = await push(channel.id, COMMIT);
    expect(held.status).toBe(503);
    expect(otaError(held.text)).toMatchObject({ type: '13', code: '187' });
    expect(await storedFor(channel.id)).toBe(0);
    await switchTo(true);
    const redelivered = await push(channel.id, COMMIT);
    expect(redelivered.status).toBe(200);
    expect(await storedFor(channel.id)).toBe(1);
  });
});

describe('POST /api/v1/ota/:channel_id/reservations: hostile and broken messages', () => {
  const XXE = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>${COMMIT.replace(/^<\?xml[^>]*>/, '').replace('FX-100234', '&x;')}`;
  const LAUGHS = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>${COMMIT.replace(/^<\?xml[^>]*>/, '').replace('FX-100234', '&lol2;')}`;

  it.each([
    ['not XML', 'this is not xml', 400, { root: 'OTA_HotelResNotifRS', type: '7', code: '367' }],
    ['unclosed XML', COMMIT.replace('</OTA_HotelResNotifRQ>', ''), 400, { type: '7', code: '367' }],
    ['an external entity (XXE)', XXE, 400, { type: '7', code: '367' }],
    ['entity expansion (billion laughs)', LAUGHS, 400, { type: '7', code: '367' }],
    ['an empty body', '', 400, { type: '10', code: '321' }],
    [
      'a message we do not take',
      '<OTA_HotelAvailNotifRQ EchoToken="q"/>',
      400,
      { root: 'OTA_HotelResNotifRS', type: '2', code: '146' },
    ],
    ['a reservation without its id', NO_ID, 400, { root: 'OTA_HotelResNotifRS', type: '10', code: '321' }],
  ])(
    'refuses %s with an OTA Errors body, imports nothing and logs the exchange',
    async (_name, body, status, error) => {
      const channel = await pushChannel('htl_push_bad');
      const res = await push(channel.id, body);
      expect(res.status).toBe(status);
      expect(res.type).toMatch(/^application\/xml/);
      expect(otaError(res.text)).toMatchObject(error);
      expect(await storedFor(channel.id)).toBe(0);
      expect(await exchanges(channel.id)).toEqual([expect.objectContaining({ outcome: 'error', http_status: status })]);
    },
  );

  it('refuses a body over 1 MB in OTA, whether it says its length or streams it', async () => {
    const channel = await pushChannel('htl_push_big');
    const big = COMMIT.replace('<POS>', `<!--${'x'.repeat(1_048_600)}--><POS>`);
    const said = await push(channel.id, big);
    expect(said.status).toBe(413);
    expect(said.type).toMatch(/^application\/xml/);
    expect(otaError(said.text)).toMatchObject({ type: '7', code: '743' });

    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 65_536) controller.enqueue(bytes.slice(i, i + 65_536));
        controller.close();
      },
    });
    const streamed = await push(channel.id, stream);
    expect(streamed.status).toBe(413);
    expect(otaError(streamed.text)).toMatchObject({ type: '7', code: '743' });
    expect(await storedFor(channel.id)).toBe(0);
  });

  it('refuses another media type with 415 in OTA', async () => {
    const channel = await pushChannel('htl_push_type');
    const res = await push(channel.id, COMMIT, { type: 'application/json' });
    expect(res.status).toBe(415);
    expect(otaError(res.text)).toMatchObject({ type: '7', code: '367' });
    expect(await storedFor(channel.id)).toBe(0);
  });

  it('answers 503 in OTA (send again) when the reservations cannot be stored, never a 500', async () => {
    const channel = await pushChannel('htl_push_fail');
    const failing: PullTools = {
      adapterFor: CHANNEL_TOOLS.adapterFor,
      importBatch: async () => {
        throw new Error('D1 is unavailable');
      },
    };
    const reply = await receivePush(testDeps(), channel, COMMIT, failing);
    expect(reply.status).toBe(503);
    expect(otaError(reply.body)).toEqual({ root: 'OTA_HotelResNotifRS', type: '13', code: '448' });
    expect(await exchanges(channel.id)).toEqual([
      { message_type: 'OTA_HotelResNotifRQ', outcome: 'error', http_status: 503 },
    ]);
  });
});

describe('POST /api/v1/ota/:channel_id/reservations: answers', () => {
  it('acknowledges what it stored: the provider’s RS for what the import decided', async () => {
    const channel = await pushChannel('htl_push_ok');
    const adapter: ReservationAdapter = CHANNEL_TOOLS.adapterFor('ota_xml');
    const outcome: ImportOutcome = {
      channelReservationId: 'FX-100234',
      kind: 'new',
      status: 'imported',
      confirmationNumber: 'CONF1234',
      error: null,
    };
    const reply = await receivePush(testDeps(), channel, COMMIT, {
      adapterFor: () => adapter,
      importBatch: async () => [outcome],
    });
    expect(reply.status).toBe(200);
    expect(reply.body.replace(/ TimeStamp="[^"]*"/, '')).toBe(
      adapter.answerPush('OTA_HotelResNotifRQ', 'fx-commit-1', [outcome]).replace(/ TimeStamp="[^"]*"/, ''),
    );
    expect(await exchanges(channel.id)).toEqual([
      { message_type: 'OTA_HotelResNotifRQ', outcome: 'success', http_status: 200 },
    ]);
  });

  it('answers OTA_PingRQ with OTA_PingRS echoing its data', async () => {
    const channel = await pushChannel('htl_push_ping');
    const res = await push(
      channel.id,
      '<OTA_PingRQ xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="ping-7" Version="1.0"><EchoData>hello</EchoData></OTA_PingRQ>',
    );
    expect(res.status).toBe(200);
    expect(res.text).toMatch(
      /<OTA_PingRS [^>]*EchoToken="ping-7"[^>]*><Success\/><EchoData>hello<\/EchoData><\/OTA_PingRS>/,
    );
  });
});

describe.skipIf(SKIP_CONFORMANCE)(
  `the push route's own answers ${SKIP_CONFORMANCE ? CONFORMANCE_SKIP_REASON : ''}`,
  () => {
    it('are valid OpenTravel 2015A (Errors and PingRS)', async () => {
      const channel = await pushChannel('htl_push_xsd');
      const refused = await push(channel.id, 'not xml');
      expect(await otaSchemaErrors(refused.text)).toEqual([]);
      const unauthorized = await push(channel.id, 'not xml', { auth: null });
      expect(await otaSchemaErrors(unauthorized.text)).toEqual([]);
      const ping = await push(
        channel.id,
        '<OTA_PingRQ EchoToken="p" Version="1.0"><EchoData>x</EchoData></OTA_PingRQ>',
      );
      expect(await otaSchemaErrors(ping.text)).toEqual([]);
    });
  },
);
