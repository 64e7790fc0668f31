import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { inDays } from '../helpers/ari';
import { createChannel } from '../helpers/channel-builders';
import { auditChannelInventory } from '../helpers/channel-import';
import { CONFORMANCE_SKIP_REASON, SKIP_CONFORMANCE, validateXsd } from '../helpers/conformance';
import { call, expectStatus } from '../helpers/http';
import {
  act,
  auditInventory,
  bookableHotel,
  booked,
  bookingBody,
  hotelSnapshot,
  modify,
  takenOn,
} from '../helpers/reservations';

const VERSIONS = ['2022-10', '2024-10'] as const;
type Version = (typeof VERSIONS)[number];

type Client = { username: string; password: string; hotelCode: string; channelId: string };

/** A bookable hotel with an `alpinebits` channel (its own client account) mapping DBL/BAR onto its room and plan. */
async function abHotel(options: { units?: number; autoAccept?: boolean } = {}) {
  const h = await bookableHotel({ units: options.units ?? 5 });
  const username = `ab-${crypto.randomUUID()}`;
  const password = `pw-${crypto.randomUUID()}`;
  const hotelCode = `H${crypto.randomUUID().slice(0, 8)}`;
  const channel = await createChannel(h.hotel.id, {
    provider: 'alpinebits',
    name: 'PMS',
    endpoint_url: undefined,
    credentials: { username, password },
    hotel_code: hotelCode,
    auto_accept: options.autoAccept ?? true,
  });
  await expectStatus(
    call('PUT', `/api/v1/channels/${channel.id}/mappings`, {
      body: [
        {
          room_type_id: h.roomType.id,
          rate_plan_id: h.ratePlan.id,
          channel_room_code: 'DBL',
          channel_rate_code: 'BAR',
        },
      ],
    }),
    200,
  );
  const client: Client = { username, password, hotelCode, channelId: channel.id };
  return { ...h, client };
}

/** One AlpineBits request as a client sends it: multipart `action` + `request`, HTTP Basic, the version header. */
async function ab(
  client: Pick<Client, 'username' | 'password'>,
  action: string,
  request: string,
  version: Version = '2024-10',
): Promise<{ status: number; body: string }> {
  const form = new FormData();
  form.set('action', action);
  form.set('request', request);
  const response = await exports.default.fetch(
    new Request('http://localhost/api/v1/alpinebits', {
      method: 'POST',
      headers: {
        authorization: `Basic ${btoa(`${client.username}:${client.password}`)}`,
        'x-alpinebits-clientprotocolversion': version,
        'x-alpinebits-clientid': 'test-pms',
      },
      body: form,
    }),
  );
  return { status: response.status, body: await response.text() };
}

const OTA = 'xmlns="http://www.opentravel.org/OTA/2003/05"';

function readRQ(hotelCode: string, start?: string): string {
  const criteria = start ? `<SelectionCriteria Start="${start}"/>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?><OTA_ReadRQ ${OTA} Version="1.001"><ReadRequests><HotelReadRequest HotelCode="${hotelCode}">${criteria}</HotelReadRequest></ReadRequests></OTA_ReadRQ>`;
}

function notifReportRQ(ids: { id: string; type: 14 | 15 }[]): string {
  const items = ids.map((i) => `<HotelReservation><UniqueID Type="${i.type}" ID="${i.id}"/></HotelReservation>`);
  return `<?xml version="1.0" encoding="UTF-8"?><OTA_NotifReportRQ ${OTA} Version="1.000"><Success/><NotifDetails><HotelNotifReport><HotelReservations>${items.join('')}</HotelReservations></HotelNotifReport></NotifDetails></OTA_NotifReportRQ>`;
}

type Pushed = {
  id: string;
  status?: 'Reserved' | 'Modify' | 'Cancelled' | 'Requested';
  hotelCode: string;
  from?: number;
  to?: number;
};

function resNotifRQ(reservations: Pushed[]): string {
  const items = reservations.map((r) => {
    const status = r.status ?? 'Reserved';
    if (status === 'Cancelled') {
      return `<HotelReservation CreateDateTime="2026-01-01T10:00:00Z" ResStatus="Cancelled"><UniqueID Type="15" ID="${r.id}"/><ResGlobalInfo><BasicPropertyInfo HotelCode="${r.hotelCode}"/></ResGlobalInfo></HotelReservation>`;
    }
    const from = inDays(r.from ?? 20);
    const to = inDays(r.to ?? 22);
    return `<HotelReservation CreateDateTime="2026-01-01T10:00:00Z" ResStatus="${status}">
      <UniqueID Type="14" ID="${r.id}"/>
      <RoomStays><RoomStay>
        <RoomTypes><RoomType RoomTypeCode="DBL"/></RoomTypes>
        <RatePlans><RatePlan RatePlanCode="BAR"><MealsIncluded MealPlanIndicator="true" MealPlanCodes="3"/></RatePlan></RatePlans>
        <GuestCounts><GuestCount Count="2"/></GuestCounts>
        <TimeSpan Start="${from}" End="${to}"/>
        <Guarantee><GuaranteesAccepted><GuaranteeAccepted><PaymentCard CardCode="VI" ExpireDate="1230"><CardHolderName>Otto Mustermann</CardHolderName><CardNumber><PlainText>4444333322221111</PlainText></CardNumber></PaymentCard></GuaranteeAccepted></GuaranteesAccepted></Guarantee>
        <Total AmountAfterTax="299.00" CurrencyCode="EUR"/>
      </RoomStay></RoomStays>
      <ResGuests><ResGuest><Profiles><ProfileInfo><Profile><Customer>
        <PersonName><GivenName>Otto</GivenName><Surname>Mustermann</Surname></PersonName>
        <Email>otto@example.com</Email>
      </Customer></Profile></ProfileInfo></Profiles></ResGuest></ResGuests>
      <ResGlobalInfo><BasicPropertyInfo HotelCode="${r.hotelCode}"/></ResGlobalInfo>
    </HotelReservation>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?><OTA_HotelResNotifRQ ${OTA} Version="1.000"><HotelReservations>${items.join('')}</HotelReservations></OTA_HotelResNotifRQ>`;
}

/** The HotelReservations of an answer: `ResStatus UniqueID-Type ID` each, in order. */
function reservationsIn(xml: string): string[] {
  return [...xml.matchAll(/<HotelReservation\b([^>]*)><UniqueID Type="(\d+)" ID="([^"]+)"\/>/g)].map((m) =>
    [/ResStatus="(\w+)"/.exec(m[1] ?? '')?.[1] ?? '-', m[2], m[3]].join(' '),
  );
}

async function expectValid(xml: string, version: Version): Promise<void> {
  if (SKIP_CONFORMANCE) return;
  const { errors } = await validateXsd(xml, `alpinebits-${version}/alpinebits.xsd`);
  expect(errors, xml).toEqual([]);
}

async function read(client: Client, version: Version = '2024-10', start?: string) {
  const answer = await ab(client, 'OTA_Read:GuestRequests', readRQ(client.hotelCode, start), version);
  expect(answer.status, answer.body).toBe(200);
  await expectValid(answer.body, version);
  return answer.body;
}

async function acknowledge(client: Client, ids: { id: string; type: 14 | 15 }[], version: Version = '2024-10') {
  const request = notifReportRQ(ids);
  await expectValid(request, version);
  const answer = await ab(client, 'OTA_NotifReport:GuestRequests', request, version);
  expect(answer.status, answer.body).toBe(200);
  await expectValid(answer.body, version);
  return answer.body;
}

async function push(client: Client, reservations: Pushed[], version: Version = '2024-10') {
  const request = resNotifRQ(reservations);
  await expectValid(request, version);
  const answer = await ab(client, 'OTA_HotelResNotif:GuestRequests', request, version);
  expect(answer.status, answer.body).toBe(200);
  await expectValid(answer.body, version);
  return answer.body;
}

/** Turns the hotel's OTA connectivity off (the hotel's switch for every channel). */
async function otaOff(hotelId: string) {
  await expectStatus(
    call('PUT', `/api/v1/hotels/${hotelId}/integrations`, { body: { ota_integration: { enabled: false } } }),
    200,
  );
}

/** Every request and answer is checked against alpinebits.xsd of its version, unless the schemas are absent. */
const XSD_NOTE = SKIP_CONFORMANCE ? ` — XSD checks ${CONFORMANCE_SKIP_REASON}` : '';

describe(`AlpineBits GuestRequests: reservations out (OTA_Read + OTA_NotifReport)${XSD_NOTE}`, () => {
  for (const version of VERSIONS) {
    it(`${version}: a booking comes in every Read until it is acknowledged, and not after`, async () => {
      const h = await abHotel();
      const r = await booked(bookingBody(h, { special_requests: 'Late arrival & a quiet room' }));
      const first = await read(h.client, version);
      expect(reservationsIn(first)).toEqual([`Reserved 14 ${r.id}`]);
      expect(first).toContain('<RoomType RoomTypeCode="DBL"/>');
      expect(first).toContain('RatePlanCode="BAR"');
      expect(first).toContain(`<TimeSpan Start="${r.check_in}" End="${r.check_out}"/>`);
      expect(first).toContain('<Total AmountAfterTax="200.00" CurrencyCode="EUR"/>');
      expect(first).toContain('<GivenName>Ada</GivenName><Surname>Lovelace</Surname>');
      expect(first).toContain('<Telephone PhoneTechType="1" PhoneNumber="+431234"/>');
      expect(first).toContain('Late arrival &amp; a quiet room');
      expect(first).toContain(`ResID_Value="${r.confirmation_number}"`);
      expect(first).toContain(`<BasicPropertyInfo HotelCode="${h.client.hotelCode}"`);
      expect(first).not.toContain('EchoToken');
      expect(first.includes('<RoomRates>')).toBe(version === '2024-10');

      expect(reservationsIn(await read(h.client, version))).toEqual([`Reserved 14 ${r.id}`]);
      const ack = await acknowledge(h.client, [{ id: r.id, type: 14 }], version);
      expect(ack).toContain('<Success/>');
      expect(ack).not.toContain('<Warnings>');
      expect(reservationsIn(await read(h.client, version))).toEqual([]);
    });
  }

  it('a change after the acknowledgement goes out as Modify with the new data; a cancellation as Cancelled', async () => {
    const h = await abHotel();
    const r = await booked(bookingBody(h));
    await read(h.client);
    await acknowledge(h.client, [{ id: r.id, type: 14 }]);
    await expectStatus(modify(r.id, { check_in: inDays(30), check_out: inDays(33) }), 200);
    const modified = await read(h.client);
    expect(reservationsIn(modified)).toEqual([`Modify 14 ${r.id}`]);
    expect(modified).toContain(`<TimeSpan Start="${inDays(30)}" End="${inDays(33)}"/>`);
    await acknowledge(h.client, [{ id: r.id, type: 14 }]);
    expect(reservationsIn(await read(h.client))).toEqual([]);

    await expectStatus(act(r.id, 'cancel'), 200);
    expect(reservationsIn(await read(h.client))).toEqual([`Cancelled 15 ${r.id}`]);
    // Acknowledging the booking is not acknowledging its cancellation.
    expect(await acknowledge(h.client, [{ id: r.id, type: 14 }])).toContain(`RecordID="${r.id}"`);
    expect(reservationsIn(await read(h.client))).toEqual([`Cancelled 15 ${r.id}`]);
    await acknowledge(h.client, [{ id: r.id, type: 15 }]);
    expect(reservationsIn(await read(h.client))).toEqual([]);
  });

  it('a change between a Read and its acknowledgement is not lost: it comes in the next Read', async () => {
    const h = await abHotel();
    const r = await booked(bookingBody(h));
    await read(h.client);
    await expectStatus(modify(r.id, { adults: 1 }), 200);
    await acknowledge(h.client, [{ id: r.id, type: 14 }]);
    const again = await read(h.client);
    expect(reservationsIn(again)).toEqual([`Modify 14 ${r.id}`]);
    expect(again).toContain('<GuestCount Count="1"/>');
  });

  it('a reservation made before the channel existed is not sent', async () => {
    const h = await abHotel();
    const before = await booked(bookingBody(h));
    const username = `ab-${crypto.randomUUID()}`;
    const password = `pw-${crypto.randomUUID()}`;
    const later = await createChannel(h.hotel.id, {
      provider: 'alpinebits',
      endpoint_url: undefined,
      credentials: { username, password },
      hotel_code: 'LATER',
    });
    const client: Client = { username, password, hotelCode: 'LATER', channelId: later.id };
    const after = await booked(bookingBody(h));
    expect(reservationsIn(await read(client))).toEqual([`Reserved 14 ${after.id}`]);
    expect(reservationsIn(await read(h.client))).toEqual([`Reserved 14 ${before.id}`, `Reserved 14 ${after.id}`]);
  });

  it('SelectionCriteria Start sends every reservation made since, acknowledged or not', async () => {
    const h = await abHotel();
    const r = await booked(bookingBody(h));
    await read(h.client);
    await acknowledge(h.client, [{ id: r.id, type: 14 }]);
    const since = new Date(Date.now() - 60_000).toISOString();
    expect(reservationsIn(await read(h.client, '2022-10', since))).toEqual([`Reserved 14 ${r.id}`]);
    expect(reservationsIn(await read(h.client, '2022-10', '2099-01-01T00:00:00Z'))).toEqual([]);
    // 2022-10: a client may name its hotel by HotelName only; with one hotel, that is the one.
    const byName = readRQ(h.client.hotelCode, since).replace(/HotelCode="[^"]+"/, 'HotelName="Our hotel"');
    await expectValid(byName, '2022-10');
    const answer = await ab(h.client, 'OTA_Read:GuestRequests', byName, '2022-10');
    expect(reservationsIn(answer.body)).toEqual([`Reserved 14 ${r.id}`]);
  });

  it('acknowledging an id that was never sent answers a Warning naming it, and acknowledges nothing else', async () => {
    const h = await abHotel();
    const r = await booked(bookingBody(h));
    await read(h.client);
    const ack = await acknowledge(h.client, [{ id: 'res_not_ours', type: 14 }]);
    expect(ack).toMatch(/<Success\/><Warnings><Warning Type="11" RecordID="res_not_ours">[^<]+<\/Warning><\/Warnings>/);
    expect(reservationsIn(await read(h.client))).toEqual([`Reserved 14 ${r.id}`]);
  });

  it("refuses another hotel's HotelCode and sends none of its reservations", async () => {
    const mine = await abHotel();
    const theirs = await abHotel();
    await booked(bookingBody(theirs));
    const answer = await ab(mine.client, 'OTA_Read:GuestRequests', readRQ(theirs.client.hotelCode));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatch(/<Errors><Error Type="13" Code="392">/);
    expect(answer.body).not.toContain('ReservationsList');
    await expectValid(answer.body, '2024-10');
  });

  it('sends no guest data while the hotel has OTA connectivity off: 503, send again; then it comes', async () => {
    const h = await abHotel();
    const r = await booked(bookingBody(h));
    await otaOff(h.hotel.id);
    const answer = await ab(h.client, 'OTA_Read:GuestRequests', readRQ(h.client.hotelCode));
    expect(answer.status).toBe(503);
    expect(answer.body).toMatch(/^ERROR:.*send again/);
    expect(answer.body).not.toContain(r.id);
    await expectStatus(
      call('PUT', `/api/v1/hotels/${h.hotel.id}/integrations`, { body: { ota_integration: { enabled: true } } }),
      200,
    );
    expect(reservationsIn(await read(h.client))).toEqual([`Reserved 14 ${r.id}`]);
  });

  it('answers an unreadable request and a missing version with the protocol’s ERROR line', async () => {
    const h = await abHotel();
    const garbage = await ab(h.client, 'OTA_Read:GuestRequests', '<OTA_ReadRQ');
    expect(garbage.status).toBe(400);
    expect(garbage.body).toMatch(/^ERROR:/);
    const form = new FormData();
    form.set('action', 'OTA_Read:GuestRequests');
    form.set('request', readRQ(h.client.hotelCode));
    const unversioned = await exports.default.fetch(
      new Request('http://localhost/api/v1/alpinebits', {
        method: 'POST',
        headers: { authorization: `Basic ${btoa(`${h.client.username}:${h.client.password}`)}` },
        body: form,
      }),
    );
    expect(unversioned.status).toBe(400);
    expect(await unversioned.text()).toMatch(/^ERROR:.*X-AlpineBits-ClientProtocolVersion/);
  });

  it('logs each exchange in the channel’s message log and audit trail', async () => {
    const h = await abHotel();
    await booked(bookingBody(h));
    await read(h.client);
    const row = await env.DB.prepare(
      "SELECT * FROM channel_messages WHERE channel_id = ? AND message_type = 'OTA_Read:GuestRequests'",
    )
      .bind(h.client.channelId)
      .first<Record<string, unknown>>();
    expect(row).toMatchObject({
      direction: 'inbound',
      outcome: 'success',
      http_status: 200,
      detail: 'client test-pms; 1 reservation(s)',
    });
    const audit = await env.DB.prepare(
      "SELECT actor_type, actor_id FROM audit_logs WHERE entity_id = ? AND action = 'channel_message.inbound'",
    )
      .bind(row?.id)
      .first();
    expect(audit).toEqual({ actor_type: 'channel', actor_id: h.client.channelId });
  });
});

describe(`AlpineBits GuestRequests: reservations in (OTA_HotelResNotif push)${XSD_NOTE}`, () => {
  for (const version of VERSIONS) {
    it(`${version}: a new, modified and cancelled reservation takes, moves and releases inventory; a re-push changes nothing`, async () => {
      const h = await abHotel();
      const id = `bk-${crypto.randomUUID().slice(0, 20)}`;
      const created = await push(h.client, [{ id, hotelCode: h.client.hotelCode, from: 20, to: 22 }], version);
      expect(created).toMatch(
        new RegExp(`<Success/><HotelReservations><HotelReservation><UniqueID Type="14" ID="${id}"/>`),
      );
      expect(await takenOn(h.roomType.id, inDays(20))).toBe(1);
      await auditInventory(h.hotel.id);

      const before = await hotelSnapshot(h.hotel.id);
      await push(h.client, [{ id, hotelCode: h.client.hotelCode, from: 20, to: 22 }], version);
      expect(await hotelSnapshot(h.hotel.id)).toBe(before);

      await push(h.client, [{ id, status: 'Modify', hotelCode: h.client.hotelCode, from: 40, to: 43 }], version);
      expect(await takenOn(h.roomType.id, inDays(20))).toBe(0);
      expect(await takenOn(h.roomType.id, inDays(42))).toBe(1);
      await auditInventory(h.hotel.id);

      const cancelled = await push(h.client, [{ id, status: 'Cancelled', hotelCode: h.client.hotelCode }], version);
      expect(cancelled).toContain(`<UniqueID Type="15" ID="${id}"/>`);
      expect(await takenOn(h.roomType.id, inDays(42))).toBe(0);
      await auditInventory(h.hotel.id);
      const stored = await env.DB.prepare(
        'SELECT r.status, r.source FROM channel_reservations c JOIN reservations r ON r.id = c.reservation_id WHERE c.channel_id = ?',
      )
        .bind(h.client.channelId)
        .first();
      expect(stored).toEqual({ status: 'cancelled', source: 'alpinebits' });
    });
  }

  it('flags an overbooking and still takes the reservation', async () => {
    const h = await abHotel({ units: 1 });
    await booked(bookingBody(h, { check_in: inDays(20), check_out: inDays(22) }));
    const id = `ob-${crypto.randomUUID().slice(0, 20)}`;
    expect(await push(h.client, [{ id, hotelCode: h.client.hotelCode }])).toContain(`ID="${id}"`);
    const row = await env.DB.prepare(
      'SELECT overbooked, status FROM channel_reservations WHERE channel_reservation_id = ?',
    )
      .bind(id)
      .first();
    expect(row).toEqual({ overbooked: 1, status: 'imported' });
    await auditChannelInventory(h.hotel.id);
  });

  it('a pushed reservation is not sent back to the channel it came from; a booking from elsewhere is', async () => {
    const h = await abHotel();
    const id = `in-${crypto.randomUUID().slice(0, 20)}`;
    await push(h.client, [{ id, hotelCode: h.client.hotelCode }]);
    const direct = await booked(bookingBody(h));
    expect(reservationsIn(await read(h.client))).toEqual([`Reserved 14 ${direct.id}`]);
  });

  it("refuses a reservation for another hotel's code and imports nothing of the message", async () => {
    const mine = await abHotel();
    const theirs = await abHotel();
    const before = await hotelSnapshot(theirs.hotel.id);
    const answer = await push(mine.client, [
      { id: `ok-${crypto.randomUUID().slice(0, 8)}`, hotelCode: mine.client.hotelCode },
      { id: `no-${crypto.randomUUID().slice(0, 8)}`, hotelCode: theirs.client.hotelCode },
    ]);
    expect(answer).toMatch(/<Errors><Error Type="13" Code="392">/);
    expect(await hotelSnapshot(theirs.hotel.id)).toBe(before);
    expect(await takenOn(mine.roomType.id, inDays(20))).toBe(0);
  });

  it('takes nothing while the hotel has OTA connectivity off: 503, send again, and the books stay as they were', async () => {
    const h = await abHotel();
    await otaOff(h.hotel.id);
    const before = await hotelSnapshot(h.hotel.id);
    const answer = await ab(
      h.client,
      'OTA_HotelResNotif:GuestRequests',
      resNotifRQ([{ id: `off-${crypto.randomUUID().slice(0, 8)}`, hotelCode: h.client.hotelCode }]),
    );
    expect(answer.status).toBe(503);
    expect(answer.body).toMatch(/^ERROR:.*send again/);
    expect(await hotelSnapshot(h.hotel.id)).toBe(before);
    expect(await takenOn(h.roomType.id, inDays(20))).toBe(0);
  });

  it('answers a quote request with a Warning beside the booking it takes, and logs the card only redacted', async () => {
    const h = await abHotel();
    const quote = `q-${crypto.randomUUID().slice(0, 8)}`;
    const booking = `b-${crypto.randomUUID().slice(0, 8)}`;
    const answer = await push(h.client, [
      { id: quote, status: 'Requested', hotelCode: h.client.hotelCode },
      { id: booking, hotelCode: h.client.hotelCode },
    ]);
    expect(answer).toMatch(new RegExp(`<Warning Type="11" Code="450" RecordID="${quote}">`));
    expect(reservationsIn(answer)).toEqual([`- 14 ${booking}`]);
    const logged = await env.DB.prepare(
      "SELECT request, outcome FROM channel_messages WHERE channel_id = ? AND message_type = 'OTA_HotelResNotif:GuestRequests'",
    )
      .bind(h.client.channelId)
      .first<{ request: string; outcome: string }>();
    expect(logged?.outcome).toBe('warning');
    expect(logged?.request).not.toContain('4444333322221111');
    expect(logged?.request).toContain('<CardNumber>[redacted]</CardNumber>');
  });
});
