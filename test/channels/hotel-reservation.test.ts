import { describe, expect, it } from 'vitest';
import type { InboundBatch } from '../../src/modules/channels/adapter';
import type { InboundReservation } from '../../src/modules/channels/domain';
import { readResNotif } from '../../src/modules/channels/xml/res-notif';
import { readResRetrieveRS } from '../../src/modules/channels/xml/res-retrieve';
import { otaFixture } from '../helpers/ota-fixtures';

const fixture = otaFixture;

function reservationsOf(batch: InboundBatch): InboundReservation[] {
  if (!batch.ok) throw new Error(`refused: ${batch.refusal.reason} ${batch.refusal.message}`);
  return batch.reservations;
}

function only(batch: InboundBatch): InboundReservation {
  const reservations = reservationsOf(batch);
  expect(reservations).toHaveLength(1);
  return reservations[0] as InboundReservation;
}

describe('reading a 2015A reservation (hand-made fixtures)', () => {
  it('Commit: ids, dates, codes, guests, per-night prices in minor units, totals, guest, comments', () => {
    const reservation = only(readResNotif(fixture('commit')));
    expect(reservation).toEqual({
      channelReservationId: 'FX-100234',
      kind: 'new',
      hotelCode: 'HOTEL-FX',
      createdAt: '2026-03-01T09:58:12Z',
      currency: 'EUR',
      totalAmount: 57100,
      rooms: [
        {
          roomCode: 'DBL',
          rateCode: 'BAR',
          checkIn: '2026-04-10',
          checkOut: '2026-04-13',
          adults: 2,
          children: 1,
          nightly: [
            { date: '2026-04-10', amount: 12000 },
            { date: '2026-04-11', amount: 13550 },
            { date: '2026-04-12', amount: 13550 },
          ],
          totalAmount: 39100,
        },
        {
          roomCode: 'SGL',
          rateCode: 'BAR',
          checkIn: '2026-04-10',
          checkOut: '2026-04-12',
          adults: 1,
          children: 0,
          nightly: [],
          totalAmount: 18000,
        },
      ],
      guest: {
        firstName: 'Anna',
        lastName: 'Keller',
        email: 'anna.keller@example.com',
        phone: '+41791234567',
        country: 'CH',
      },
      specialRequests: 'Late arrival, around 23:00.',
      card: { brand: 'mastercard', last4: '4444', expiry: '2029-08' },
      channelCollect: false,
    });
  });

  it('never lets the card number or the security code out of the parser', () => {
    const commit = JSON.stringify(readResNotif(fixture('commit')));
    expect(commit).not.toContain('5555555555554444');
    expect(commit).not.toContain('737');
    const legacy = JSON.stringify(readResNotif(fixture('legacy-2003b')));
    expect(legacy).not.toMatch(/4000\s?0566\s?5566\s?5556/);
    expect(legacy).not.toContain('314');
    expect(legacy).toContain('"last4":"5556"');
  });

  it('Modify: a modification with its LastModifyDateTime; a virtual card is channel-collected, its last 4 from the mask', () => {
    const reservation = only(readResNotif(fixture('modify')));
    expect(reservation).toMatchObject({
      channelReservationId: 'FX-100234',
      kind: 'modify',
      createdAt: '2026-03-05T08:29:40Z',
      totalAmount: 50000,
      rooms: [{ roomCode: 'DBL', checkIn: '2026-04-10', checkOut: '2026-04-14', adults: 2, totalAmount: 50000 }],
      card: { brand: 'mastercard', last4: '8210', expiry: '2027-11' },
      channelCollect: true,
    });
    expect(reservation.rooms[0]?.nightly.map((n) => n.amount)).toEqual([12500, 12500, 12500, 12500]);
  });

  it('Cancel: the channel id and kind, no rooms needed', () => {
    expect(only(readResNotif(fixture('cancel')))).toMatchObject({
      channelReservationId: 'FX-100234',
      kind: 'cancel',
      hotelCode: 'HOTEL-FX',
      rooms: [],
    });
  });
});

describe('lenient with older partner forms', () => {
  it('reads the legacy message: prefixes, 2003B ResGuestRPH children, attribute card, no BasicPropertyInfo, trailing RUID', () => {
    const reservation = only(readResNotif(fixture('legacy-2003b')));
    expect(reservation).toEqual({
      channelReservationId: '4105723318',
      kind: 'new',
      hotelCode: null,
      createdAt: '2026-02-11T11:06:39',
      currency: 'EUR',
      totalAmount: 20950,
      rooms: [
        {
          roomCode: '36745601',
          rateCode: '1278606',
          checkIn: '2026-05-02',
          checkOut: '2026-05-04',
          // No GuestCounts: the two guests the RoomStay's ResGuestRPH children name.
          adults: 2,
          children: 0,
          nightly: [
            { date: '2026-05-02', amount: 9950 },
            { date: '2026-05-03', amount: 11000 },
          ],
          totalAmount: 20950,
        },
      ],
      // RPH 1, the first the RoomStay names, although RPH 2 comes first in ResGuests.
      guest: {
        firstName: 'Jan',
        lastName: 'de Vries',
        email: 'jan.devries@example.org',
        phone: '+31 20 555 0101',
        country: 'NL',
      },
      specialRequests: null,
      card: { brand: 'visa', last4: '5556', expiry: '2031-03' },
      channelCollect: false,
    });
  });

  it("the guarantee card is the one kept, not a card stored in the guest's profile", () => {
    const xml = otaFixture('legacy-2003b').replace(
      '<ota:Address><ota:CountryName>NL',
      '<ota:PaymentForm><ota:PaymentCard CardCode="AX" CardNumber="378282246310005" ExpireDate="0130"/></ota:PaymentForm><ota:Address><ota:CountryName>NL',
    );
    const reservation = only(readResNotif(xml));
    expect(reservation.card).toEqual({ brand: 'visa', last4: '5556', expiry: '2031-03' });
    expect(JSON.stringify(reservation)).not.toContain('378282246310005');
  });

  it("Agoda's form: the number as CardNumber text, the CVV as SecureInd, expiry MM/YYYY, a VirtualCreditCard extension", () => {
    const xml = otaFixture('commit').replace(
      /<PaymentCard CardCode="MC" ExpireDate="0829">[\s\S]*?<\/PaymentCard>/,
      '<PaymentCard CardCode="VI" EffectiveDate="2026-04-10"><CardHolderName>Agoda VCC</CardHolderName>' +
        '<CardNumber ExpireDate="09/2030" SecureInd="481">4917484589897107</CardNumber>' +
        '<TPA_Extensions><VirtualCreditCard CurrentBalance="100" CurrencyCode="EUR"/></TPA_Extensions></PaymentCard>',
    );
    const reservation = only(readResNotif(xml));
    expect(reservation.card).toEqual({ brand: 'visa', last4: '7107', expiry: '2030-09' });
    expect(reservation.channelCollect).toBe(true);
    expect(JSON.stringify(reservation)).not.toMatch(/4917484589897107|481/);
  });

  it('a payment of type PMT 43 ("Virtual card") is channel-collected; another type is not', () => {
    const typed = (code: string) =>
      otaFixture('commit').replace('<GuaranteeAccepted', `<GuaranteeAccepted GuaranteeTypeCode="${code}"`);
    expect(only(readResNotif(typed('43'))).channelCollect).toBe(true);
    expect(only(readResNotif(typed('5'))).channelCollect).toBe(false);
  });

  it('a payment description saying the channel collects makes it channel-collected; "pay at the property" does not', () => {
    const withPayment = (text: string) =>
      otaFixture('commit').replace(
        '<Total AmountAfterTax="571.00"',
        `<DepositPayments><GuaranteePayment><Description><Text>${text}</Text></Description></GuaranteePayment></DepositPayments><Total AmountAfterTax="571.00"`,
      );
    expect(only(readResNotif(withPayment('Payment by virtual credit card'))).channelCollect).toBe(true);
    expect(only(readResNotif(withPayment('Guests pay at the property'))).channelCollect).toBe(false);
  });

  it('the 2015A text form of ResGuestRPHs names guests too', () => {
    const xml = fixture('legacy-2003b').replace(
      /<ota:ResGuestRPHs>[\s\S]*?<\/ota:ResGuestRPHs>/,
      '<ota:ResGuestRPHs>1 2</ota:ResGuestRPHs>',
    );
    expect(only(readResNotif(xml)).rooms[0]?.adults).toBe(2);
  });

  it('a RoomStay without TimeSpan takes its stay from the rates it lists (ExpireDate = departure)', () => {
    const xml = fixture('modify').replace('<TimeSpan Start="2026-04-10" End="2026-04-14"/>', '');
    expect(only(readResNotif(xml)).rooms[0]).toMatchObject({ checkIn: '2026-04-10', checkOut: '2026-04-14' });
  });

  it('a Duration instead of End, and dateTimes instead of dates', () => {
    const xml = fixture('cancel')
      .replaceAll('ResStatus="Cancel"', 'ResStatus="Commit"')
      .replace(
        '<ResGlobalInfo>',
        '<RoomStays><RoomStay><TimeSpan Start="2026-06-01T15:00:00+02:00" Duration="P3N"/></RoomStay></RoomStays><ResGlobalInfo>',
      );
    expect(only(readResNotif(xml)).rooms[0]).toMatchObject({
      checkIn: '2026-06-01',
      checkOut: '2026-06-04',
      adults: 1,
    });
  });

  it('NumberOfUnits > 1: one room per unit, the amounts split so they add up', () => {
    const xml = fixture('commit').replace('NumberOfUnits="1"', 'NumberOfUnits="2"');
    const rooms = only(readResNotif(xml)).rooms.filter((room) => room.roomCode === 'DBL');
    expect(rooms).toHaveLength(2);
    expect(rooms.map((room) => room.totalAmount)).toEqual([19550, 19550]);
    expect(rooms[0]?.nightly.map((n) => n.amount)).toEqual([6000, 6775, 6775]);
  });
});

describe('kinds and ids', () => {
  const statusOf = (status: string) =>
    readResNotif(fixture('cancel').replaceAll('ResStatus="Cancel"', `ResStatus="${status}"`));

  it.each([
    ['Commit', 'new'],
    ['Reserved', 'new'],
    ['Book', 'new'],
    ['Modify', 'modify'],
    ['Modified', 'modify'],
    ['Cancelled', 'cancel'],
  ])('ResStatus %s → %s', (status, kind) => {
    const xml = fixture('commit').replaceAll('ResStatus="Commit"', `ResStatus="${status}"`);
    expect(only(readResNotif(xml)).kind).toBe(kind);
  });

  it('UniqueID Type 15 is a cancellation whatever the status says', () => {
    const xml = fixture('commit').replace('<UniqueID Type="14"', '<UniqueID Type="15"');
    expect(only(readResNotif(xml))).toMatchObject({ kind: 'cancel', channelReservationId: 'FX-100234' });
  });

  it('a status we cannot honour (Quote, Hold, …) refuses the message, naming the reservation', () => {
    const batch = statusOf('Quote');
    expect(batch).toMatchObject({ ok: false, refusal: { reason: 'invalid' } });
    expect(batch.ok ? '' : batch.refusal.message).toMatch(/FX-100234.*Quote/);
  });

  it("the channel's id wins over the hotel's own number (ResID_Type 10)", () => {
    const xml = fixture('legacy-2003b').replace(
      '<ota:HotelReservationID ResID_Value',
      '<ota:HotelReservationID ResID_Type="10" ResID_Value="HOTEL-77"/><ota:HotelReservationID ResID_Value',
    );
    expect(only(readResNotif(xml)).channelReservationId).toBe('4105723318');
  });

  it('a message with one unreadable reservation is refused whole (nothing half-imported)', () => {
    const commit = fixture('commit');
    const second = /<HotelReservation [\s\S]*<\/HotelReservation>/.exec(commit)?.[0].replace(/<TimeSpan[^>]*>/g, '');
    const xml = commit.replace('</HotelReservations>', `${second}</HotelReservations>`);
    expect(readResNotif(xml)).toMatchObject({ ok: false, refusal: { reason: 'invalid' } });
    expect(
      readResNotif(
        xml.replace(/<UniqueID[^>]*>/g, '').replace(/<HotelReservationIDs>[\s\S]*?<\/HotelReservationIDs>/g, ''),
      ),
    ).toMatchObject({
      ok: false,
      refusal: { reason: 'invalid', message: expect.stringMatching(/no reservation id/) },
    });
  });
});

describe('refusals come back as values, never as exceptions', () => {
  it.each([
    ['not XML', 'hello, this is not xml', 'malformed'],
    ['truncated XML', '<OTA_HotelResNotifRQ><HotelReservations>', 'malformed'],
    ['empty', '   ', 'empty'],
    [
      'a DOCTYPE (XXE)',
      '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><OTA_HotelResNotifRQ>&x;</OTA_HotelResNotifRQ>',
      'doctype',
    ],
    ['entity expansion', '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><r>&b;</r>', 'doctype'],
    ['too large', `<OTA_HotelResNotifRQ>${'x'.repeat(1_048_577)}</OTA_HotelResNotifRQ>`, 'too_large'],
    ['the wrong root', '<OTA_HotelAvailNotifRQ Version="1"/>', 'wrong_root'],
  ])('%s → %s', (_what, xml, reason) => {
    expect(readResNotif(xml)).toMatchObject({ ok: false, refusal: { reason } });
  });

  it('a pulled batch must be an OTA_ResRetrieveRS', () => {
    expect(readResRetrieveRS(fixture('commit'))).toMatchObject({ ok: false, refusal: { reason: 'wrong_root' } });
  });
});
