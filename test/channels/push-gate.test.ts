import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import type { ReservationAdapter } from '../../src/modules/channels/adapter';
import type { ImportOutcome, InboundReservation } from '../../src/modules/channels/domain';
import type { PullTools } from '../../src/modules/channels/inbound/pull.service';
import { otaPushRoutes } from '../../src/modules/channels/inbound/push.routes';
import { attr, list, parseXml } from '../../src/modules/channels/xml/xml';
import { CHANNEL_PASSWORD, CHANNEL_USER, insertChannel } from '../helpers/channel-rows';
import { CONFORMANCE_SKIP_REASON, otaSchemaErrors, SKIP_CONFORMANCE } from '../helpers/conformance';

/**
 * The push route's gate and its answers, with a miniature provider and import (the real ones are
 * exercised end to end in ota-push.test.ts): `<R Id HotelCode/>` elements are reservations.
 */
const imported: string[][] = [];
let importFails = false;

function reservation(r: Record<string, unknown>): InboundReservation {
  return {
    channelReservationId: String(r['@Id']),
    kind: 'new',
    hotelCode: (r['@HotelCode'] as string | undefined) ?? null,
    createdAt: null,
    currency: 'EUR',
    totalAmount: 100,
    rooms: [],
    guest: { firstName: 'A', lastName: 'B', email: null, phone: null, country: null },
    specialRequests: null,
    card: null,
    channelCollect: false,
  };
}

const adapter: ReservationAdapter = {
  pullRequests: () => [],
  readPulled: () => ({ ok: false, refusal: { reason: 'empty', message: 'not used' } }),
  acknowledge: () => null,
  readPushed: (text) => {
    const parsed = parseXml(text);
    if (!parsed.ok) return { ok: false, refusal: parsed.refusal };
    if (parsed.node.Broken !== undefined)
      return { ok: false, refusal: { reason: 'malformed', message: 'no HotelReservations' } };
    return {
      ok: true,
      reservations: list(parsed.node.R).map(reservation),
      answer: { outcome: 'success', warnings: [], errors: [] },
    };
  },
  answerPush: (root, echoToken, outcomes) =>
    `<${root.replace(/RQ$/, 'RS')} EchoToken="${echoToken}"><Success/>${outcomes.map((o) => `<C Id="${o.channelReservationId}" Conf="${o.confirmationNumber}"/>`).join('')}</${root.replace(/RQ$/, 'RS')}>`,
};

const tools: PullTools = {
  adapterFor: () => adapter,
  importBatch: async (_deps, _ctx, batch) => {
    if (importFails) throw new Error('D1 is unavailable');
    imported.push(batch.map((r) => r.channelReservationId));
    return batch.map(
      (r): ImportOutcome => ({
        channelReservationId: r.channelReservationId,
        kind: r.kind,
        status: 'imported',
        confirmationNumber: `res_${r.channelReservationId}`,
        error: null,
      }),
    );
  },
};

const app = createApp();
app.route('/api/v1', otaPushRoutes(tools));

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
  const res = await app.fetch(
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

const RES_NOTIF = (ids: string[], extra = '') =>
  `<?xml version="1.0"?><OTA_HotelResNotifRQ xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="e-1" Version="1.0">${ids.map((id) => `<R Id="${id}" HotelCode="HOTEL1"/>`).join('')}${extra}</OTA_HotelResNotifRQ>`;

async function exchanges(channelId: string) {
  const { results } = await env.DB.prepare(
    'SELECT message_type, outcome, http_status FROM channel_messages WHERE channel_id = ? ORDER BY rowid',
  )
    .bind(channelId)
    .all();
  return results;
}

describe('POST /api/v1/ota/:channel_id/reservations: who may push', () => {
  it('answers an unknown channel and every wrong credential alike, in OTA, and records nothing', async () => {
    const channel = await insertChannel('htl_push_auth', { mode: 'push' });
    const before = imported.length;
    const answers = [
      await push('chn_does_not_exist', RES_NOTIF(['X1'])),
      await push(channel.id, RES_NOTIF(['X1']), { auth: basic(CHANNEL_USER, 'wrong') }),
      await push(channel.id, RES_NOTIF(['X1']), { auth: basic('someone', CHANNEL_PASSWORD) }),
      await push(channel.id, RES_NOTIF(['X1']), { auth: null }),
      await push(channel.id, RES_NOTIF(['X1']), { auth: 'Bearer abc' }),
    ];
    for (const a of answers) {
      expect(a.status).toBe(401);
      expect(a.type).toMatch(/^application\/xml/);
      expect(a.headers.get('www-authenticate')).toBe('Basic realm="wehub"');
      expect(otaError(a.text)).toEqual({ root: 'OTA_HotelResNotifRS', type: '4', code: '497' });
    }
    expect(new Set(answers.map((a) => a.text.replace(/TimeStamp="[^"]*"/, ''))).size).toBe(1);
    expect(imported.length).toBe(before);
    expect(await exchanges(channel.id)).toEqual([]);
  });

  it('refuses everything with OTA_INTEGRATION_ENABLED=false, and a disabled channel once authenticated', async () => {
    const channel = await insertChannel('htl_push_off', { mode: 'push' });
    const off = await push(channel.id, RES_NOTIF(['Y1']), { vars: { OTA_INTEGRATION_ENABLED: 'false' } });
    expect(off.status).toBe(503);
    expect(otaError(off.text)).toMatchObject({ type: '13', code: '187' });

    const disabled = await insertChannel('htl_push_off', { mode: 'push', enabled: false });
    const refused = await push(disabled.id, RES_NOTIF(['Y2']));
    expect(refused.status).toBe(403);
    expect(otaError(refused.text)).toMatchObject({ type: '6', code: '497' });
    // Without the password a disabled channel is any other wrong credential.
    expect((await push(disabled.id, RES_NOTIF(['Y2']), { auth: basic(CHANNEL_USER, 'x') })).status).toBe(401);
    expect(imported.flat()).not.toEqual(expect.arrayContaining(['Y1']));
    expect(imported.flat()).not.toContain('Y2');
  });
});

describe('POST /api/v1/ota/:channel_id/reservations: hostile and broken messages', () => {
  const XXE = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><OTA_HotelResNotifRQ><R Id="Z1">&x;</R></OTA_HotelResNotifRQ>`;
  const LAUGHS = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><OTA_HotelResNotifRQ><R Id="&lol2;"/></OTA_HotelResNotifRQ>`;

  it.each([
    ['not XML', 'this is not xml', 400, { type: '7', code: '367' }],
    ['unclosed XML', RES_NOTIF(['Z0']).replace('</OTA_HotelResNotifRQ>', ''), 400, { type: '7', code: '367' }],
    ['an external entity (XXE)', XXE, 400, { type: '7', code: '367' }],
    ['entity expansion (billion laughs)', LAUGHS, 400, { type: '7', code: '367' }],
    ['an empty body', '', 400, { type: '10', code: '321' }],
    [
      'a message we do not take',
      '<OTA_HotelAvailNotifRQ EchoToken="q"/>',
      400,
      { root: 'OTA_HotelResNotifRS', type: '2', code: '146' },
    ],
    [
      'a reservation message the provider cannot read',
      RES_NOTIF(['Z3'], '<Broken/>'),
      400,
      { root: 'OTA_HotelResNotifRS', type: '7', code: '367' },
    ],
    [
      'a reservation of another hotel',
      RES_NOTIF(['Z4']).replace('HotelCode="HOTEL1"', 'HotelCode="OTHER"'),
      400,
      { type: '3', code: '392' },
    ],
  ])(
    'refuses %s with an OTA Errors body, imports nothing and logs the exchange',
    async (_name, body, status, error) => {
      const channel = await insertChannel('htl_push_bad', { mode: 'push' });
      const before = imported.length;
      const res = await push(channel.id, body);
      expect(res.status).toBe(status);
      expect(res.type).toMatch(/^application\/xml/);
      expect(otaError(res.text)).toMatchObject(error);
      expect(imported.length).toBe(before);
      expect(await exchanges(channel.id)).toEqual([expect.objectContaining({ outcome: 'error', http_status: status })]);
    },
  );

  it('refuses a body over 1 MB in OTA, whether it says its length or streams it', async () => {
    const channel = await insertChannel('htl_push_big', { mode: 'push' });
    const big = RES_NOTIF(['B1'], `<Pad>${'x'.repeat(1_048_600)}</Pad>`);
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
    expect(imported.flat()).not.toContain('B1');
  });

  it('refuses another media type with 415 in OTA', async () => {
    const channel = await insertChannel('htl_push_type', { mode: 'push' });
    const res = await push(channel.id, RES_NOTIF(['M1']), { type: 'application/json' });
    expect(res.status).toBe(415);
    expect(otaError(res.text)).toMatchObject({ type: '7', code: '367' });
  });

  it('answers 503 in OTA (send again) when the reservations cannot be stored, never a 500', async () => {
    const channel = await insertChannel('htl_push_fail', { mode: 'push' });
    importFails = true;
    try {
      const res = await push(channel.id, RES_NOTIF(['F1']));
      expect(res.status).toBe(503);
      expect(otaError(res.text)).toMatchObject({ type: '13', code: '448' });
    } finally {
      importFails = false;
    }
  });
});

describe('POST /api/v1/ota/:channel_id/reservations: answers', () => {
  it('imports a pushed message and answers with the provider’s RS, acknowledging what was stored', async () => {
    const channel = await insertChannel('htl_push_ok', { mode: 'push' });
    const res = await push(channel.id, RES_NOTIF(['P1', 'P2']), { type: 'application/xml' });
    expect(res.status).toBe(200);
    expect(res.text).toBe(
      '<OTA_HotelResNotifRS EchoToken="e-1"><Success/><C Id="P1" Conf="res_P1"/><C Id="P2" Conf="res_P2"/></OTA_HotelResNotifRS>',
    );
    expect(imported.at(-1)).toEqual(['P1', 'P2']);
    expect(await exchanges(channel.id)).toEqual([
      { message_type: 'OTA_HotelResNotifRQ', outcome: 'success', http_status: 200 },
    ]);
  });

  it('answers OTA_PingRQ with OTA_PingRS echoing its data', async () => {
    const channel = await insertChannel('htl_push_ping', { mode: 'push' });
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
      const channel = await insertChannel('htl_push_xsd', { mode: 'push' });
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
