import { describe, expect, it } from 'vitest';
import { createExpediaEmulator, type ExpediaEmulator } from '../../emulators/expedia/emulator.ts';

/** The Expedia emulator (emulators/expedia) behaves as Expedia QuickConnect does: the BR/BC tests rely on it. */

const NS = {
  ar: 'xmlns="http://www.expediaconnect.com/EQC/AR/2011/06"',
  br: 'xmlns="http://www.expediaconnect.com/EQC/BR/2014/01"',
  bc: 'xmlns="http://www.expediaconnect.com/EQC/BC/2007/09"',
};
const AUTH = '<Authentication username="hotelier" password="secret1"/>';

function expedia(): ExpediaEmulator {
  return createExpediaEmulator({
    accounts: { hotelier: { password: 'secret1' }, other: { password: 'secret2', hotelIds: ['222'] } },
    now: () => new Date('2026-05-01T10:00:00Z'),
  });
}

async function post(e: ExpediaEmulator, path: string, body: string) {
  const response = await e.fetch(new Request(`http://expedia.test${path}`, { method: 'POST', body }));
  return { status: response.status, text: await response.text() };
}

const br = (params = '', hotel = '<Hotel id="111"/>', auth = AUTH) =>
  `<BookingRetrievalRQ ${NS.br}>${auth}${hotel}${params ? `<ParamSet>${params}</ParamSet>` : ''}</BookingRetrievalRQ>`;
const bc = (numbers: [string, string, string][], hotel = '111') =>
  `<BookingConfirmRQ ${NS.bc}>${AUTH}<Hotel id="${hotel}"/><BookingConfirmNumbers>${numbers
    .map(
      ([id, type, number]) =>
        `<BookingConfirmNumber bookingID="${id}" bookingType="${type}" confirmNumber="${number}" confirmTime="2026-05-01T10:00:00Z"/>`,
    )
    .join('')}</BookingConfirmNumbers></BookingConfirmRQ>`;
const served = (xml: string) =>
  [...xml.matchAll(/<Booking id="(\d+)" type="(\w+)"[^>]* status="(\w+)"/g)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
const stay = { hotelId: '111', roomTypeId: 'RT1', ratePlanId: 'RP1', arrival: '2026-06-01', departure: '2026-06-03' };

describe('Expedia emulator: requests it refuses', () => {
  it('answers EQC Error codes: 1001 credentials, 2002 not XML, 2010 namespace, 3202 a hotel of another login', async () => {
    const e = expedia();
    expect(
      (await post(e, '/eqc/br', br('', '', '<Authentication username="hotelier" password="nope!!"/>'))).text,
    ).toContain('<Error code="1001">Invalid username/password</Error>');
    expect((await post(e, '/eqc/br', 'not xml <')).text).toContain('<Error code="2002">');
    expect((await post(e, '/eqc/br', br().replace('2014/01', '2007/02'))).text).toContain('<Error code="2010">');
    const foreign = br('', '<Hotel id="111"/>', '<Authentication username="other" password="secret2"/>');
    expect((await post(e, '/eqc/br', foreign)).text).toContain('<Error code="3202">');
    expect((await e.fetch(new Request('http://expedia.test/eqc/xx', { method: 'POST' }))).status).toBe(404);
  });
});

describe('Expedia emulator: AR', () => {
  it('keeps room-type and rate-plan nights from AvailRateUpdateRQ, weekday flags included', async () => {
    const e = expedia();
    const rq = `<AvailRateUpdateRQ ${NS.ar}>${AUTH}<Hotel id="111"/><AvailRateUpdate><DateRange from="2026-06-01" to="2026-06-07" sat="true" sun="true"/><RoomType id="RT1" closed="false"><Inventory totalInventoryAvailable="4"/><RatePlan id="RP1" closed="false"><Rate currency="EUR"><PerDay rate="120.00"/></Rate><Restrictions minLOS="2" maxLOS="7" closedToArrival="true" closedToDeparture="false"/></RatePlan></RoomType></AvailRateUpdate></AvailRateUpdateRQ>`;
    const answer = await post(e, '/eqc/ar', rq);
    expect(answer.text).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><AvailRateUpdateRS xmlns="http://www.expediaconnect.com/EQC/AR/2011/06"><Success/></AvailRateUpdateRS>',
    );
    // 2026-06-06 is a Saturday; the weekdays are left alone.
    expect(e.ari('111', 'RT1', null, '2026-06-06')).toEqual({ closed: false, totalInventoryAvailable: 4 });
    expect(e.ari('111', 'RT1', 'RP1', '2026-06-07')).toEqual({
      closed: false,
      rate: '120.00',
      currency: 'EUR',
      minLOS: 2,
      maxLOS: 7,
      closedToArrival: true,
      closedToDeparture: false,
    });
    expect(e.ari('111', 'RT1', 'RP1', '2026-06-05')).toBeUndefined();
    const backwards = rq.replace('to="2026-06-07"', 'to="2026-05-07"');
    expect((await post(e, '/eqc/ar', backwards)).text).toContain('<Error code="3010">');
  });
});

describe('Expedia emulator: BR and BC', () => {
  it('serves pending transactions once by default, retrieved ones when asked, and the next only after a confirmation', async () => {
    const e = expedia();
    const booking = e.createBooking({ ...stay, id: '5001' });
    expect(served((await post(e, '/eqc/br', br())).text)).toEqual(['5001 Book pending']);
    expect(served((await post(e, '/eqc/br', br())).text)).toEqual([]);
    const both = '<Status value="pending"/><Status value="retrieved"/>';
    expect(served((await post(e, '/eqc/br', br(both))).text)).toEqual(['5001 Book retrieved']);
    e.modifyBooking(booking.id, { departure: '2026-06-04' });
    // The Modify waits for the Book's confirmation.
    expect(served((await post(e, '/eqc/br', br(both))).text)).toEqual(['5001 Book retrieved']);
    expect((await post(e, '/eqc/bc', bc([['5001', 'Book', 'WH-1']]))).text).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><BookingConfirmRS xmlns="http://www.expediaconnect.com/EQC/BC/2007/08"><Success/></BookingConfirmRS>',
    );
    const modify = (await post(e, '/eqc/br', br(both))).text;
    expect(served(modify)).toEqual(['5001 Modify pending']);
    expect(modify).toContain('confirmNumber="WH-1"');
    expect(modify).toContain('<PerDayRate stayDate="2026-06-03" baseRate="100.00"/>');
    expect(served((await post(e, '/eqc/br', br('<NbDaysInPast>2</NbDaysInPast>'))).text)).toEqual([
      '5001 Modify retrieved',
    ]);
    expect(served((await post(e, '/eqc/br', br('<Booking id="5001"/>'))).text)).toEqual(['5001 Modify retrieved']);
    expect(e.unconfirmed('111').map((b) => b.id)).toEqual(['5001']);
  });

  it('answers a cancellation with zero codes and amounts, and takes confirmations with per-booking warnings', async () => {
    const e = expedia();
    e.createBooking({ ...stay, id: '6001' });
    e.createBooking({ ...stay, id: '6002', hotelId: '222' });
    await post(e, '/eqc/bc', bc([['6001', 'Book', 'WH-6001']]));
    e.cancelBooking('6001');
    const cancel = (await post(e, '/eqc/br', br())).text;
    expect(cancel).toContain('type="Cancel"');
    expect(cancel).toContain('<RoomStay roomTypeID="0" ratePlanID="0">');
    expect(cancel).toContain('<Total amountAfterTaxes="0.00" amountOfTaxes="0.00"/>');
    const answer = await post(
      e,
      '/eqc/bc',
      bc([
        ['6001', 'Modify', 'WH-6001'],
        ['6002', 'Book', 'WH-6002'],
        ['9999', 'Book', 'WH-9999'],
        ['6001', 'Cancel', 'WH-6001'],
      ]),
    );
    expect(answer.text).toContain(
      '<Warning code="10100" bookingID="6001" bookingType="Modify" confirmNumber="WH-6001">',
    );
    expect(answer.text).toContain('<Warning code="10081" bookingID="6002"');
    expect(answer.text).toContain('<Warning code="10080" bookingID="9999"');
    expect(e.confirmations().map((c) => `${c.bookingId} ${c.type}`)).toEqual(['6001 Book', '6001 Cancel']);
    const eleven = Array.from({ length: 11 }, (_, i): [string, string, string] => [`${i}`, 'Book', `N${i}`]);
    expect((await post(e, '/eqc/bc', bc(eleven))).text).toContain('<Error code="3301">');
  });
});
