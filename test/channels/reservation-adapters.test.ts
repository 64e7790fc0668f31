import { describe, expect, it } from 'vitest';
import {
  CHANNEL_PROVIDERS,
  type ChannelEndpoints,
  type ChannelProvider,
} from '../../src/modules/channels/channels.table';
import type { ChannelContext, ImportOutcome } from '../../src/modules/channels/domain';
import { RESERVATION_ADAPTERS } from '../../src/modules/channels/providers/reservation-adapters';
import { readAnswer } from '../../src/modules/channels/xml/answer';
import { channelFields } from '../helpers/channel-context';
import { CONFORMANCE_SKIP_REASON, otaSchemaErrors, SKIP_CONFORMANCE } from '../helpers/conformance';
import { otaFixture } from '../helpers/ota-fixtures';

function context(provider: ChannelProvider, endpointUrl: string, endpoints: ChannelEndpoints = {}): ChannelContext {
  return {
    channel: channelFields(
      { id: 'chn_test', hotelId: 'htl_test', provider, endpointUrl, endpoints, hotelCode: 'HOTEL-FX' },
      new Date('2026-03-01T10:00:00Z'),
    ),
    credentials: { username: 'hotel-fx', password: 'pässword:1' },
  };
}

const BASIC = `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode('hotel-fx:pässword:1')))}`;

const outcome = (id: string, kind: ImportOutcome['kind'], error: ImportOutcome['error'] = null): ImportOutcome => ({
  channelReservationId: id,
  kind,
  status: error ? 'needs_mapping' : 'imported',
  confirmationNumber: error ? null : `WH-${id}`,
  error,
});

describe('the reservation adapters registry', () => {
  it('has an adapter for every provider', () => {
    expect(Object.keys(RESERVATION_ADAPTERS).sort()).toEqual([...CHANNEL_PROVIDERS].sort());
  });

  // The providers that take OTA pushes; the others are refused on that route (providers/elsewhere.ts).
  it.each(['ota_xml', 'booking_com'] as const)(
    '%s reads a pushed notification and answers it with our confirmation numbers',
    (provider) => {
      const adapter = RESERVATION_ADAPTERS[provider];
      const batch = adapter.readPushed(otaFixture('commit'));
      expect(batch).toMatchObject({
        ok: true,
        reservations: [{ channelReservationId: 'FX-100234', kind: 'new' }],
        message: { root: 'OTA_HotelResNotifRQ', echoToken: 'fx-commit-1' },
      });
      const answer = adapter.answerPush('OTA_HotelResNotifRQ', 'fx-commit-1', [outcome('FX-100234', 'new')]);
      expect(answer).toMatch(/^<\?xml[^>]*\?><OTA_HotelResNotifRS [^>]*EchoToken="fx-commit-1"/);
      expect(answer).toContain('<HotelReservationID ResID_Type="10" ResID_Value="WH-FX-100234" ResID_Source="WeHub"/>');
      expect(readAnswer(answer).outcome).toBe('success');
      expect(adapter.readPushed('<OTA_PingRQ Version="1"/>')).toMatchObject({
        ok: false,
        refusal: { reason: 'wrong_root' },
      });
    },
  );
});

describe('ota_xml: OTA_ReadRQ → OTA_ResRetrieveRS, acknowledged with OTA_NotifReportRQ', () => {
  const adapter = RESERVATION_ADAPTERS.ota_xml;

  it('pulls with one POST of OTA_ReadRQ to the reservations endpoint (else endpoint_url), HTTP Basic', () => {
    const [request, ...more] = adapter.pullRequests(context('ota_xml', 'https://ota.test/ota'));
    expect(more).toEqual([]);
    expect(request).toMatchObject({ method: 'POST', url: 'https://ota.test/ota', messageType: 'OTA_ReadRQ' });
    expect(request?.headers).toMatchObject({ authorization: BASIC, 'content-type': 'text/xml; charset=utf-8' });
    expect(request?.body).toContain(`EchoToken="${request?.correlationId}"`);
    const own = adapter.pullRequests(
      context('ota_xml', 'https://ota.test/ota', { reservations: 'https://ota.test/read' }),
    );
    expect(own[0]?.url).toBe('https://ota.test/read');
  });

  it('reads only OTA_ResRetrieveRS', () => {
    expect(adapter.readPulled(otaFixture('commit'))).toMatchObject({ ok: false, refusal: { reason: 'wrong_root' } });
  });

  it('acknowledges with OTA_NotifReportRQ to the acknowledgements endpoint, nothing when there is nothing to say', () => {
    const ctx = context('ota_xml', 'https://ota.test/ota', { acknowledgements: 'https://ota.test/ack' });
    expect(adapter.acknowledge(ctx, [])).toEqual([]);
    const [request, more] = adapter.acknowledge(ctx, [outcome('A1', 'new'), outcome('A2', 'modify')]);
    expect(more).toBeUndefined();
    expect(request).toMatchObject({
      method: 'POST',
      url: 'https://ota.test/ack',
      messageType: 'OTA_NotifReportRQ',
      channelReservationIds: ['A1', 'A2'],
    });
    expect(request?.body).toContain('<UniqueID Type="14" ID="A1"/>');
  });
});

describe("booking_com: Booking.com's OTA flavour", () => {
  const adapter = RESERVATION_ADAPTERS.booking_com;
  const ctx = context('booking_com', 'https://secure-supply-xml.booking.test/hotels/ota/');

  it('pulls new reservations and modifications/cancellations with two GETs filtered by the property', () => {
    const requests = adapter.pullRequests(ctx);
    expect(requests.map((r) => [r.method, r.url, r.messageType, r.body])).toEqual([
      [
        'GET',
        'https://secure-supply-xml.booking.test/hotels/ota/OTA_HotelResNotif?hotel_ids=HOTEL-FX',
        'OTA_HotelResNotifRQ',
        undefined,
      ],
      [
        'GET',
        'https://secure-supply-xml.booking.test/hotels/ota/OTA_HotelResModifyNotif?hotel_ids=HOTEL-FX',
        'OTA_HotelResModifyNotifRQ',
        undefined,
      ],
    ]);
    for (const request of requests) {
      expect(request.headers.authorization).toBe(BASIC);
      expect(request.headers['content-type']).toBeUndefined();
    }
  });

  it('reads both pulled forms, modifications as modify', () => {
    expect(adapter.readPulled(otaFixture('commit'))).toMatchObject({ ok: true, reservations: [{ kind: 'new' }] });
    expect(adapter.readPulled(otaFixture('modify'))).toMatchObject({ ok: true, reservations: [{ kind: 'modify' }] });
    expect(adapter.readPulled(otaFixture('legacy-2003b'))).toMatchObject({
      ok: true,
      reservations: [{ channelReservationId: '4105723318' }],
    });
  });

  it('acknowledges new reservations by POSTing OTA_HotelResNotifRS with every stored reservation id', () => {
    const [request] = adapter.acknowledge(ctx, [
      outcome('4105723318', 'new'),
      outcome('4105723319', 'new', { code: 'needs_mapping', text: 'unmapped' }),
    ]);
    expect(request).toMatchObject({
      method: 'POST',
      url: 'https://secure-supply-xml.booking.test/hotels/ota/OTA_HotelResNotif',
      messageType: 'OTA_HotelResNotifRS',
    });
    expect(request?.body).toMatch(
      /<Success\/><HotelReservations><HotelReservation><ResGlobalInfo><HotelReservationIDs><HotelReservationID ResID_Value="4105723318"\/><HotelReservationID ResID_Value="4105723319"\/>/,
    );
  });

  it('acknowledges modifications and cancellations on OTA_HotelResModifyNotif; a mixed batch on both endpoints', () => {
    const [request, more] = adapter.acknowledge(ctx, [outcome('1', 'modify'), outcome('2', 'cancel')]);
    expect(more).toBeUndefined();
    expect(request).toMatchObject({
      url: 'https://secure-supply-xml.booking.test/hotels/ota/OTA_HotelResModifyNotif',
      messageType: 'OTA_HotelResModifyNotifRS',
      channelReservationIds: ['1', '2'],
    });
    expect(request?.body).toContain('<HotelResModifies><HotelResModify><ResGlobalInfo>');
    const mixed = adapter.acknowledge(ctx, [outcome('3', 'modify'), outcome('4', 'new')]);
    expect(mixed.map((m) => [m.messageType, m.channelReservationIds])).toEqual([
      ['OTA_HotelResNotifRS', ['4']],
      ['OTA_HotelResModifyNotifRS', ['3']],
    ]);
    expect(mixed[0]?.body).toContain('ResID_Value="4"');
    expect(mixed[0]?.body).not.toContain('ResID_Value="3"');
    expect(mixed[1]?.body).toContain('ResID_Value="3"');
  });

  it.skipIf(SKIP_CONFORMANCE)(
    `both acknowledgements validate against 2015A ${SKIP_CONFORMANCE ? CONFORMANCE_SKIP_REASON : ''}`,
    async () => {
      for (const kind of ['new', 'cancel'] as const) {
        const body = adapter.acknowledge(ctx, [outcome('4105723318', kind)])[0]?.body ?? '';
        expect(await otaSchemaErrors(body), kind).toEqual([]);
      }
    },
  );
});
