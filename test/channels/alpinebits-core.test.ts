import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ALPINEBITS_ACTIONS, ALPINEBITS_HANDSHAKE, serverOffer } from '../../src/modules/channels/alpinebits/actions';
import { intersectHandshake } from '../../src/modules/channels/alpinebits/handshake-data';
import {
  AB_PASSWORD,
  abAnswer,
  abChannel,
  abPost,
  availableNights,
  expectAbError,
  freeRoomsRq,
  mapCategories,
  pingRq,
} from '../helpers/alpinebits';
import { inDays, setAri } from '../helpers/ari';
import { bookableHotel, createRoomType } from '../helpers/builders';
import { CONFORMANCE_SKIP_REASON, type SchemaName, SKIP_CONFORMANCE, validateXsd } from '../helpers/conformance';
import { call, expectStatus } from '../helpers/http';
import { auditInventory, booked, bookingBody, eventsOf, hotelSnapshot } from '../helpers/reservations';

const FREE_ROOMS = 'OTA_HotelInvCountNotif:FreeRooms';
const PING = 'OTA_Ping:Handshaking';

/** A hotel (one double, 5 units for 90 days) with an AlpineBits channel mapping category DOUBLE to it. */
async function abHotel(options: { user?: string; code?: string } = {}) {
  const h = await bookableHotel({ units: 5 });
  const user = options.user ?? `ab-${crypto.randomUUID().slice(0, 8)}`;
  const code = options.code ?? `H-${crypto.randomUUID().slice(0, 8)}`;
  const channel = await abChannel(h.hotel.id, user, { hotel_code: code });
  await mapCategories(h.hotel.id, channel.id, { DOUBLE: h.roomType });
  return { ...h, user, code, channel };
}

const ariEvents = async (hotelId: string) => (await eventsOf(hotelId)).filter((t) => t === 'ari.updated').length;

async function messagesOf(channelId: string) {
  const { results } = await env.DB.prepare(
    'SELECT message_type, outcome, http_status, direction, request FROM channel_messages WHERE channel_id = ? ORDER BY rowid',
  )
    .bind(channelId)
    .all<{ message_type: string; outcome: string; http_status: number; direction: string; request: string }>();
  return results;
}

describe('POST /api/v1/alpinebits: who may call', () => {
  it('answers a wrong password, an unknown user and no credentials alike: 401 ERROR: with a Basic challenge', async () => {
    const h = await abHotel();
    const request = pingRq([{ version: '2024-10', actions: [{ action: 'action_OTA_Ping' }] }]);
    const replies = [
      await abPost(PING, request, { user: h.user, password: 'wrong' }),
      await abPost(PING, request, { user: 'nobody-here', password: AB_PASSWORD }),
      await abPost(PING, request, { auth: null }),
    ];
    for (const reply of replies) {
      expectAbError(reply, 401, /credentials/i);
      expect(reply.headers.get('www-authenticate')).toMatch(/^Basic /);
    }
    expect(new Set(replies.map((r) => r.text)).size).toBe(1);
    expect(await messagesOf(h.channel.id)).toEqual([]);
  });

  it('refuses a disabled channel and an address outside allowed_ips with 403, once the password matched', async () => {
    const h = await abHotel();
    const request = pingRq([{ version: '2024-10', actions: [{ action: 'action_OTA_Ping' }] }]);
    await expectStatus(
      call('PATCH', `/api/v1/channels/${h.channel.id}`, { body: { allowed_ips: ['203.0.113.0/24'] } }),
      200,
    );
    expectAbError(await abPost(PING, request, { user: h.user, ip: '198.51.100.7' }), 403, /address/);
    expect((await abPost(PING, request, { user: h.user, ip: '203.0.113.9' })).status).toBe(200);

    await expectStatus(call('PATCH', `/api/v1/channels/${h.channel.id}`, { body: { enabled: false } }), 200);
    expectAbError(await abPost(PING, request, { user: h.user, ip: '203.0.113.9' }), 403, /enabled/);
  });

  it('reads multipart/form-data and urlencoded forms alike', async () => {
    const h = await abHotel();
    const request = pingRq([{ version: '2024-10', actions: [{ action: 'action_OTA_Ping' }] }]);
    const multipart = await abPost(PING, request, { user: h.user });
    const urlencoded = await abPost(PING, request, { user: h.user, encoding: 'urlencoded' });
    expect([multipart.status, urlencoded.status]).toEqual([200, 200]);
    expect(abAnswer(urlencoded.text).warnings).toEqual(abAnswer(multipart.text).warnings);
  });

  it('refuses an unknown action, and every action but the handshake without a version it speaks (400 ERROR:)', async () => {
    const h = await abHotel();
    const message = freeRoomsRq(h.code, [[inDays(3), inDays(4), 'DOUBLE', 1]]);
    expectAbError(await abPost('OTA_HotelRatePlanNotif:RatePlans', message, { user: h.user }), 400, /unknown action/);
    expectAbError(await abPost(FREE_ROOMS, message, { user: h.user, version: null }), 400, /ClientProtocolVersion/);
    expectAbError(await abPost(FREE_ROOMS, message, { user: h.user, version: '2018-10' }), 400, /2024-10, 2022-10/);
    expect((await availableNights(h.hotel.id, h.roomType.id, inDays(3), inDays(3)))[inDays(3)]).toBe(5);
    // Logged, so a client stuck on the wrong version shows up in the hotel's message log.
    expect(await messagesOf(h.channel.id)).toMatchObject([
      { message_type: 'OTA_HotelRatePlanNotif:RatePlans', outcome: 'error', http_status: 400 },
      { message_type: FREE_ROOMS, outcome: 'error', http_status: 400 },
      { message_type: FREE_ROOMS, outcome: 'error', http_status: 400 },
    ]);
  });
});

describe('OTA_Ping:Handshaking', () => {
  const clientOffer = (version: string) => ({
    version,
    actions: [
      { action: 'action_OTA_Ping' },
      {
        action: 'action_OTA_HotelInvCountNotif',
        supports: [
          'OTA_HotelInvCountNotif_accept_rooms',
          'OTA_HotelInvCountNotif_accept_categories',
          'OTA_HotelInvCountNotif_accept_deltas',
        ],
      },
      { action: 'action_OTA_HotelRatePlanNotif_RatePlans', supports: ['OTA_HotelRatePlanNotif_accept_overlay'] },
    ],
  });
  const agreed = (version: string) => ({
    version,
    actions: [
      { action: 'action_OTA_Ping' },
      {
        action: 'action_OTA_HotelInvCountNotif',
        supports: ['OTA_HotelInvCountNotif_accept_categories', 'OTA_HotelInvCountNotif_accept_deltas'],
      },
    ],
  });

  it.each(['2024-10', '2022-10'])(
    'answers %s with the intersection, Success and the EchoData echoed',
    async (version) => {
      const h = await abHotel();
      const versions = [clientOffer(version), clientOffer('2018-10')];
      const reply = await abPost(PING, pingRq(versions), { user: h.user, version, clientId: 'pms-1' });
      expect(reply.status, reply.text).toBe(200);
      expect(reply.type).toMatch(/^text\/xml/);
      const answer = abAnswer(reply.text);
      expect(answer).toMatchObject({ root: 'OTA_PingRS', success: true, errors: [] });
      expect(answer.node['@EchoToken']).toBeUndefined();
      expect(answer.warnings).toHaveLength(1);
      expect(answer.warnings[0]).toMatchObject({ type: '11', status: 'ALPINEBITS_HANDSHAKE' });
      expect(JSON.parse(answer.warnings[0]?.text ?? '')).toEqual({ versions: [agreed(version)] });
      expect(JSON.parse(answer.node.EchoData as string)).toEqual({ versions });
      expect(await messagesOf(h.channel.id)).toMatchObject([
        { message_type: 'OTA_PingRQ', outcome: 'success', http_status: 200, direction: 'inbound' },
      ]);
    },
  );

  it('lists every common version newest first, without or with an unknown version header', async () => {
    const h = await abHotel();
    const request = pingRq([clientOffer('2022-10'), clientOffer('2024-10')]);
    for (const version of [null, '2018-10', '2024-10']) {
      const reply = await abPost(PING, request, { user: h.user, version });
      expect(reply.status, reply.text).toBe(200);
      const json = JSON.parse(abAnswer(reply.text).warnings[0]?.text ?? '');
      expect(json).toEqual({ versions: [agreed('2024-10'), agreed('2022-10')] });
    }
  });

  it('refuses a handshake with no version in common, or whose EchoData is not the handshake JSON', async () => {
    const h = await abHotel();
    expectAbError(await abPost(PING, pingRq([clientOffer('2018-10')]), { user: h.user }), 400, /2024-10, 2022-10/);
    const notJson = pingRq([]).replace(/<EchoData>.*<\/EchoData>/, '<EchoData>hello</EchoData>');
    expectAbError(await abPost(PING, notJson, { user: h.user }), 400, /EchoData/);
    expectAbError(await abPost(PING, null, { user: h.user }), 400, /OTA_PingRQ/);
    expect((await messagesOf(h.channel.id)).map((m) => m.outcome)).toEqual(['error', 'error', 'error']);
  });

  it('announces an action only with its handshake name and capabilities (every action has a line)', () => {
    for (const action of Object.keys(ALPINEBITS_ACTIONS)) expect(ALPINEBITS_HANDSHAKE[action], action).toBeDefined();
    const offer = serverOffer();
    expect([...offer.keys()]).toEqual(['2024-10', '2022-10']);
    expect(intersectHandshake({ versions: [{ version: '2024-10' }] }, offer)).toEqual([
      { version: '2024-10', actions: [] },
    ]);
  });
});

describe('OTA_HotelInvCountNotif:FreeRooms', () => {
  it('applies a delta to the ARI: bookable rooms per night, no InvCounts = 0, other nights untouched', async () => {
    const h = await abHotel();
    const before = await ariEvents(h.hotel.id);
    const message = freeRoomsRq(h.code, [
      [inDays(3), inDays(5), 'DOUBLE', 2],
      [inDays(6), inDays(6), 'DOUBLE'],
    ]);
    const reply = await abPost(FREE_ROOMS, message, { user: h.user, version: '2022-10' });
    expect(reply.status, reply.text).toBe(200);
    expect(abAnswer(reply.text)).toMatchObject({ root: 'OTA_HotelInvCountNotifRS', success: true, warnings: [] });
    expect(await availableNights(h.hotel.id, h.roomType.id, inDays(2), inDays(7))).toEqual({
      [inDays(2)]: 5,
      [inDays(3)]: 2,
      [inDays(4)]: 2,
      [inDays(5)]: 2,
      [inDays(6)]: 0,
      [inDays(7)]: 5,
    });
    expect(await ariEvents(h.hotel.id)).toBe(before + 1);
    expect(await messagesOf(h.channel.id)).toMatchObject([
      { message_type: 'OTA_HotelInvCountNotifRQ', outcome: 'success', http_status: 200 },
    ]);
  });

  it('makes the free rooms the count: rooms already sold stay sold on top of it', async () => {
    const h = await abHotel();
    await booked(bookingBody(h, { check_in: inDays(10), check_out: inDays(12) }));
    const reply = await abPost(FREE_ROOMS, freeRoomsRq(h.code, [[inDays(10), inDays(11), 'DOUBLE', 3]]), {
      user: h.user,
    });
    expect(reply.status, reply.text).toBe(200);
    expect(await availableNights(h.hotel.id, h.roomType.id, inDays(10), inDays(11))).toEqual({
      [inDays(10)]: 3,
      [inDays(11)]: 3,
    });
    await auditInventory(h.hotel.id);
  });

  it('changes nothing when the same message comes twice', async () => {
    const h = await abHotel();
    const message = freeRoomsRq(h.code, [[inDays(3), inDays(8), 'DOUBLE', 1]], { completeSet: true });
    expect((await abPost(FREE_ROOMS, message, { user: h.user })).status).toBe(200);
    const events = await ariEvents(h.hotel.id);
    const snapshot = await hotelSnapshot(h.hotel.id);
    const again = await abPost(FREE_ROOMS, message, { user: h.user });
    expect(abAnswer(again.text)).toMatchObject({ success: true, errors: [] });
    expect(await ariEvents(h.hotel.id)).toBe(events);
    expect(await hotelSnapshot(h.hotel.id)).toBe(snapshot);
  });

  it('takes a CompleteSet as everything: unlisted nights and mapped categories 0, closing seasons closed, unmapped untouched', async () => {
    const h = await abHotel();
    const single = await createRoomType(h.hotel.id);
    const unmapped = await createRoomType(h.hotel.id);
    await mapCategories(h.hotel.id, h.channel.id, { DOUBLE: h.roomType, SINGLE: single });
    await setAri(h.hotel.id, [
      { room_type_id: single.id, from: inDays(0), to: inDays(30), inventory: 3 },
      { room_type_id: unmapped.id, from: inDays(0), to: inDays(30), inventory: 2 },
    ]);
    const message = freeRoomsRq(
      h.code,
      [
        [inDays(1), inDays(4), 'DOUBLE', 4],
        [inDays(2), inDays(2), 'SINGLE', 1],
      ],
      { completeSet: true, closing: [[inDays(4), inDays(5)]] },
    );
    const reply = await abPost(FREE_ROOMS, message, { user: h.user });
    expect(reply.status, reply.text).toBe(200);
    expect(await availableNights(h.hotel.id, h.roomType.id, inDays(0), inDays(5))).toEqual({
      [inDays(0)]: 0,
      [inDays(1)]: 4,
      [inDays(2)]: 4,
      [inDays(3)]: 4,
      [inDays(4)]: 0,
      [inDays(5)]: 0,
    });
    const far = await availableNights(h.hotel.id, h.roomType.id, inDays(60), inDays(60));
    expect(far[inDays(60)]).toBe(0);
    expect(await availableNights(h.hotel.id, single.id, inDays(1), inDays(3))).toEqual({
      [inDays(1)]: 0,
      [inDays(2)]: 1,
      [inDays(3)]: 0,
    });
    expect((await availableNights(h.hotel.id, unmapped.id, inDays(1), inDays(1)))[inDays(1)]).toBe(2);
  });

  it('applies an empty CompleteSet as nothing bookable', async () => {
    const h = await abHotel();
    const empty = freeRoomsRq(h.code, [], { completeSet: true }).replace(
      /<Inventories HotelCode="([^"]+)"><\/Inventories>/,
      '<Inventories HotelCode="$1"><Inventory/></Inventories>',
    );
    expect((await abPost(FREE_ROOMS, empty, { user: h.user })).status).toBe(200);
    expect((await availableNights(h.hotel.id, h.roomType.id, inDays(5), inDays(5)))[inDays(5)]).toBe(0);
  });

  const good = (category = 'DOUBLE') =>
    `<Inventory><StatusApplicationControl Start="${inDays(3)}" End="${inDays(4)}" InvTypeCode="${category}"/><InvCounts><InvCount CountType="2" Count="1"/></InvCounts></Inventory>`;
  it.each([
    [
      'End before Start',
      `<Inventory><StatusApplicationControl Start="${inDays(5)}" End="${inDays(4)}" InvTypeCode="DOUBLE"/></Inventory>`,
      '404',
    ],
    ['an unmapped category', good('SUITE'), '402'],
    [
      'a room (InvCode)',
      `<Inventory><StatusApplicationControl Start="${inDays(5)}" End="${inDays(6)}" InvTypeCode="DOUBLE" InvCode="101"/></Inventory>`,
      '402',
    ],
    [
      'a CountType twice',
      `<Inventory><StatusApplicationControl Start="${inDays(5)}" End="${inDays(6)}" InvTypeCode="DOUBLE"/><InvCounts><InvCount CountType="2" Count="1"/><InvCount CountType="2" Count="2"/></InvCounts></Inventory>`,
      '367',
    ],
    [
      'a closing season in a delta',
      `<Inventory><StatusApplicationControl Start="${inDays(5)}" End="${inDays(6)}" AllInvCode="true"/></Inventory>`,
      '367',
    ],
    ['no StatusApplicationControl', '<Inventory/>', '321'],
  ])('refuses a message with %s whole: RS Errors, nothing applied', async (_label, bad, code) => {
    const h = await abHotel();
    const snapshot = await hotelSnapshot(h.hotel.id);
    const message = freeRoomsRq(h.code, []).replace('</Inventories>', `${good()}${bad}</Inventories>`);
    const reply = await abPost(FREE_ROOMS, message, { user: h.user });
    expect(reply.status, reply.text).toBe(200);
    const answer = abAnswer(reply.text);
    expect(answer).toMatchObject({ root: 'OTA_HotelInvCountNotifRS', success: false });
    expect(answer.errors).toMatchObject([{ type: '13', code }]);
    expect(await hotelSnapshot(h.hotel.id)).toBe(snapshot);
    expect(await messagesOf(h.channel.id)).toMatchObject([{ outcome: 'error', http_status: 200 }]);
  });

  it('refuses another hotel’s HotelCode exactly like a code nobody has, and applies nothing there', async () => {
    const a = await abHotel();
    const b = await abHotel();
    const snapshot = await hotelSnapshot(b.hotel.id);
    const other = await abPost(FREE_ROOMS, freeRoomsRq(b.code, [[inDays(3), inDays(4), 'DOUBLE', 1]]), {
      user: a.user,
    });
    const nobody = await abPost(FREE_ROOMS, freeRoomsRq('NOPE', [[inDays(3), inDays(4), 'DOUBLE', 1]]), {
      user: a.user,
    });
    for (const reply of [other, nobody]) {
      expect(reply.status).toBe(200);
      expect(abAnswer(reply.text).errors).toMatchObject([{ type: '13', code: '392' }]);
    }
    const strip = (r: { text: string }) => r.text.replace(/TimeStamp="[^"]*"/, '').replace(/HotelCode \S+/, '');
    expect(strip(other)).toBe(strip(nobody));
    expect(await hotelSnapshot(b.hotel.id)).toBe(snapshot);
  });

  it('lets one client account serve several hotels: the HotelCode picks the channel, its log and the audit actor', async () => {
    const user = `ab-${crypto.randomUUID().slice(0, 8)}`;
    const a = await abHotel({ user });
    const b = await abHotel({ user });
    const reply = await abPost(FREE_ROOMS, freeRoomsRq(b.code, [[inDays(3), inDays(3), 'DOUBLE', 1]]), { user });
    expect(reply.status, reply.text).toBe(200);
    expect((await availableNights(b.hotel.id, b.roomType.id, inDays(3), inDays(3)))[inDays(3)]).toBe(1);
    expect((await availableNights(a.hotel.id, a.roomType.id, inDays(3), inDays(3)))[inDays(3)]).toBe(5);
    expect(await messagesOf(b.channel.id)).toHaveLength(1);
    expect(await messagesOf(a.channel.id)).toHaveLength(0);
    const { results } = await env.DB.prepare(
      "SELECT actor_type, actor_id FROM audit_logs WHERE hotel_id = ? AND action LIKE 'ari%' ORDER BY created_at, id",
    )
      .bind(b.hotel.id)
      .all<{ actor_type: string; actor_id: string }>();
    // The admin's row is the builder's ARI; the FreeRooms write is the channel's.
    expect(results).toEqual([
      { actor_type: 'admin', actor_id: 'admin' },
      { actor_type: 'channel', actor_id: b.channel.id },
    ]);
  });

  it('answers 503 ERROR: (send again) while the hotel has OTA connectivity off, and applies nothing', async () => {
    const h = await abHotel();
    await expectStatus(
      call('PUT', `/api/v1/hotels/${h.hotel.id}/integrations`, { body: { ota_integration: { enabled: false } } }),
      200,
    );
    const snapshot = await hotelSnapshot(h.hotel.id);
    const reply = await abPost(FREE_ROOMS, freeRoomsRq(h.code, [[inDays(3), inDays(4), 'DOUBLE', 1]]), {
      user: h.user,
    });
    expectAbError(reply, 503, /send again/);
    expect(await hotelSnapshot(h.hotel.id)).toBe(snapshot);
  });

  it('warns about nights beyond the horizon, and refuses a request that is not the message', async () => {
    const h = await abHotel();
    const far = await abPost(FREE_ROOMS, freeRoomsRq(h.code, [[inDays(3), inDays(900), 'DOUBLE', 1]]), {
      user: h.user,
    });
    expect(abAnswer(far.text)).toMatchObject({ success: true, warnings: [{ type: '3' }] });
    expectAbError(await abPost(FREE_ROOMS, null, { user: h.user }), 400, /missing/);
    expectAbError(
      await abPost(FREE_ROOMS, '<OTA_PingRQ/>', { user: h.user }),
      400,
      /expected OTA_HotelInvCountNotifRQ/,
    );
    expectAbError(await abPost(FREE_ROOMS, 'not xml', { user: h.user }), 400, /XML/);
  });
});

describe.skipIf(SKIP_CONFORMANCE)(
  `every answer validates against the version's alpinebits.xsd ${SKIP_CONFORMANCE ? CONFORMANCE_SKIP_REASON : ''}`,
  () => {
    const schema = (version: string) => `alpinebits-${version}/alpinebits.xsd` as SchemaName;
    const expectValid = async (xml: string, version: string) =>
      expect((await validateXsd(xml, schema(version))).errors, xml).toEqual([]);

    it.each(['2024-10', '2022-10'])(
      '%s: the handshake, and FreeRooms success, warning and error answers',
      async (version) => {
        const h = await abHotel();
        const ping = pingRq([
          {
            version,
            actions: [
              { action: 'action_OTA_Ping' },
              { action: 'action_OTA_HotelInvCountNotif', supports: ['OTA_HotelInvCountNotif_accept_deltas'] },
            ],
          },
        ]);
        const delta = freeRoomsRq(h.code, [
          [inDays(3), inDays(4), 'DOUBLE', 2],
          [inDays(5), inDays(5), 'DOUBLE'],
        ]);
        const completeSet = freeRoomsRq(h.code, [[inDays(3), inDays(900), 'DOUBLE', 1]], {
          completeSet: true,
          closing: [[inDays(30), inDays(40)]],
        });
        const unknownCategory = freeRoomsRq(h.code, [[inDays(3), inDays(4), 'SUITE', 1]]);
        for (const request of [ping, delta, completeSet, unknownCategory]) await expectValid(request, version);

        const answers = [
          await abPost(PING, ping, { user: h.user, version }),
          await abPost(FREE_ROOMS, delta, { user: h.user, version }),
          await abPost(FREE_ROOMS, completeSet, { user: h.user, version }),
          await abPost(FREE_ROOMS, unknownCategory, { user: h.user, version }),
        ];
        expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
        expect(
          answers.map((a) => abAnswer(a.text)).map((a) => [a.success, a.warnings.length, a.errors.length]),
        ).toEqual([
          [true, 1, 0],
          [true, 0, 0],
          [true, 1, 0],
          [false, 0, 1],
        ]);
        for (const answer of answers) {
          expect(answer.text).not.toMatch(/EchoToken/);
          await expectValid(answer.text, version);
        }
        // The schema does refuse what AlpineBits roots may not carry.
        const withEchoToken = answers[0]?.text.replace('<OTA_PingRS ', '<OTA_PingRS EchoToken="x" ') ?? '';
        expect((await validateXsd(withEchoToken, schema(version))).errors).not.toEqual([]);
      },
    );
  },
);
