import { describe, expect, it } from 'vitest';
import { createOtaEmulator, type OtaEmulator } from '../../emulators/ota/emulator.ts';
import { CONFORMANCE_SKIP_REASON, otaSchemaErrors, SKIP_CONFORMANCE } from '../helpers/conformance';
import { OTA_PARTNER, useOtaPartner } from '../helpers/ota-partner';

/** The OTA emulator (emulators/ota) behaves as its partner does: the tests of issue 11 rely on it. */

const NS = 'xmlns="http://www.opentravel.org/OTA/2003/05"';
const BOOKING = '/booking_com/hotels/ota';

function partner(): OtaEmulator {
  return createOtaEmulator({
    accounts: { hotelier: { password: 'pw' }, other: { password: 'pw2', hotelCodes: ['H2'] } },
    now: () => new Date('2026-05-01T10:00:00Z'),
  });
}

async function send(p: OtaEmulator, method: string, path: string, body?: string, auth = 'hotelier:pw') {
  const response = await p.fetch(
    new Request(`http://ota.test${path}`, {
      method,
      headers: { authorization: `Basic ${btoa(auth)}`, 'content-type': 'text/xml' },
      ...(body === undefined ? {} : { body }),
    }),
  );
  return { status: response.status, text: await response.text() };
}

const readRQ = (hotel = 'H1') =>
  `<OTA_ReadRQ ${NS} Version="1.0"><ReadRequests><HotelReadRequest HotelCode="${hotel}"/></ReadRequests></OTA_ReadRQ>`;
const notifReport = (ids: string[], errors = '') =>
  `<OTA_NotifReportRQ ${NS} Version="1.0">${errors || '<Success/>'}<NotifDetails><HotelNotifReport><HotelReservations>${ids
    .map(
      (id, i) =>
        `<HotelReservation><UniqueID Type="14" ID="${id}"/><ResGlobalInfo><HotelReservationIDs><HotelReservationID ResID_Type="10" ResID_Value="WH-${i + 1}"/></HotelReservationIDs></ResGlobalInfo></HotelReservation>`,
    )
    .join('')}</HotelReservations></HotelNotifReport></NotifDetails></OTA_NotifReportRQ>`;
const bookingAck = (root: 'OTA_HotelResNotifRS' | 'OTA_HotelResModifyNotifRS', ids: string[], errors = false) => {
  const [list, item] =
    root === 'OTA_HotelResNotifRS' ? ['HotelReservations', 'HotelReservation'] : ['HotelResModifies', 'HotelResModify'];
  const items = ids
    .map(
      (id) =>
        `<${item}><ResGlobalInfo><HotelReservationIDs><HotelReservationID ResID_Value="${id}"/><HotelReservationID ResID_Type="10" ResID_Value="WH-${id}"/></HotelReservationIDs></ResGlobalInfo></${item}>`,
    )
    .join('');
  const status = errors ? '<Errors><Error Type="3" Code="450">Unable to process</Error></Errors>' : '<Success/>';
  return `<${root} ${NS} Version="1.0" TimeStamp="2026-05-01T10:00:00Z">${status}<${list}>${items}</${list}></${root}>`;
};
const availNotif = (hotel: string, messages: string) =>
  `<OTA_HotelAvailNotifRQ ${NS} Version="1.0" EchoToken="e-1"><AvailStatusMessages HotelCode="${hotel}">${messages}</AvailStatusMessages></OTA_HotelAvailNotifRQ>`;
const rateNotif = (hotel: string, start: string, end: string, amount: string) =>
  `<OTA_HotelRateAmountNotifRQ ${NS} Version="1.0"><RateAmountMessages HotelCode="${hotel}"><RateAmountMessage><StatusApplicationControl Start="${start}" End="${end}" InvTypeCode="DBL" RatePlanCode="FLEX"/><Rates><Rate><BaseByGuestAmts><BaseByGuestAmt AmountAfterTax="${amount}" CurrencyCode="EUR"/><BaseByGuestAmt NumberOfGuests="1" AmountAfterTax="140.00" CurrencyCode="EUR"/></BaseByGuestAmts></Rate></Rates></RateAmountMessage></RateAmountMessages></OTA_HotelRateAmountNotifRQ>`;

const stay = { roomCode: 'DBL', rateCode: 'FLEX', checkIn: '2026-06-01', checkOut: '2026-06-03' };
const ids = (xml: string) => [...xml.matchAll(/<UniqueID Type="14" ID="([^"]+)"\/>/g)].map((m) => m[1]);

describe('OTA partner emulator: HTTP Basic', () => {
  it('answers 401 with an OTA Errors body (EWT 4, ERR 497) without or with wrong credentials, and changes nothing', async () => {
    const p = partner();
    const message = availNotif(
      'H1',
      '<AvailStatusMessage BookingLimit="2"><StatusApplicationControl Start="2026-06-01" End="2026-06-01" InvTypeCode="DBL"/></AvailStatusMessage>',
    );
    for (const auth of ['hotelier:wrong', 'nobody:pw', 'hotelier']) {
      const answer = await send(p, 'POST', '/ota_xml', message, auth);
      expect(answer.status).toBe(401);
      expect(answer.text).toMatch(
        /<OTA_HotelAvailNotifRS [^>]*><Errors><Error Type="4" Code="497">Authorization error<\/Error><\/Errors><\/OTA_HotelAvailNotifRS>$/,
      );
    }
    const unsigned = await p.fetch(new Request('http://ota.test/booking_com/hotels/ota/OTA_HotelResNotif'));
    expect(unsigned.status).toBe(401);
    expect(unsigned.headers.get('www-authenticate')).toBe('Basic realm="ota"');
    expect(p.availability('H1', 'DBL', null, '2026-06-01')).toBeUndefined();
    expect((await send(p, 'POST', '/ota_xml', message)).status).toBe(200);
    expect(p.availability('H1', 'DBL', null, '2026-06-01')).toEqual({ bookingLimit: 2 });
  });

  it('an account limited to some hotels gets Errors (ERR 392) for another hotel, and does not see its reservations', async () => {
    const p = partner();
    p.createReservation({ hotelCode: 'H1', rooms: [stay] });
    const refused = await send(
      p,
      'POST',
      '/ota_xml',
      rateNotif('H1', '2026-06-01', '2026-06-01', '100.00'),
      'other:pw2',
    );
    expect(refused.text).toContain(
      '<Errors><Error Type="6" Code="392">Hotel H1 is not connected to this account</Error></Errors>',
    );
    expect(p.rate('H1', 'DBL', 'FLEX', '2026-06-01')).toBeUndefined();
    expect(ids((await send(p, 'POST', '/ota_xml', readRQ('H2'), 'other:pw2')).text)).toEqual([]);
    expect(ids((await send(p, 'GET', `${BOOKING}/OTA_HotelResNotif`, undefined, 'other:pw2')).text)).toEqual([]);
  });
});

describe('OTA partner emulator: ota_xml flavour', () => {
  it('keeps the ARI it receives night by night: booking limit, open/close, arrival/departure, LOS, day patterns, rates', async () => {
    const p = partner();
    const messages =
      '<AvailStatusMessage BookingLimit="4"><StatusApplicationControl Start="2026-06-01" End="2026-06-07" InvTypeCode="DBL"/></AvailStatusMessage>' +
      '<AvailStatusMessage><StatusApplicationControl Start="2026-06-01" End="2026-06-07" InvTypeCode="DBL" RatePlanCode="FLEX" Sat="true" Sun="true"/><RestrictionStatus Status="Close" Restriction="Arrival"/><LengthsOfStay><LengthOfStay MinMaxMessageType="SetMinLOS" Time="2" TimeUnit="Day"/><LengthOfStay MinMaxMessageType="SetMaxLOS" Time="7" TimeUnit="Day"/></LengthsOfStay></AvailStatusMessage>' +
      '<AvailStatusMessage><StatusApplicationControl Start="2026-06-03" End="2026-06-03" InvTypeCode="DBL" RatePlanCode="FLEX"/><RestrictionStatus Status="Close"/><RestrictionStatus Status="Open" Restriction="Departure"/></AvailStatusMessage>';
    const answer = await send(p, 'POST', '/ota_xml', availNotif('H1', messages));
    expect(answer.text).toMatch(/<OTA_HotelAvailNotifRS [^>]*EchoToken="e-1"><Success\/><\/OTA_HotelAvailNotifRS>$/);
    expect(p.availability('H1', 'DBL', null, '2026-06-07')).toEqual({ bookingLimit: 4 });
    // 2026-06-06 is a Saturday, 06-07 a Sunday; the day pattern leaves the weekdays alone.
    expect(p.availability('H1', 'DBL', 'FLEX', '2026-06-06')).toEqual({ closedToArrival: true, minLos: 2, maxLos: 7 });
    expect(p.availability('H1', 'DBL', 'FLEX', '2026-06-05')).toBeUndefined();
    expect(p.availability('H1', 'DBL', 'FLEX', '2026-06-03')).toEqual({ closed: true, closedToDeparture: false });

    await send(p, 'POST', '/ota_xml', rateNotif('H1', '2026-06-01', '2026-06-02', '165.00'));
    await send(p, 'POST', '/ota_xml', rateNotif('H1', '2026-06-02', '2026-06-02', '170.50'));
    expect(p.rate('H1', 'DBL', 'FLEX', '2026-06-01')).toEqual({
      amount: '165.00',
      currency: 'EUR',
      byGuests: { 1: '140.00' },
    });
    expect(p.rate('H1', 'DBL', 'FLEX', '2026-06-02')?.amount).toBe('170.50');
    expect(p.ari('H1', { rate: 'FLEX', from: '2026-06-02', to: '2026-06-03' })).toEqual({
      availability: [{ room: 'DBL', rate: 'FLEX', date: '2026-06-03', closed: true, closedToDeparture: false }],
      rates: [
        { room: 'DBL', rate: 'FLEX', date: '2026-06-02', amount: '170.50', currency: 'EUR', byGuests: { 1: '140.00' } },
      ],
    });
  });

  it('a message with an error changes nothing (Errors, ERR 15 / 321)', async () => {
    const p = partner();
    const good =
      '<AvailStatusMessage BookingLimit="1"><StatusApplicationControl Start="2026-06-01" End="2026-06-01" InvTypeCode="DBL"/></AvailStatusMessage>';
    const backwards =
      '<AvailStatusMessage BookingLimit="1"><StatusApplicationControl Start="2026-06-05" End="2026-06-04" InvTypeCode="DBL"/></AvailStatusMessage>';
    const noRoom =
      '<AvailStatusMessage BookingLimit="1"><StatusApplicationControl Start="2026-06-05" End="2026-06-05"/></AvailStatusMessage>';
    const answer = await send(p, 'POST', '/ota_xml', availNotif('H1', good + backwards + noRoom));
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('<Error Type="3" Code="15">Invalid date range 2026-06-05..2026-06-04</Error>');
    expect(answer.text).toContain('<Error Type="10" Code="321">');
    expect(answer.text).not.toContain('<Success/>');
    expect(p.state.availability.size).toBe(0);
  });

  it('serves unacknowledged reservations on every OTA_ReadRQ until an OTA_NotifReportRQ acknowledges them', async () => {
    const p = partner();
    const a = p.createReservation({ hotelCode: 'H1', rooms: [stay] });
    const b = p.createReservation({ hotelCode: 'H1', rooms: [stay] });
    p.createReservation({ hotelCode: 'H2', rooms: [stay] });
    const first = await send(p, 'POST', '/ota_xml', readRQ());
    expect(first.text).toMatch(/^<\?xml[^>]*\?><OTA_ResRetrieveRS [^>]*><Success\/><ReservationsList>/);
    expect(ids(first.text)).toEqual([a.id, b.id]);
    // Not acknowledged: served again.
    expect(ids((await send(p, 'POST', '/ota_xml', readRQ())).text)).toEqual([a.id, b.id]);

    const ack = await send(p, 'POST', '/ota_xml', notifReport([a.id, 'nope']));
    expect(ack.text).toMatch(
      /<OTA_NotifReportRS [^>]*><Success\/><Warnings><Warning Type="3" Code="245">Unknown reservation nope<\/Warning><\/Warnings><\/OTA_NotifReportRS>$/,
    );
    expect(ids((await send(p, 'POST', '/ota_xml', readRQ())).text)).toEqual([b.id]);
    expect(p.state.reservations.get(a.id)).toMatchObject({ deliveredVersion: 1, confirmationNumber: 'WH-1' });

    // A change after the acknowledgement comes again, as Modify, with the hotel's confirmation number.
    p.modifyReservation(a.id, { rooms: [{ ...stay, checkOut: '2026-06-04', amount: 33000 }] });
    const modified = (await send(p, 'POST', '/ota_xml', readRQ())).text;
    expect(ids(modified)).toEqual([a.id, b.id]);
    expect(modified).toContain('<HotelReservation ResStatus="Modify"');
    expect(modified).toContain('<HotelReservationID ResID_Type="10" ResID_Value="WH-1"/>');
    expect(modified).toContain('<Total AmountAfterTax="330.00" CurrencyCode="EUR"/>');
  });

  it('an acknowledgement covers the version the pull served: a change in between is served again', async () => {
    const p = partner();
    const a = p.createReservation({ hotelCode: 'H1', rooms: [stay] });
    await send(p, 'POST', '/ota_xml', readRQ());
    p.cancelReservation(a.id);
    await send(p, 'POST', '/ota_xml', notifReport([a.id]));
    const again = (await send(p, 'POST', '/ota_xml', readRQ())).text;
    expect(ids(again)).toEqual([a.id]);
    expect(again).toContain('<HotelReservation ResStatus="Cancel"');
  });

  it('an OTA_NotifReportRQ with Errors delivers the reservation but records the refusal', async () => {
    const p = partner();
    const a = p.createReservation({ hotelCode: 'H1', rooms: [stay] });
    await send(p, 'POST', '/ota_xml', readRQ());
    await send(
      p,
      'POST',
      '/ota_xml',
      notifReport([a.id], '<Errors><Error Type="3" Code="402">Invalid room type</Error></Errors>'),
    );
    expect(p.pending('H1')).toEqual([]);
    expect(p.state.reservations.get(a.id)?.acknowledgements).toEqual([
      expect.objectContaining({ accepted: false, errors: [{ type: '3', code: '402', text: 'Invalid room type' }] }),
    ]);
  });

  it('answers OTA_PingRQ with its EchoData, and refuses what it does not implement or cannot read', async () => {
    const p = partner();
    const ping = await send(
      p,
      'POST',
      '/ota_xml',
      `<OTA_PingRQ ${NS} Version="1.0" EchoToken="7"><EchoData>are you there</EchoData></OTA_PingRQ>`,
    );
    expect(ping.text).toMatch(
      /<OTA_PingRS [^>]*EchoToken="7"><Success\/><EchoData>are you there<\/EchoData><\/OTA_PingRS>$/,
    );
    const other = await send(p, 'POST', '/ota_xml', `<OTA_HotelRatePlanNotifRQ ${NS} Version="1.0"/>`);
    expect(other.status).toBe(400);
    expect(other.text).toContain('<OTA_HotelRatePlanNotifRS');
    expect(other.text).toContain(
      '<Error Type="2" Code="459">OTA_HotelRatePlanNotifRQ is not accepted at /ota_xml</Error>',
    );
    const garbage = await send(p, 'POST', '/ota_xml', '<OTA_ReadRQ><unclosed></OTA_ReadRQ>');
    expect(garbage.status).toBe(400);
    expect(garbage.text).toContain('ErrorCode="450"');
    expect((await send(p, 'POST', '/nowhere', readRQ())).status).toBe(404);
  });
});

describe('OTA partner emulator: booking_com flavour', () => {
  it('GET OTA_HotelResNotif serves new reservations until an OTA_HotelResNotifRS acknowledges them; Errors keep them queued', async () => {
    const p = partner();
    const a = p.createReservation({ hotelCode: 'H1', rooms: [stay] });
    const b = p.createReservation({ hotelCode: 'H2', rooms: [stay] });
    const pulled = await send(p, 'GET', `${BOOKING}/OTA_HotelResNotif`);
    expect(pulled.text).toMatch(
      /^<\?xml[^>]*\?><OTA_HotelResNotifRQ [^>]*><HotelReservations><HotelReservation ResStatus="Commit"/,
    );
    expect(ids(pulled.text)).toEqual([a.id, b.id]);
    expect(ids((await send(p, 'GET', `${BOOKING}/OTA_HotelResNotif?hotel_ids=H2`)).text)).toEqual([b.id]);

    const refused = await send(
      p,
      'POST',
      `${BOOKING}/OTA_HotelResNotif`,
      bookingAck('OTA_HotelResNotifRS', [a.id], true),
    );
    expect(refused.text).toMatch(/<OTA_HotelResNotifRS [^>]*><Success\/><\/OTA_HotelResNotifRS>$/);
    expect(ids((await send(p, 'GET', `${BOOKING}/OTA_HotelResNotif`)).text)).toEqual([a.id, b.id]);

    await send(p, 'POST', `${BOOKING}/OTA_HotelResNotif`, bookingAck('OTA_HotelResNotifRS', [a.id]));
    expect(ids((await send(p, 'GET', `${BOOKING}/OTA_HotelResNotif`)).text)).toEqual([b.id]);
    expect(p.state.reservations.get(a.id)).toMatchObject({ deliveredVersion: 1, confirmationNumber: `WH-${a.id}` });
  });

  it('GET OTA_HotelResModifyNotif serves modifications and cancellations until OTA_HotelResModifyNotifRS acknowledges them', async () => {
    const p = partner();
    const a = p.createReservation({ hotelCode: 'H1', rooms: [stay] });
    const b = p.createReservation({ hotelCode: 'H1', rooms: [stay] });
    await send(p, 'GET', `${BOOKING}/OTA_HotelResNotif`);
    await send(p, 'POST', `${BOOKING}/OTA_HotelResNotif`, bookingAck('OTA_HotelResNotifRS', [a.id, b.id]));
    expect(await send(p, 'GET', `${BOOKING}/OTA_HotelResModifyNotif`)).toMatchObject({ status: 200 });
    p.modifyReservation(a.id, { guest: { firstName: 'Eva', lastName: 'Neu' } });
    p.cancelReservation(b.id);
    // A never-delivered reservation changed before the first pull is still new, with its current content.
    const c = p.createReservation({ hotelCode: 'H1', rooms: [stay] });
    p.modifyReservation(c.id, { specialRequests: 'Cot please' });

    const changes = (await send(p, 'GET', `${BOOKING}/OTA_HotelResModifyNotif`)).text;
    expect(changes).toMatch(/<OTA_HotelResModifyNotifRQ [^>]*><HotelResModifies><HotelResModify ResStatus="Modify"/);
    expect(ids(changes)).toEqual([a.id, b.id]);
    expect(changes).toContain('<HotelResModify ResStatus="Cancel"');
    const fresh = (await send(p, 'GET', `${BOOKING}/OTA_HotelResNotif`)).text;
    expect(ids(fresh)).toEqual([c.id]);
    expect(fresh).toContain('<Text>Cot please</Text>');

    await send(p, 'POST', `${BOOKING}/OTA_HotelResModifyNotif`, bookingAck('OTA_HotelResModifyNotifRS', [a.id, b.id]));
    expect(ids((await send(p, 'GET', `${BOOKING}/OTA_HotelResModifyNotif`)).text)).toEqual([]);
  });

  it('takes ARI at Booking.com’s own paths, each message at its path only', async () => {
    const p = partner();
    const avail = availNotif(
      'H1',
      '<AvailStatusMessage BookingLimit="0"><StatusApplicationControl Start="2026-06-01" End="2026-06-01" InvTypeCode="DBL"/></AvailStatusMessage>',
    );
    expect((await send(p, 'POST', `${BOOKING}/OTA_HotelAvailNotif`, avail)).text).toContain('<Success/>');
    expect(
      (
        await send(
          p,
          'POST',
          `${BOOKING}/OTA_HotelRateAmountNotif`,
          rateNotif('H1', '2026-06-01', '2026-06-01', '99.00'),
        )
      ).text,
    ).toContain('<Success/>');
    expect(p.availability('H1', 'DBL', null, '2026-06-01')).toEqual({ bookingLimit: 0 });
    expect(p.rate('H1', 'DBL', 'FLEX', '2026-06-01')?.amount).toBe('99.00');
    const misplaced = await send(
      p,
      'POST',
      `${BOOKING}/OTA_HotelAvailNotif`,
      rateNotif('H1', '2026-06-02', '2026-06-02', '1.00'),
    );
    expect(misplaced.status).toBe(400);
    expect(p.rate('H1', 'DBL', 'FLEX', '2026-06-02')).toBeUndefined();
    expect((await send(p, 'GET', `${BOOKING}/OTA_HotelAvailNotif`)).status).toBe(405);
  });
});

describe('OTA partner emulator: controls', () => {
  it('fails the next N matching requests with an HTTP status, an OTA Errors answer or a lost connection', async () => {
    const p = partner();
    const ping = `<OTA_PingRQ ${NS} Version="1.0"><EchoData>x</EchoData></OTA_PingRQ>`;
    p.failNext(2, { http: 503 }, 'OTA_HotelAvailNotifRQ');
    p.failNext(1, { errors: [{ type: '12', code: '448', text: 'System error' }] });
    const avail = availNotif(
      'H1',
      '<AvailStatusMessage BookingLimit="1"><StatusApplicationControl Start="2026-06-01" End="2026-06-01" InvTypeCode="DBL"/></AvailStatusMessage>',
    );
    expect((await send(p, 'POST', '/ota_xml', avail)).status).toBe(503);
    // The ping does not match the first plan; the second (any request) answers it with Errors.
    const errored = await send(p, 'POST', '/ota_xml', ping);
    expect(errored).toMatchObject({ status: 200 });
    expect(errored.text).toContain('<OTA_PingRS');
    expect(errored.text).toContain('<Errors><Error Type="12" Code="448">System error</Error></Errors>');
    expect((await send(p, 'POST', '/ota_xml', avail)).status).toBe(503);
    expect(p.availability('H1', 'DBL', null, '2026-06-01')).toBeUndefined();
    expect((await send(p, 'POST', '/ota_xml', avail)).status).toBe(200);
    expect(p.availability('H1', 'DBL', null, '2026-06-01')).toEqual({ bookingLimit: 1 });

    p.failNext(1, { network: true }, 'OTA_HotelResNotif');
    await expect(send(p, 'GET', `${BOOKING}/OTA_HotelResNotif`)).rejects.toThrow('Network connection lost.');
    expect((await send(p, 'GET', `${BOOKING}/OTA_HotelResNotif`)).status).toBe(200);
    expect(p.state.received.map((r) => [r.message, r.status])).toEqual([
      ['OTA_HotelAvailNotifRQ', 503],
      ['OTA_PingRQ', 200],
      ['OTA_HotelAvailNotifRQ', 503],
      ['OTA_HotelAvailNotifRQ', 200],
      ['OTA_HotelResNotif', 200],
    ]);
  });

  it('answers the next N matching requests with Warnings, and still applies them', async () => {
    const p = partner();
    p.warnNext(1, [{ type: '11', code: '402', text: 'Room DBL is not sold on this channel' }]);
    const answer = await send(p, 'POST', '/ota_xml', rateNotif('H1', '2026-06-01', '2026-06-01', '120.00'));
    expect(answer.text).toMatch(
      /<Success\/><Warnings><Warning Type="11" Code="402">Room DBL is not sold on this channel<\/Warning><\/Warnings><\/OTA_HotelRateAmountNotifRS>$/,
    );
    expect(p.rate('H1', 'DBL', 'FLEX', '2026-06-01')?.amount).toBe('120.00');
    expect(
      (await send(p, 'POST', '/ota_xml', rateNotif('H1', '2026-06-01', '2026-06-01', '120.00'))).text,
    ).not.toContain('Warnings');
  });

  it('creates, modifies and cancels reservations with the given codes, dates, guests, amounts and card', () => {
    const p = partner();
    const r = p.createReservation({
      hotelCode: 'H1',
      id: 'BDC-1',
      currency: 'JPY',
      rooms: [
        {
          roomCode: 'TWN',
          rateCode: 'NREF',
          checkIn: '2026-07-01',
          checkOut: '2026-07-04',
          adults: 1,
          children: 2,
          amount: 30001,
        },
      ],
      guest: { firstName: 'Yuki', lastName: 'Tanaka', email: 'yuki@guest.example', country: 'JP' },
      card: { code: 'MC', number: '5555555555554444', holder: 'Yuki Tanaka', expiry: '0830' },
    });
    expect(r.rooms[0]).toMatchObject({ adults: 1, children: 2, nightly: [10001, 10000, 10000], amount: 30001 });
    expect(() => p.createReservation({ hotelCode: 'H1', id: 'BDC-1', rooms: [stay] })).toThrow('exists');
    expect(() => p.createReservation({ hotelCode: 'H1', rooms: [{ ...stay, checkOut: stay.checkIn }] })).toThrow(
      'bad stay',
    );
    expect(() => p.createReservation({ hotelCode: 'H1', rooms: [{ ...stay, nightly: [1] }] })).toThrow(
      '1 prices for 2 nights',
    );
    expect(p.modifyReservation('BDC-1', { rooms: [{ ...stay, nightly: [15000, 16000] }] })).toMatchObject({
      version: 2,
      kind: 'new',
    });
    expect(p.cancelReservation('BDC-1')).toMatchObject({ version: 3, kind: 'cancel' });
    expect(() => p.modifyReservation('BDC-1', {})).toThrow('cancelled');
  });

  it('pushes a reservation with Basic credentials; a Success with the hotel’s confirmation number delivers it', async () => {
    const p = partner();
    const r = p.createReservation({ hotelCode: 'H1', rooms: [stay] });
    const seen: { auth: string | null; type: string | null; body: string }[] = [];
    const answers = [
      `<OTA_HotelResNotifRS ${NS} Version="1.0"><Errors><Error Type="3" Code="402">Unknown room</Error></Errors></OTA_HotelResNotifRS>`,
      `<OTA_HotelResNotifRS ${NS} Version="1.0"><Success/><HotelReservations><HotelReservation><ResGlobalInfo><HotelReservationIDs><HotelReservationID ResID_Type="14" ResID_Value="${r.id}"/><HotelReservationID ResID_Type="10" ResID_Value="RES-9"/></HotelReservationIDs></ResGlobalInfo></HotelReservation></HotelReservations></OTA_HotelResNotifRS>`,
    ];
    const target = {
      url: 'http://hotel.test/api/v1/ota/ch_1/reservations',
      username: 'u',
      password: 'p:w',
      fetch: async (request: Request) => {
        seen.push({
          auth: request.headers.get('authorization'),
          type: request.headers.get('content-type'),
          body: await request.text(),
        });
        return new Response(answers.shift(), { status: 200 });
      },
    };
    const refused = await p.pushReservation(r.id, target);
    expect(refused).toMatchObject({
      accepted: false,
      confirmationNumber: null,
      errors: [{ type: '3', code: '402', text: 'Unknown room' }],
    });
    expect(p.pending('H1').map((x) => x.id)).toEqual([r.id]);
    const accepted = await p.pushReservation(r.id, target);
    expect(accepted).toMatchObject({ status: 200, accepted: true, confirmationNumber: 'RES-9', errors: [] });
    expect(p.pending('H1')).toEqual([]);
    expect(seen[0]?.auth).toBe(`Basic ${btoa('u:p:w')}`);
    expect(seen[0]?.type).toBe('text/xml; charset=utf-8');
    expect(seen[0]?.body).toMatch(
      /<OTA_HotelResNotifRQ [^>]*ResStatus="Commit"><HotelReservations><HotelReservation ResStatus="Commit"/,
    );

    p.cancelReservation(r.id);
    await p.pushReservation(r.id, {
      ...target,
      flavour: 'booking_com',
      fetch: async (q) => {
        seen.push({ auth: null, type: null, body: await q.text() });
        return new Response('oops', { status: 502 });
      },
    });
    expect(seen[2]?.body).toContain('<OTA_HotelResModifyNotifRQ');
    expect(p.state.reservations.get(r.id)?.acknowledgements.at(-1)).toMatchObject({
      message: 'HTTP 502',
      accepted: false,
    });
    expect(p.pending('H1').map((x) => x.id)).toEqual([r.id]);
  });

  it('useOtaPartner answers fetches to http://ota.test (the worker’s outbound requests too)', async () => {
    const p = useOtaPartner();
    p.createReservation({ hotelCode: OTA_PARTNER.hotelCode, rooms: [stay] });
    const response = await fetch(`${OTA_PARTNER.bookingComBase}/OTA_HotelResNotif`, {
      headers: { authorization: `Basic ${btoa(`${OTA_PARTNER.username}:${OTA_PARTNER.password}`)}` },
    });
    expect(response.status).toBe(200);
    expect(ids(await response.text())).toHaveLength(1);
    expect(p.state.received.map((r) => r.message)).toEqual(['OTA_HotelResNotif']);
  });
});

describe.skipIf(SKIP_CONFORMANCE)(
  `OTA partner emulator: what it generates validates against the 2015A XSDs ${SKIP_CONFORMANCE ? CONFORMANCE_SKIP_REASON : ''}`,
  () => {
    it('reservations (new, modified, cancelled; two rooms, children, card, special request) and its answers', async () => {
      const p = partner();
      const full = p.createReservation({
        hotelCode: 'H1',
        rooms: [
          { ...stay, children: 1, nightly: [16500, 17000] },
          { roomCode: 'STE', rateCode: 'NREF', checkIn: '2026-06-02', checkOut: '2026-06-05', adults: 3 },
        ],
        guest: {
          firstName: 'Ana',
          lastName: 'O’Brien & Co',
          email: 'ana@guest.example',
          phone: '+43 1 234 5678',
          country: 'AT',
        },
        card: {
          code: 'VI',
          number: '4111111111111111',
          holder: 'Ana O Brien',
          expiry: '1229',
          cvv: '123',
          virtual: true,
        },
        specialRequests: 'Late arrival <after 22:00>',
      });
      const plain = p.createReservation({ hotelCode: 'H1', rooms: [stay] });
      const messages: string[] = [];
      messages.push((await send(p, 'POST', '/ota_xml', readRQ())).text);
      messages.push((await send(p, 'GET', `${BOOKING}/OTA_HotelResNotif`)).text);
      await send(p, 'POST', '/ota_xml', notifReport([full.id, plain.id]));
      messages.push((await send(p, 'POST', '/ota_xml', readRQ())).text); // empty list
      p.modifyReservation(full.id, { rooms: [stay] });
      p.cancelReservation(plain.id);
      messages.push((await send(p, 'GET', `${BOOKING}/OTA_HotelResModifyNotif`)).text);
      messages.push((await send(p, 'GET', `${BOOKING}/OTA_HotelResNotif`)).text); // empty
      p.warnNext(1);
      messages.push((await send(p, 'POST', '/ota_xml', rateNotif('H1', '2026-06-01', '2026-06-01', '1.00'))).text);
      messages.push((await send(p, 'POST', '/ota_xml', availNotif('H1', '<AvailStatusMessage/>'), 'x:y')).text);
      messages.push((await send(p, 'POST', '/ota_xml', '<whatever/>')).text);
      messages.push(
        (await send(p, 'POST', '/ota_xml', `<OTA_PingRQ ${NS} Version="1.0"><EchoData>x</EchoData></OTA_PingRQ>`)).text,
      );
      const pushed: string[] = [];
      for (const flavour of ['ota_xml', 'booking_com'] as const) {
        await p.pushReservation(full.id, {
          url: 'http://hotel.test/push',
          username: 'u',
          password: 'p',
          flavour,
          fetch: async (request) => {
            pushed.push(await request.text());
            return new Response('');
          },
        });
      }
      for (const xml of [...messages, ...pushed]) expect(await otaSchemaErrors(xml), xml).toEqual([]);
      expect(messages[0]).toContain('<CardNumber><PlainText>4111111111111111</PlainText></CardNumber>');
      expect(pushed[1]).toContain('<OTA_HotelResModifyNotifRQ');
    });
  },
);
