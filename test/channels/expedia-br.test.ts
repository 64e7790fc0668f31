import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { consume } from '../../src/jobs';
import type { ChannelContext, ImportOutcome } from '../../src/modules/channels/domain';
import { acknowledgeJobWith } from '../../src/modules/channels/inbound/acknowledge.job';
import { decideChannelReservation } from '../../src/modules/channels/inbound/channel-reservations.service';
import { buildBookingConfirmRQ } from '../../src/modules/channels/providers/expedia/bc-request';
import { readBookingConfirmRS } from '../../src/modules/channels/providers/expedia/bc-response';
import { buildBookingRetrievalRQ } from '../../src/modules/channels/providers/expedia/br-request';
import { readBookingRetrievalRS } from '../../src/modules/channels/providers/expedia/br-response';
import { RESERVATION_ADAPTERS } from '../../src/modules/channels/providers/reservation-adapters';
import { inDays } from '../helpers/ari';
import { createChannel } from '../helpers/channel-builders';
import { channelFields } from '../helpers/channel-context';
import { auditChannelInventory, nightOf } from '../helpers/channel-import';
import { fakeMessage, testDeps } from '../helpers/deps';
import { EXPEDIA_PARTNER, useExpediaPartnerEachTest } from '../helpers/expedia-partner';
import { call, expectStatus } from '../helpers/http';
import { auditInventory, bookableHotel, takenOn } from '../helpers/reservations';

/**
 * Expedia QuickConnect BR/BC: our reading of BookingRetrievalRS (fixtures written here from Expedia's
 * reference pages, not copied schemas), the BookingConfirmRQ we send, and the whole pull against the
 * Expedia emulator (emulators/expedia) through the `channels.pull` job.
 */
const adapter = RESERVATION_ADAPTERS.expedia;
const BR = 'xmlns="http://www.expediaconnect.com/EQC/BR/2014/01"';

const BOOKINGS = `<?xml version="1.0" encoding="UTF-8"?>
<BookingRetrievalRS ${BR}>
  <Bookings>
    <Booking id="7700112" type="Book" createDateTime="2026-11-20T08:15:00Z" source="Hotels.com" status="pending">
      <Hotel id="445566"/>
      <RoomStay roomTypeID="200111" ratePlanID="300222">
        <StayDate arrival="2026-12-24" departure="2026-12-27"/>
        <GuestCount adult="2" child="1"><Child age="7"/></GuestCount>
        <PerDayRates currency="EUR">
          <PerDayRate stayDate="2026-12-24" baseRate="120.00"/>
          <PerDayRate stayDate="2026-12-25" baseRate="135.50" extraPersonFees="10.00" hotelServiceFees="2.25" promoName="Xmas"/>
          <PerDayRate stayDate="2026-12-26" baseRate="120.00"/>
        </PerDayRates>
        <Total amountAfterTaxes="430.00" amountOfTaxes="42.25" currency="EUR"/>
        <PaymentCard cardCode="MC" cardNumber="5555444433331111" expireDate="0929" seriesCode="737">
          <CardHolder name="Expedia VirtualCard" address="1111 Expedia Group Way W" city="Seattle" country="US"/>
        </PaymentCard>
      </RoomStay>
      <PrimaryGuest>
        <Name givenName="Ada" middleName="K." surname="Lovelace"/>
        <Phone countryCode="44" cityAreaCode="20" number="79460000" extension="12"/>
        <Email>ada@guest.example</Email>
      </PrimaryGuest>
      <SpecialRequest code="1.14">One King Bed</SpecialRequest>
      <SpecialRequest code="4">Late arrival, card 4111 1111 1111 1111 if needed</SpecialRequest>
    </Booking>
    <Booking id="7700113" type="Modify" createDateTime="2026-11-20T09:00:00Z" source="A-Expedia" status="retrieved" confirmNumber="WH-1">
      <Hotel id="445566"/>
      <RoomStay roomTypeID="200111" ratePlanID="300222A">
        <StayDate arrival="2026-12-01" departure="2026-12-02"/>
        <GuestCount adult="1"/>
        <PerDayRates currency="EUR"><PerDayRate stayDate="2026-12-01" baseRate="99.99"/></PerDayRates>
        <Total amountAfterTaxes="109.99" amountOfTaxes="10.00" currency="EUR"/>
      </RoomStay>
      <PrimaryGuest><Name givenName="Bo" surname="Doe"/></PrimaryGuest>
    </Booking>
    <Booking id="7700114" type="Cancel" createDateTime="2026-11-20T10:00:00Z" source="Expedia" status="pending" confirmNumber="WH-2">
      <Hotel id="445566"/>
      <RoomStay roomTypeID="0" ratePlanID="0">
        <StayDate arrival="2026-12-05" departure="2026-12-07"/>
        <GuestCount adult="2"/>
        <PerDayRates>
          <PerDayRate stayDate="2026-12-05" baseRate="0.00"/>
          <PerDayRate stayDate="2026-12-06" baseRate="0.00"/>
        </PerDayRates>
        <Total amountAfterTaxes="0.00" amountOfTaxes="0.00"/>
      </RoomStay>
      <PrimaryGuest><Name givenName="Cy" surname="Roe"/></PrimaryGuest>
    </Booking>
  </Bookings>
</BookingRetrievalRS>`;

function context(hotelCode = '445566'): ChannelContext {
  return {
    channel: channelFields({
      id: 'chn_expedia_fx',
      hotelId: 'htl_fx',
      provider: 'expedia',
      endpointUrl: 'https://services.expedia.test/',
      hotelCode,
    }),
    credentials: { username: 'eqc-user', password: 'eqc&"pass' },
  };
}

const outcome = (id: string, overrides: Partial<ImportOutcome> = {}): ImportOutcome => ({
  channelReservationId: id,
  kind: 'new',
  status: 'imported',
  confirmationNumber: `WH-${id}`,
  error: null,
  ...overrides,
});

describe('BookingRetrievalRS', () => {
  it('reads Book, Modify and Cancel bookings: codes, stay, guests, per-day rates, totals, requests, card summary', () => {
    const batch = readBookingRetrievalRS(BOOKINGS);
    if (!batch.ok) throw new Error(batch.refusal.message);
    expect(batch.answer.outcome).toBe('success');
    const [book, modify, cancel] = batch.reservations;
    expect(book).toEqual({
      channelReservationId: '7700112',
      kind: 'new',
      hotelCode: '445566',
      createdAt: '2026-11-20T08:15:00Z',
      currency: 'EUR',
      totalAmount: 43000,
      rooms: [
        {
          roomCode: '200111',
          rateCode: '300222',
          checkIn: '2026-12-24',
          checkOut: '2026-12-27',
          adults: 2,
          children: 1,
          nightly: [
            { date: '2026-12-24', amount: 12000 },
            { date: '2026-12-25', amount: 14775 },
            { date: '2026-12-26', amount: 12000 },
          ],
          totalAmount: 43000,
        },
      ],
      guest: {
        firstName: 'Ada',
        lastName: 'Lovelace',
        email: 'ada@guest.example',
        phone: '+44 20 79460000 ext. 12',
        country: null,
      },
      specialRequests: '1.14: One King Bed\n4: Late arrival, card [redacted …1111] if needed',
      card: { brand: 'mastercard', last4: '1111', expiry: '2029-09' },
      channelCollect: true,
    });
    expect(JSON.stringify(batch.reservations)).not.toMatch(/5555444433331111|737/);
    expect(modify).toMatchObject({
      channelReservationId: '7700113',
      kind: 'modify',
      totalAmount: 10999,
      rooms: [{ roomCode: '200111', rateCode: '300222A', adults: 1, children: 0 }],
      card: null,
      // "A-" points of sale are Hotel Collect: the guest pays the hotel.
      channelCollect: false,
    });
    // A Cancel's zeros are "not given", not a free stay.
    expect(cancel).toMatchObject({
      channelReservationId: '7700114',
      kind: 'cancel',
      currency: null,
      totalAmount: null,
      rooms: [{ roomCode: null, rateCode: null, checkIn: '2026-12-05', checkOut: '2026-12-07', nightly: [] }],
      guest: { firstName: 'Cy', lastName: 'Roe' },
    });
  });

  it('reads an empty Bookings as no reservations, and an Error as an error answer with its code', () => {
    expect(readBookingRetrievalRS(`<BookingRetrievalRS ${BR}><Bookings/></BookingRetrievalRS>`)).toEqual({
      ok: true,
      reservations: [],
      answer: { outcome: 'success', warnings: [], errors: [] },
    });
    expect(
      readBookingRetrievalRS(
        `<BookingRetrievalRS ${BR}><Error code="1001">Invalid username/password</Error></BookingRetrievalRS>`,
      ),
    ).toEqual({
      ok: true,
      reservations: [],
      answer: { outcome: 'error', warnings: [], errors: [{ code: '1001', text: 'Invalid username/password' }] },
    });
  });

  it('refuses another root, and a whole answer with a booking it cannot read', () => {
    expect(readBookingRetrievalRS('<OTA_ResRetrieveRS/>')).toMatchObject({
      ok: false,
      refusal: { reason: 'wrong_root' },
    });
    const odd = BOOKINGS.replace('type="Modify"', 'type="Hold"');
    expect(readBookingRetrievalRS(odd)).toMatchObject({
      ok: false,
      refusal: { reason: 'invalid', message: 'booking 7700113: type "Hold" is not Book, Modify or Cancel' },
    });
    const noStay = BOOKINGS.replace('arrival="2026-12-01"', 'arrival="soon"');
    expect(readBookingRetrievalRS(noStay)).toMatchObject({ ok: false, refusal: { reason: 'invalid' } });
    const badRate = BOOKINGS.replace('baseRate="99.99"', 'baseRate="lots"');
    expect(readBookingRetrievalRS(badRate)).toMatchObject({ ok: false, refusal: { reason: 'invalid' } });
  });
});

describe('BookingRetrievalRQ and BookingConfirmRQ', () => {
  it('pulls pending and retrieved bookings of the hotel from {endpoint_url}/eqc/br, credentials in the body', () => {
    const [request, more] = adapter.pullRequests(context());
    expect(more).toBeUndefined();
    expect(request).toMatchObject({ method: 'POST', url: 'https://services.expedia.test/eqc/br' });
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.body).toBe(
      `<?xml version="1.0" encoding="UTF-8"?><BookingRetrievalRQ ${BR}><Authentication username="eqc-user" password="eqc&amp;&quot;pass"/><Hotel id="445566"/><ParamSet><Status value="pending"/><Status value="retrieved"/></ParamSet></BookingRetrievalRQ>`,
    );
    expect(buildBookingRetrievalRQ(context(), { daysInPast: 45 })).toContain(
      '<ParamSet><NbDaysInPast>30</NbDaysInPast></ParamSet>',
    );
    expect(buildBookingRetrievalRQ(context(), { bookingId: '7700112' })).toContain(
      '<ParamSet><Booking id="7700112"/></ParamSet>',
    );
  });

  it('confirms only accepted bookings on our books, with our numbers, at most 10 per message', () => {
    const outcomes = [
      ...Array.from({ length: 21 }, (_, i) => outcome(`${1000 + i}`)),
      outcome('2000', { kind: 'modify' }),
      outcome('2001', { kind: 'cancel' }),
      outcome('3000', { status: 'pending' }),
      outcome('3001', { status: 'needs_mapping', confirmationNumber: null }),
      outcome('3002', { status: 'failed' }),
      // A cancellation of a booking we never had: no number of ours to give.
      outcome('3003', { kind: 'cancel', confirmationNumber: null }),
    ];
    const messages = adapter.acknowledge(context(), outcomes);
    expect(messages.map((m) => m.channelReservationIds.length)).toEqual([10, 10, 3]);
    expect(messages.flatMap((m) => m.channelReservationIds)).toEqual([
      ...Array.from({ length: 21 }, (_, i) => `${1000 + i}`),
      '2000',
      '2001',
    ]);
    for (const m of messages) {
      expect(m).toMatchObject({
        method: 'POST',
        url: 'https://services.expedia.test/eqc/bc',
        messageType: 'BookingConfirmRQ',
      });
    }
    expect(messages[2]?.body).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?><BookingConfirmRQ xmlns="http:\/\/www.expediaconnect.com\/EQC\/BC\/2007\/09"><Authentication username="eqc-user" password="eqc&amp;&quot;pass"\/><Hotel id="445566"\/><BookingConfirmNumbers><BookingConfirmNumber bookingID="1020" bookingType="Book" confirmNumber="WH-1020" confirmTime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"\/><BookingConfirmNumber bookingID="2000" bookingType="Modify" confirmNumber="WH-2000" confirmTime="[^"]+"\/><BookingConfirmNumber bookingID="2001" bookingType="Cancel" confirmNumber="WH-2001" confirmTime="[^"]+"\/><\/BookingConfirmNumbers><\/BookingConfirmRQ>$/,
    );
    expect(adapter.acknowledge(context(), [outcome('3000', { status: 'pending' })])).toEqual([]);
    expect(() => buildBookingConfirmRQ(context(), [], new Date())).toThrow(RangeError);
  });

  it('reads BookingConfirmRS: Success, per-booking Warnings (those stay unconfirmed), Error', () => {
    const rs = (inner: string) =>
      `<BookingConfirmRS xmlns="http://www.expediaconnect.com/EQC/BC/2007/08">${inner}</BookingConfirmRS>`;
    expect(readBookingConfirmRS(rs('<Success/>'))).toEqual({
      answer: { outcome: 'success', warnings: [], errors: [] },
      refused: [],
    });
    const warned = readBookingConfirmRS(
      rs(
        '<Success><Warning code="10081" bookingID="9123" bookingType="Book" confirmNumber="7605309">Update refused. Hotel ID and Booking ID mismatch.</Warning></Success>',
      ),
    );
    expect(warned).toEqual({
      answer: {
        outcome: 'warning',
        warnings: [{ code: '10081', text: 'booking 9123: Update refused. Hotel ID and Booking ID mismatch.' }],
        errors: [],
      },
      refused: ['9123'],
    });
    expect(readBookingConfirmRS(rs('<Error code="3301">More than 10</Error>'))).toMatchObject({
      answer: { outcome: 'error', errors: [{ code: '3301' }] },
      refused: [],
    });
    expect(readBookingConfirmRS('<html>busy</html>').answer.outcome).toBe('error');
    expect(readBookingConfirmRS(rs('')).answer.outcome).toBe('error');
  });
});

const partner = useExpediaPartnerEachTest();
const ADMIN = { id: 'admin', hotelIds: null } as never;

/** A hotel and its Expedia channel, created and mapped (RT1/RP1) through the API. */
async function anExpediaChannel(options: { units?: number; autoAccept?: boolean } = {}) {
  const { hotel, roomType, ratePlan } = await bookableHotel({ units: options.units ?? 3 });
  const hotelCode = String(100_000 + Math.floor(Math.random() * 899_999));
  const channel = await createChannel(hotel.id, {
    provider: 'expedia',
    endpoint_url: EXPEDIA_PARTNER.url,
    credentials: { username: EXPEDIA_PARTNER.username, password: EXPEDIA_PARTNER.password },
    hotel_code: hotelCode,
    auto_accept: options.autoAccept ?? true,
  });
  expect(channel.mode).toBe('pull');
  const mapping = {
    room_type_id: roomType.id,
    rate_plan_id: ratePlan.id,
    channel_room_code: 'RT1',
    channel_rate_code: 'RP1',
  };
  await expectStatus(call('PUT', `/api/v1/channels/${channel.id}/mappings`, { body: [mapping] }), 200);
  return { hotel, roomType, ratePlan, channel, hotelCode };
}

const stay = (hotelId: string, from = 10, to = 12) => ({
  hotelId,
  roomTypeId: 'RT1',
  ratePlanId: 'RP1',
  arrival: inDays(from),
  departure: inDays(to),
});

/** Runs one `channels.pull` message through the queue consumer, as the queue would. */
async function pullJob(channelId: string, attempts = 1) {
  const deps = testDeps();
  const message = fakeMessage({ type: 'channels.pull', payload: { channel_id: channelId } }, attempts);
  await consume('wehub-jobs', message, deps, deps.settle);
  return { message, deps };
}

type Row = {
  channel_reservation_id: string;
  status: string;
  last_kind: string;
  overbooked: number;
  acknowledged_at: number | null;
  confirmation_number: string | null;
  reservation_status: string | null;
};

async function ourReservations(channelId: string): Promise<Row[]> {
  const { results } = await env.DB.prepare(
    `SELECT cr.channel_reservation_id, cr.status, cr.last_kind, cr.overbooked, cr.acknowledged_at,
            r.confirmation_number, r.status AS reservation_status
       FROM channel_reservations cr LEFT JOIN reservations r ON r.id = cr.reservation_id
      WHERE cr.channel_id = ? ORDER BY cr.channel_reservation_id`,
  )
    .bind(channelId)
    .all<Row>();
  return results;
}

const confirmMessages = () => partner.current.state.received.filter((r) => r.message === 'BookingConfirmRQ');

describe('pulling from Expedia QuickConnect', () => {
  it('a booking becomes a reservation that takes its units, and is confirmed at once with our number', async () => {
    const { channel, hotelCode, roomType, hotel } = await anExpediaChannel();
    const booking = partner.current.createBooking(stay(hotelCode));
    const { message } = await pullJob(channel.id);
    expect(message.acked).toBe(true);
    const [row, ...others] = await ourReservations(channel.id);
    expect(others).toEqual([]);
    expect(row).toMatchObject({
      channel_reservation_id: booking.id,
      status: 'imported',
      reservation_status: 'confirmed',
    });
    expect(row?.acknowledged_at).toEqual(expect.any(Number));
    expect(await takenOn(roomType.id, inDays(10))).toBe(1);
    expect(await takenOn(roomType.id, inDays(11))).toBe(1);
    expect(partner.current.confirmations()).toEqual([
      { bookingId: booking.id, type: 'Book', confirmNumber: row?.confirmation_number, confirmTime: expect.any(String) },
    ]);
    expect(partner.current.unconfirmed(hotelCode)).toEqual([]);
    // Both exchanges are in the message log, the password redacted.
    const log = await env.DB.prepare(
      'SELECT message_type, outcome, request FROM channel_messages WHERE channel_id = ? ORDER BY created_at',
    )
      .bind(channel.id)
      .all<{ message_type: string; outcome: string; request: string }>();
    expect(log.results.map((m) => [m.message_type, m.outcome])).toEqual([
      ['BookingRetrievalRQ', 'success'],
      ['BookingConfirmRQ', 'success'],
    ]);
    expect(log.results.map((m) => m.request).join('')).not.toContain(EXPEDIA_PARTNER.password);
    await auditInventory(hotel.id);
  });

  it('a modification moves the units, a cancellation releases them; each is confirmed as its own type', async () => {
    const { channel, hotelCode, roomType, hotel } = await anExpediaChannel();
    const booking = partner.current.createBooking(stay(hotelCode));
    await pullJob(channel.id);
    partner.current.modifyBooking(booking.id, { arrival: inDays(20), departure: inDays(23) });
    expect((await pullJob(channel.id)).message.acked).toBe(true);
    expect(await takenOn(roomType.id, inDays(10))).toBe(0);
    expect(await takenOn(roomType.id, inDays(20))).toBe(1);
    expect(await takenOn(roomType.id, inDays(22))).toBe(1);
    partner.current.cancelBooking(booking.id);
    expect((await pullJob(channel.id)).message.acked).toBe(true);
    expect(await takenOn(roomType.id, inDays(20))).toBe(0);
    const [row] = await ourReservations(channel.id);
    expect(row).toMatchObject({ last_kind: 'cancel', reservation_status: 'cancelled' });
    expect(partner.current.confirmations().map((c) => [c.type, c.confirmNumber])).toEqual([
      ['Book', row?.confirmation_number],
      ['Modify', row?.confirmation_number],
      ['Cancel', row?.confirmation_number],
    ]);
    expect(partner.current.unconfirmed()).toEqual([]);
    await auditInventory(hotel.id);
  });

  it('23 bookings are imported in one pull and confirmed in 3 messages of at most 10', async () => {
    const { channel, hotelCode, roomType, hotel } = await anExpediaChannel({ units: 23 });
    const made = Array.from({ length: 23 }, () => partner.current.createBooking(stay(hotelCode)));
    expect((await pullJob(channel.id)).message.acked).toBe(true);
    expect(confirmMessages().map((m) => m.body.match(/<BookingConfirmNumber /g)?.length)).toEqual([10, 10, 3]);
    const rows = await ourReservations(channel.id);
    expect(rows).toHaveLength(23);
    expect(rows.every((r) => r.status === 'imported' && r.acknowledged_at !== null)).toBe(true);
    expect(
      partner.current
        .confirmations()
        .map((c) => c.bookingId)
        .sort(),
    ).toEqual(made.map((b) => b.id).sort());
    expect(await takenOn(roomType.id, inDays(10))).toBe(23);
    await auditInventory(hotel.id);
  });

  it('a confirmation message that fails leaves its bookings unconfirmed; they come again and are not imported twice', async () => {
    const { channel, hotelCode, roomType, hotel } = await anExpediaChannel({ units: 23 });
    Array.from({ length: 23 }, () => partner.current.createBooking(stay(hotelCode)));
    // The first BookingConfirmRQ of the pull fails; the other two get through.
    partner.current.failNext(1, { http: 503 }, 'BookingConfirmRQ');
    const first = await pullJob(channel.id);
    expect(first.message.acked).toBe(false);
    expect(first.message.retriedWith).toBeGreaterThanOrEqual(1);
    const afterFirst = await ourReservations(channel.id);
    expect(afterFirst).toHaveLength(23);
    // Marked per message: the 13 Expedia took are acknowledged, the 10 of the failed message are not.
    expect(afterFirst.filter((r) => r.acknowledged_at !== null)).toHaveLength(13);
    expect(partner.current.unconfirmed(hotelCode)).toHaveLength(10);
    expect(
      (await env.DB.prepare('SELECT last_error FROM channels WHERE id = ?').bind(channel.id).first())?.last_error,
    ).toMatch(/BookingConfirmRQ: HTTP 503/);

    const retry = await pullJob(channel.id, 2);
    expect(retry.message.acked).toBe(true);
    // The retrieval asked for `retrieved` bookings too: the 10 came again, were re-read, not re-booked.
    expect(confirmMessages().map((m) => m.body.match(/<BookingConfirmNumber /g)?.length)).toEqual([10, 10, 3, 10]);
    const rows = await ourReservations(channel.id);
    expect(rows).toHaveLength(23);
    expect(rows.every((r) => r.acknowledged_at !== null)).toBe(true);
    expect(partner.current.unconfirmed(hotelCode)).toEqual([]);
    expect(await takenOn(roomType.id, inDays(10))).toBe(23);
    await auditInventory(hotel.id);
  });

  it('an Expedia Error answer to the retrieval imports nothing and the job retries', async () => {
    const { channel, hotelCode } = await anExpediaChannel();
    partner.current.createBooking(stay(hotelCode));
    partner.current.failNext(1, { error: { code: '4000', text: 'Internal system error' } }, 'BookingRetrievalRQ');
    const { message } = await pullJob(channel.id);
    expect(message.retriedWith).toBeGreaterThanOrEqual(1);
    expect(await ourReservations(channel.id)).toEqual([]);
    expect(confirmMessages()).toEqual([]);
  });

  it('a booking beyond the units left is taken and flagged overbooked, and still confirmed', async () => {
    const { channel, hotelCode, roomType, hotel } = await anExpediaChannel({ units: 1 });
    partner.current.createBooking(stay(hotelCode));
    partner.current.createBooking(stay(hotelCode));
    await pullJob(channel.id);
    const rows = await ourReservations(channel.id);
    expect(rows.map((r) => [r.status, r.overbooked])).toEqual(
      expect.arrayContaining([
        ['imported', 0],
        ['imported', 1],
      ]),
    );
    expect(await nightOf(roomType.id, inDays(10))).toEqual({ inventory: 1, taken: 1, overbooked: 1 });
    expect(partner.current.confirmations()).toHaveLength(2);
    await auditChannelInventory(hotel.id);
  });

  it('a booking held pending (auto_accept off) is confirmed only when the hotel accepts it, and comes again meanwhile', async () => {
    const { channel, hotelCode, roomType } = await anExpediaChannel({ autoAccept: false });
    const booking = partner.current.createBooking(stay(hotelCode));
    await pullJob(channel.id);
    await pullJob(channel.id);
    expect(await ourReservations(channel.id)).toEqual([
      expect.objectContaining({ status: 'pending', reservation_status: 'pending', acknowledged_at: null }),
    ]);
    expect(await takenOn(roomType.id, inDays(10))).toBe(1);
    expect(confirmMessages()).toEqual([]);
    expect(partner.current.state.received.filter((r) => r.message === 'BookingRetrievalRQ')).toHaveLength(2);
    expect(partner.current.unconfirmed(hotelCode).map((b) => b.id)).toEqual([booking.id]);

    const deps = testDeps();
    await decideChannelReservation(deps, ADMIN, channel.id, booking.id, 'accept');
    const job = (deps.jobs as unknown as { sent: { type: string; payload: any }[] }).sent.find(
      (j) => j.type === 'channels.acknowledge',
    );
    if (!job) throw new Error('no acknowledgement queued');
    await acknowledgeJobWith(RESERVATION_ADAPTERS).handle(job.payload, testDeps());
    const [row] = await ourReservations(channel.id);
    expect(row).toMatchObject({ status: 'imported', reservation_status: 'confirmed' });
    expect(row?.acknowledged_at).toEqual(expect.any(Number));
    expect(partner.current.confirmations()).toEqual([
      expect.objectContaining({ bookingId: booking.id, type: 'Book', confirmNumber: row?.confirmation_number }),
    ]);
  });

  it('an accepted booking a pull confirms before the acknowledgement job runs is confirmed once', async () => {
    const { channel, hotelCode } = await anExpediaChannel({ autoAccept: false });
    const booking = partner.current.createBooking(stay(hotelCode));
    await pullJob(channel.id);
    const deps = testDeps();
    await decideChannelReservation(deps, ADMIN, channel.id, booking.id, 'accept');
    const job = (deps.jobs as unknown as { sent: { type: string; payload: any }[] }).sent.find(
      (j) => j.type === 'channels.acknowledge',
    );
    if (!job) throw new Error('no acknowledgement queued');
    // The queue lags: the next pull gets the booking again (still unconfirmed) and confirms it itself.
    await pullJob(channel.id);
    expect(confirmMessages()).toHaveLength(1);
    await acknowledgeJobWith(RESERVATION_ADAPTERS).handle(job.payload, testDeps());
    // A redelivery of the job tells nothing either.
    await acknowledgeJobWith(RESERVATION_ADAPTERS).handle(job.payload, testDeps());
    expect(confirmMessages()).toHaveLength(1);
    expect((await ourReservations(channel.id))[0]).toMatchObject({
      status: 'imported',
      acknowledged_at: expect.any(Number),
    });
  });

  it('a confirmation Expedia refuses by name (a Warning) stays unacknowledged, with the reason on the channel', async () => {
    const { channel, hotelCode } = await anExpediaChannel({ autoAccept: false });
    const booking = partner.current.createBooking(stay(hotelCode));
    await pullJob(channel.id);
    // Expedia now files the booking under another property: it answers the confirmation with 10081.
    const held = partner.current.state.bookings.get(booking.id);
    if (!held) throw new Error('no booking');
    held.hotelId = '999999';
    const deps = testDeps();
    await decideChannelReservation(deps, ADMIN, channel.id, booking.id, 'accept');
    const job = (deps.jobs as unknown as { sent: { type: string; payload: any }[] }).sent.find(
      (j) => j.type === 'channels.acknowledge',
    );
    if (!job) throw new Error('no acknowledgement queued');
    // Not thrown: a retry would be refused the same way.
    await acknowledgeJobWith(RESERVATION_ADAPTERS).handle(job.payload, testDeps());
    expect((await ourReservations(channel.id))[0]).toMatchObject({ status: 'imported', acknowledged_at: null });
    expect(partner.current.confirmations()).toEqual([]);
    const row = await env.DB.prepare('SELECT last_error FROM channels WHERE id = ?').bind(channel.id).first();
    expect(row?.last_error).toMatch(
      /acknowledgement refused for some: 10081 booking \d+: Hotel ID and Booking ID mismatch/,
    );
  });

  it('an unmapped booking is kept as needs_mapping and not confirmed', async () => {
    const { channel, hotelCode, roomType } = await anExpediaChannel();
    partner.current.createBooking({ ...stay(hotelCode), roomTypeId: 'RT-UNKNOWN' });
    expect((await pullJob(channel.id)).message.acked).toBe(true);
    expect(await ourReservations(channel.id)).toEqual([
      expect.objectContaining({ status: 'needs_mapping', acknowledged_at: null }),
    ]);
    expect(await takenOn(roomType.id, inDays(10))).toBe(0);
    expect(confirmMessages()).toEqual([]);
    expect(partner.current.unconfirmed(hotelCode)).toHaveLength(1);
  });
});
