import { describe, expect, it } from 'vitest';
import type { InboundBatch } from '../../src/modules/channels/adapter';
import type { ImportOutcome, InboundReservation } from '../../src/modules/channels/domain';
import { readAnswer } from '../../src/modules/channels/xml/answer';
import { answerPing } from '../../src/modules/channels/xml/ping';
import { buildResNotifRS, readResNotif } from '../../src/modules/channels/xml/res-notif';
import { readResRetrieveRS } from '../../src/modules/channels/xml/res-retrieve';
import { parseXml } from '../../src/modules/channels/xml/xml';
import {
  CONFORMANCE_SKIP_REASON,
  listSamples,
  otaSchemaErrors,
  readSample,
  SKIP_CONFORMANCE,
} from '../helpers/conformance';

/**
 * Every official OpenTravel 2011B hotel sample and the AlpineBits GuestRequests samples
 * (../shared/conformance/ota/samples). Reservation-bearing messages parse to what they say (checked
 * by hand below); every other message is recognised by its root and refused by the reservation
 * readers as `wrong_root` — cleanly, as a value.
 */
const OT = 'samples/opentravel-2011b';

type Expectation = { reservations: Partial<InboundReservation>[] } | { refused: 'invalid' | 'wrong_root' };

const dewberry = {
  firstName: 'David',
  lastName: 'Dewberry',
  email: 'david.dewberry@dewberrycorp.com',
  phone: '7245554321',
  country: null,
};

/** The reservation-bearing 2011B samples, by hand. */
const RESERVATION_SAMPLES: Record<string, Expectation> = {
  'OTA_HotelResNotifRQ.xml': {
    reservations: [
      {
        channelReservationId: '7865',
        kind: 'new',
        hotelCode: 'WASJW',
        totalAmount: 56000,
        rooms: [
          {
            roomCode: null,
            rateCode: 'CORA999',
            checkIn: '2005-10-18',
            checkOut: '2005-10-20',
            adults: 1,
            children: 0,
            nightly: [
              { date: '2005-10-18', amount: 28000 },
              { date: '2005-10-19', amount: 28000 },
            ],
            totalAmount: 56000,
          },
        ],
        guest: dewberry,
        specialRequests: 'non-smoking Room requested;king bed',
        card: { brand: 'visa', last4: '1202', expiry: '2005-12' },
        channelCollect: false,
      },
    ],
  },
  // A billing instruction with no reservation id at all: nothing to import it under.
  'OTA_HotelResNotifRQ2.xml': { refused: 'invalid' },
  'OTA_HotelResNotifRQ3.xml': {
    reservations: [
      {
        channelReservationId: '193350531',
        kind: 'new',
        currency: 'USD',
        // Rate ChargeType 1 (daily) without dates: Total 200 for each of the 5 nights.
        totalAmount: 100000,
        guest: {
          firstName: 'Jane',
          lastName: 'Smith',
          email: 'janesmith@anycompany.com',
          phone: '999-999-9999',
          country: null,
        },
        // The ResGlobalInfo guarantee card, not a profile's stored card.
        card: { brand: 'mastercard', last4: '9999', expiry: '2012-12' },
      },
    ],
  },
  'OTA_HotelResNotifRQ_Disability.xml': {
    reservations: [{ channelReservationId: '7865', kind: 'new', hotelCode: 'AAABC', guest: dewberry }],
  },
  'OTA_HotelResModifyNotifRQ.xml': {
    reservations: [
      {
        channelReservationId: '7865',
        kind: 'modify',
        totalAmount: 84000,
        card: { brand: 'visa', last4: '1202', expiry: '2005-12' },
      },
    ],
  },
  'OTA_ResRetrieveRS2.xml': {
    reservations: [
      { channelReservationId: '83428984', hotelCode: 'WASTC', totalAmount: null },
      { channelReservationId: '80422743', hotelCode: 'WASTC' },
    ],
  },
};

function read(xml: string): InboundBatch {
  const parsed = parseXml(xml);
  return parsed.ok && parsed.root === 'OTA_ResRetrieveRS' ? readResRetrieveRS(xml) : readResNotif(xml);
}

function expectBatch(batch: InboundBatch, expectation: Expectation) {
  if ('refused' in expectation) {
    expect(batch).toMatchObject({ ok: false, refusal: { reason: expectation.refused } });
    return;
  }
  expect(batch.ok, batch.ok ? '' : batch.refusal.message).toBe(true);
  if (!batch.ok) return;
  expect(batch.reservations).toHaveLength(expectation.reservations.length);
  expectation.reservations.forEach((expected, index) => {
    expect(batch.reservations[index]).toMatchObject(expected);
  });
}

describe.skipIf(SKIP_CONFORMANCE)(`OpenTravel 2011B samples ${SKIP_CONFORMANCE ? CONFORMANCE_SKIP_REASON : ''}`, () => {
  it('every sample is read as a reservation batch, or recognised and refused cleanly', async () => {
    const names = await listSamples(OT);
    expect(names.length).toBeGreaterThanOrEqual(50);
    for (const name of names) {
      const xml = await readSample(`${OT}/${name}`);
      const parsed = parseXml(xml);
      expect(parsed.ok, name).toBe(true);
      if (!parsed.ok) continue;
      const expectation = RESERVATION_SAMPLES[name];
      if (expectation !== undefined) {
        expectBatch(read(xml), expectation);
        expect(JSON.stringify(read(xml)), name).not.toMatch(/4111111111111202|9999999999999999/);
        continue;
      }
      expect(parsed.root, `${name} carries reservations but has no expectation`).not.toMatch(
        /^OTA_(HotelResNotifRQ|HotelResModifyNotifRQ|ResRetrieveRS)$/,
      );
      expect(readResNotif(xml), name).toMatchObject({ ok: false, refusal: { reason: 'wrong_root' } });
      expect(readResRetrieveRS(xml), name).toMatchObject({ ok: false, refusal: { reason: 'wrong_root' } });
      if (parsed.root.endsWith('RS')) expect(['success', 'warning', 'error'], name).toContain(readAnswer(xml).outcome);
    }
  });

  it('a ping is answered with OTA_PingRS echoing its EchoData, valid against 2015A', async () => {
    const parsed = parseXml(await readSample(`${OT}/OTA_PingRQ.xml`));
    if (!parsed.ok) throw new Error('sample not readable');
    const answer = answerPing(parsed.node);
    expect(answer).toMatch(/<Success\/><EchoData>Are you There<\/EchoData>/i);
    expect(await otaSchemaErrors(answer)).toEqual([]);
  });

  it('the answer to the 2011B notifications names each reservation, valid against 2015A', async () => {
    const xml = await readSample(`${OT}/OTA_HotelResModifyNotifRQ.xml`);
    const outcomes: ImportOutcome[] = [
      { channelReservationId: '7865', kind: 'modify', status: 'imported', confirmationNumber: 'WH-7K2Q9', error: null },
    ];
    const answer = buildResNotifRS('OTA_HotelResModifyNotifRQ', '602', outcomes);
    expect(answer).toContain('<OTA_HotelResModifyNotifRS');
    expect(answer).toContain('EchoToken="602"');
    expect(answer).toContain('ResID_Value="WH-7K2Q9"');
    expect(read(xml).ok).toBe(true);
    expect(await otaSchemaErrors(answer)).toEqual([]);
  });
});

describe.skipIf(SKIP_CONFORMANCE)(
  `AlpineBits GuestRequests samples ${SKIP_CONFORMANCE ? CONFORMANCE_SKIP_REASON : ''}`,
  () => {
    const otto = { firstName: 'Otto', lastName: 'Mustermann', email: 'otto.mustermann@example.com', country: 'DE' };
    const reservation: Partial<InboundReservation> = {
      channelReservationId: '6b34fe24ac2ff810',
      kind: 'new',
      hotelCode: '123',
      createdAt: '2012-03-21T15:00:00+01:00',
      currency: 'EUR',
      totalAmount: 29900,
      guest: { ...otto, phone: '+4934567891' },
      card: { brand: 'visa', last4: '1111', expiry: '2016-12' },
    };
    const EXPECTED: Record<string, Expectation> = {
      'GuestRequests-OTA_HotelResNotifRQ-reservation-push.xml': { reservations: [reservation] },
      'GuestRequests-OTA_ResRetrieveRS-reservation.xml': { reservations: [reservation] },
      // UniqueID Type 15: the cancellation of that id.
      'GuestRequests-OTA_ResRetrieveRS-cancellation.xml': {
        reservations: [{ channelReservationId: 'c24e8b15ca469388', kind: 'cancel', rooms: [] }],
      },
      'GuestRequests-OTA_ResRetrieveRS-reservation-empty.xml': { reservations: [] },
      'GuestRequests-OTA_ResRetrieveRS-error.xml': { reservations: [] },
      // A quote request over a window of arrival dates: no stay to book.
      'GuestRequests-OTA_ResRetrieveRS-request-with-roomtype.xml': { refused: 'invalid' },
    };

    it.each(['alpinebits-2018-10', 'alpinebits-2020-10'])('%s: every reservation message', async (dir) => {
      const names = (await listSamples(`samples/${dir}`)).filter((n) => /ResNotifRQ|ResRetrieveRS/.test(n));
      expect(names.sort()).toEqual(Object.keys(EXPECTED).sort());
      for (const name of names) {
        const xml = await readSample(`samples/${dir}/${name}`);
        expectBatch(read(xml), EXPECTED[name] as Expectation);
        expect(JSON.stringify(read(xml))).not.toContain('4444333322221111');
      }
      const error = readResRetrieveRS(await readSample(`samples/${dir}/GuestRequests-OTA_ResRetrieveRS-error.xml`));
      expect(error).toMatchObject({ ok: true, answer: { outcome: 'error', errors: [{ code: '392' }] } });
    });
  },
);
