import { describe, expect, it } from 'vitest';
import {
  availabilityStatuses,
  type MappingState,
  type PlanState,
  type RateNightState,
  rateAmounts,
} from '../../src/modules/channels/ari-push/statuses';
import type { ChannelContext } from '../../src/modules/channels/domain';
import { ARI_ADAPTERS } from '../../src/modules/channels/providers/ari-adapters';
import { attr, child, list, parseXml, type XmlNode } from '../../src/modules/channels/xml/xml';
import { channelFields } from '../helpers/channel-context';
import { CONFORMANCE_SKIP_REASON, otaSchemaErrors, SKIP_CONFORMANCE } from '../helpers/conformance';

function context(provider: 'ota_xml' | 'booking_com'): ChannelContext {
  return {
    channel: channelFields({
      id: 'chn_test',
      hotelId: 'htl_test',
      provider,
      endpointUrl: 'http://ota.test/ari',
      hotelCode: 'HOTEL1',
    }),
    credentials: { username: 'wehub', password: 'pässword' },
  };
}

const mappings: MappingState[] = [
  { roomTypeId: 'rt_dbl', ratePlanId: 'rp_flex', channelRoomCode: 'DBL', channelRateCode: 'FLEX' },
  { roomTypeId: 'rt_dbl', ratePlanId: 'rp_nr', channelRoomCode: 'DBL', channelRateCode: 'NR' },
  { roomTypeId: 'rt_sgl', ratePlanId: 'rp_flex', channelRoomCode: 'SGL', channelRateCode: 'FLEX' },
];
const plans = new Map<string, PlanState>([
  ['rp_flex', { id: 'rp_flex', currency: 'EUR', active: true }],
  ['rp_nr', { id: 'rp_nr', currency: 'EUR', active: true }],
]);
const window = { from: '2027-03-01', to: '2027-03-08' };
const dates = ['2027-03-01', '2027-03-02', '2027-03-03', '2027-03-04', '2027-03-05', '2027-03-06', '2027-03-07'];

function rateNight(ratePlanId: string, roomTypeId: string, date: string, over: Partial<RateNightState> = {}) {
  return {
    ratePlanId,
    roomTypeId,
    date,
    amount: 12_000,
    minStay: null,
    maxStay: null,
    closed: false,
    closedToArrival: false,
    closedToDeparture: false,
    ...over,
  };
}

/** A week with a weekend price, a 2-night minimum on Friday, no arrivals Sunday, a sold-out Saturday. */
const roomNights = dates.flatMap((date) => [
  { roomTypeId: 'rt_dbl', date, inventory: 5, taken: date === '2027-03-06' ? 5 : 1, overbooked: 0 },
  { roomTypeId: 'rt_sgl', date, inventory: 3, taken: 0, overbooked: 0 },
]);
const rateNights = dates.flatMap((date) => {
  const weekend = date === '2027-03-05' || date === '2027-03-06';
  return [
    rateNight('rp_flex', 'rt_dbl', date, {
      amount: weekend ? 14_950 : 12_000,
      minStay: date === '2027-03-05' ? 2 : null,
      closedToArrival: date === '2027-03-07',
      maxStay: 14,
    }),
    rateNight('rp_nr', 'rt_dbl', date, { amount: 10_800, closed: date === '2027-03-03' }),
    rateNight('rp_flex', 'rt_sgl', date, { amount: 9_000, closedToDeparture: date === '2027-03-01' }),
  ];
});

const statuses = availabilityStatuses(window, mappings, roomNights, rateNights, plans);
const amounts = rateAmounts(window, mappings, rateNights, plans);

function messages(xml: string, name: 'AvailStatusMessage' | 'RateAmountMessage'): XmlNode[] {
  const parsed = parseXml(xml);
  if (!parsed.ok) throw new Error(parsed.refusal.message);
  return list(child(parsed.node, `${name}s`)?.[name]);
}

describe('ARI state in channel terms', () => {
  it('coalesces consecutive equal nights into one range per product', () => {
    const dbl = statuses.filter((s) => s.roomCode === 'DBL' && s.rateCode === null);
    expect(dbl).toEqual([
      { roomCode: 'DBL', rateCode: null, start: '2027-03-01', end: '2027-03-05', bookingLimit: 4 },
      { roomCode: 'DBL', rateCode: null, start: '2027-03-06', end: '2027-03-06', bookingLimit: 0 },
      { roomCode: 'DBL', rateCode: null, start: '2027-03-07', end: '2027-03-07', bookingLimit: 4 },
    ]);
    expect(statuses.filter((s) => s.roomCode === 'SGL' && s.rateCode === null)).toHaveLength(1);
    expect(
      amounts.filter((a) => a.rateCode === 'FLEX' && a.roomCode === 'DBL').map((a) => [a.start, a.end, a.amount]),
    ).toEqual([
      ['2027-03-01', '2027-03-04', 12_000],
      ['2027-03-05', '2027-03-06', 14_950],
      ['2027-03-07', '2027-03-07', 12_000],
    ]);
    expect(amounts.filter((a) => a.rateCode === 'NR')).toHaveLength(1);
  });

  it('closes a night without a price or of an inactive plan, and sends no amount for it', () => {
    const unpriced = rateNights.map((n) =>
      n.date === '2027-03-02' && n.ratePlanId === 'rp_nr' ? { ...n, amount: null } : n,
    );
    const nr = availabilityStatuses(window, mappings, roomNights, unpriced, plans).filter((s) => s.rateCode === 'NR');
    expect(nr.map((s) => [s.start, s.end, s.closed])).toEqual([
      ['2027-03-01', '2027-03-01', false],
      ['2027-03-02', '2027-03-03', true],
      ['2027-03-04', '2027-03-07', false],
    ]);
    expect(
      rateAmounts(window, mappings, unpriced, plans)
        .filter((a) => a.rateCode === 'NR')
        .map((a) => [a.start, a.end]),
    ).toEqual([
      ['2027-03-01', '2027-03-01'],
      ['2027-03-03', '2027-03-07'],
    ]);
    const inactive = new Map(plans).set('rp_nr', { id: 'rp_nr', currency: 'EUR', active: false });
    const closed = availabilityStatuses(window, mappings, roomNights, rateNights, inactive).filter(
      (s) => s.rateCode === 'NR',
    );
    expect(closed).toEqual([expect.objectContaining({ start: '2027-03-01', end: '2027-03-07', closed: true })]);
  });

  it('counts overbooked units: a night sold beyond inventory is BookingLimit 0, never negative', () => {
    const over = roomNights.map((n) =>
      n.roomTypeId === 'rt_sgl' && n.date === '2027-03-02' ? { ...n, taken: 3, overbooked: 2 } : n,
    );
    const sgl = availabilityStatuses(window, mappings, over, rateNights, plans).filter(
      (s) => s.roomCode === 'SGL' && s.rateCode === null,
    );
    expect(sgl.map((s) => [s.start, s.bookingLimit])).toEqual([
      ['2027-03-01', 3],
      ['2027-03-02', 0],
      ['2027-03-03', 3],
    ]);
  });
});

describe.skipIf(SKIP_CONFORMANCE)(
  `ARI messages validate against the 2015A XSDs ${SKIP_CONFORMANCE ? CONFORMANCE_SKIP_REASON : ''}`,
  () => {
    for (const provider of ['ota_xml', 'booking_com'] as const) {
      it(`${provider}: OTA_HotelAvailNotifRQ with limits, open/close, arrival/departure closures and lengths of stay`, async () => {
        const [request, ...more] = ARI_ADAPTERS[provider].availability(context(provider), statuses);
        expect(more).toEqual([]);
        const xml = request?.body ?? '';
        expect(await otaSchemaErrors(xml)).toEqual([]);
        const all = messages(xml, 'AvailStatusMessage');
        const room = 'InvTypeCode';
        const soldOut = all.find((m) => attr(m, 'BookingLimit') === '0');
        expect(attr(child(soldOut, 'StatusApplicationControl'), room)).toBe('DBL');
        expect(attr(child(soldOut, 'StatusApplicationControl'), 'Start')).toBe('2027-03-06');
        const arrival = all.filter((m) => attr(child(m, 'RestrictionStatus'), 'Restriction') === 'Arrival');
        expect(arrival.some((m) => attr(child(m, 'RestrictionStatus'), 'Status') === 'Close')).toBe(true);
        const minLos = all.flatMap((m) => list(child(m, 'LengthsOfStay')?.LengthOfStay));
        expect(minLos.some((l) => attr(l, 'MinMaxMessageType') === 'SetMinLOS' && attr(l, 'Time') === '2')).toBe(true);
        expect(minLos.some((l) => attr(l, 'MinMaxMessageType') === 'SetMaxLOS' && attr(l, 'Time') === '14')).toBe(true);
        expect(request?.headers.authorization).toBe(
          `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode('wehub:pässword')))}`,
        );
      });

      it(`${provider}: OTA_HotelRateAmountNotifRQ with BaseByGuestAmts in the plan's currency`, async () => {
        const [request] = ARI_ADAPTERS[provider].rates(context(provider), amounts);
        const xml = request?.body ?? '';
        expect(await otaSchemaErrors(xml)).toEqual([]);
        const weekend = messages(xml, 'RateAmountMessage').find(
          (m) => attr(child(m, 'StatusApplicationControl'), 'Start') === '2027-03-05',
        );
        const amount = child(child(child(child(weekend, 'Rates'), 'Rate'), 'BaseByGuestAmts'), 'BaseByGuestAmt');
        expect([attr(amount, 'AmountAfterTax'), attr(amount, 'CurrencyCode'), attr(amount, 'DecimalPlaces')]).toEqual([
          '149.50',
          'EUR',
          '2',
        ]);
      });
    }

    it('splits a large push into messages of at most MAX_STATUSES_PER_MESSAGE statuses, each valid', async () => {
      const many = Array.from({ length: 700 }, (_, i) => ({
        roomCode: `R${i}`,
        rateCode: null,
        start: '2027-03-01',
        end: '2027-03-31',
        bookingLimit: i % 4,
      }));
      const requests = ARI_ADAPTERS.ota_xml.availability(context('ota_xml'), many);
      expect(requests.map((r) => messages(r.body ?? '', 'AvailStatusMessage').length)).toEqual([300, 300, 100]);
      expect(new Set(requests.map((r) => r.correlationId)).size).toBe(3);
      expect(await otaSchemaErrors(requests[2]?.body ?? '')).toEqual([]);
    });
  },
);
