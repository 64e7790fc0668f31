import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { consume } from '../../src/jobs';
import { addDays, todayIn } from '../../src/lib/dates';
import type { ChannelContext } from '../../src/modules/channels/domain';
import { ARI_ADAPTERS } from '../../src/modules/channels/providers/ari-adapters';
import { withinLimits } from '../../src/modules/channels/providers/ota_xml/dialect';
import { DEFAULT_DIALECT, dialectOf } from '../../src/modules/channels/providers/ota_xml/profile';
import { RESERVATION_ADAPTERS } from '../../src/modules/channels/providers/reservation-adapters';
import { attr, child, list, parseXml, type XmlNode } from '../../src/modules/channels/xml/xml';
import { inDays } from '../helpers/ari';
import { createHotel } from '../helpers/builders';
import { channelBody } from '../helpers/channel-builders';
import { channelFields } from '../helpers/channel-context';
import { CONFORMANCE_SKIP_REASON, otaSchemaErrors, SKIP_CONFORMANCE } from '../helpers/conformance';
import { fakeMessage, testDeps } from '../helpers/deps';
import { call, expectStatus } from '../helpers/http';
import { OTA_PARTNER, useOtaPartnerEachTest } from '../helpers/ota-partner';
import { auditInventory, bookableHotel } from '../helpers/reservations';
import { insertChannel } from '../helpers/transport-channels';

/**
 * Channel-manager mode: an `ota_xml` channel's `profile` turns the generic OpenTravel partner into a
 * SiteMinder-, RateGain- or Trip.com-style one — message URLs, credentials in POS, Version, room
 * attribute and message limits — by configuration.
 */
const CHANNEL_MANAGER = {
  message_version: '2.1',
  auth: 'pos',
  requestor_type: '22',
  room_attribute: 'InvCode',
  message_endpoints: {
    OTA_HotelAvailNotifRQ: 'http://cm.test/availability',
    OTA_HotelRateAmountNotifRQ: 'http://cm.test/rates',
  },
  max_statuses_per_message: 2,
  max_days_per_range: 10,
  max_days_ahead: 30,
} as const;

function context(profile: Record<string, unknown>): ChannelContext {
  return {
    channel: channelFields({
      id: 'chn_cm',
      hotelId: 'htl_cm',
      provider: 'ota_xml',
      endpointUrl: 'http://cm.test/ota',
      hotelCode: 'CM1',
      profile,
    }),
    credentials: { username: 'cm-user', password: 'cm-secret-16char' },
  };
}

function root(xml: string | undefined): XmlNode {
  const parsed = parseXml(xml ?? '');
  if (!parsed.ok) throw new Error(parsed.refusal.message);
  return parsed.node;
}

const today = todayIn('UTC');

describe('withinLimits', () => {
  const item = (start: string, end: string) => ({ start, end, v: 1 });

  it('splits ranges longer than max_days_per_range into consecutive pieces with the same values', () => {
    const d = { ...DEFAULT_DIALECT, maxDaysPerRange: 10 };
    const from = addDays(today, 1);
    expect(withinLimits([item(from, addDays(from, 24))], d, today)).toEqual([
      item(from, addDays(from, 9)),
      item(addDays(from, 10), addDays(from, 19)),
      item(addDays(from, 20), addDays(from, 24)),
    ]);
    expect(withinLimits([item(from, addDays(from, 9))], d, today)).toEqual([item(from, addDays(from, 9))]);
  });

  it('cuts at today + max_days_ahead and drops what starts after it', () => {
    const d = { ...DEFAULT_DIALECT, maxDaysAhead: 30 };
    expect(withinLimits([item(addDays(today, 20), addDays(today, 40))], d, today)).toEqual([
      item(addDays(today, 20), addDays(today, 30)),
    ]);
    expect(withinLimits([item(addDays(today, 31), addDays(today, 40))], d, today)).toEqual([]);
  });

  it('leaves everything alone without limits', () => {
    const items = [item(today, addDays(today, 400))];
    expect(withinLimits(items, DEFAULT_DIALECT, today)).toEqual(items);
  });
});

describe('dialectOf', () => {
  it('is the generic OTA partner for an empty profile, and reads every field of a full one', () => {
    expect(dialectOf({})).toEqual(DEFAULT_DIALECT);
    expect(dialectOf(CHANNEL_MANAGER)).toEqual({
      messageVersion: '2.1',
      auth: 'pos',
      requestorType: '22',
      roomAttribute: 'InvCode',
      messageEndpoints: CHANNEL_MANAGER.message_endpoints,
      maxStatusesPerMessage: 2,
      maxDaysPerRange: 10,
      maxDaysAhead: 30,
    });
  });
});

describe('an ota_xml channel with a channel-manager profile', () => {
  const ctx = context(CHANNEL_MANAGER);
  const statuses = [
    { roomCode: 'DBL', rateCode: null, start: addDays(today, 1), end: addDays(today, 25), bookingLimit: 3 },
    { roomCode: 'SGL', rateCode: null, start: addDays(today, 1), end: addDays(today, 5), closed: true },
    { roomCode: 'SGL', rateCode: 'BAR', start: addDays(today, 40), end: addDays(today, 50), closed: false },
  ];

  it('sends ARI to its per-message URLs with POS credentials, its Version and InvCode, within its limits', () => {
    const requests = ARI_ADAPTERS.ota_xml.availability(ctx, statuses);
    // 25 DBL days → 3 pieces of ≤ 10, SGL 1 piece, the third is past max_days_ahead: 4 statuses, 2 per message.
    expect(requests).toHaveLength(2);
    for (const request of requests) {
      expect(request.url).toBe('http://cm.test/availability');
      expect(request.headers.authorization).toBeUndefined();
      const body = root(request.body);
      expect(attr(body, 'Version')).toBe('2.1');
      const requestor = child(child(child(body, 'POS'), 'Source'), 'RequestorID');
      expect([attr(requestor, 'ID'), attr(requestor, 'MessagePassword'), attr(requestor, 'Type')]).toEqual([
        'cm-user',
        'cm-secret-16char',
        '22',
      ]);
      for (const message of list(child(body, 'AvailStatusMessages')?.AvailStatusMessage)) {
        const control = child(message, 'StatusApplicationControl');
        expect(attr(control, 'InvCode')).toBeDefined();
        expect(attr(control, 'InvTypeCode')).toBeUndefined();
      }
    }
    const rates = ARI_ADAPTERS.ota_xml.rates(ctx, [
      {
        roomCode: 'DBL',
        rateCode: 'BAR',
        start: addDays(today, 1),
        end: addDays(today, 3),
        amount: 9000,
        currency: 'EUR',
      },
    ]);
    expect(rates.map((r) => r.url)).toEqual(['http://cm.test/rates']);
  });

  it("counts max_days_ahead from the hotel's date when the send job gives it", () => {
    const atHotel = { ...context({ max_days_ahead: 30 }), today: '2030-01-01' };
    const [request, ...more] = ARI_ADAPTERS.ota_xml.availability(atHotel, [
      { roomCode: 'DBL', rateCode: null, start: '2030-01-20', end: '2030-02-20', bookingLimit: 2 },
    ]);
    expect(more).toEqual([]);
    const [message] = list(child(root(request?.body), 'AvailStatusMessages')?.AvailStatusMessage);
    const control = child(message, 'StatusApplicationControl');
    expect([attr(control, 'Start'), attr(control, 'End')]).toEqual(['2030-01-20', '2030-01-31']);
  });

  it('without a profile sends what part I sent: one URL, HTTP Basic, InvTypeCode, Version 1.0, no POS', () => {
    const [request] = ARI_ADAPTERS.ota_xml.availability(context({}), statuses);
    expect(request?.url).toBe('http://cm.test/ota');
    expect(request?.headers.authorization).toMatch(/^Basic /);
    const body = root(request?.body);
    expect(attr(body, 'Version')).toBe('1.0');
    expect(child(body, 'POS')).toBeUndefined();
  });

  it('pulls with POS in OTA_ReadRQ and acknowledges with HTTP Basic (OTA_NotifReportRQ has no POS)', () => {
    const [read] = RESERVATION_ADAPTERS.ota_xml.pullRequests(ctx);
    expect(read?.headers.authorization).toBeUndefined();
    expect(child(root(read?.body), 'POS')).toBeDefined();
    const ack = RESERVATION_ADAPTERS.ota_xml.acknowledge(ctx, [
      { channelReservationId: 'R1', kind: 'new', status: 'imported', confirmationNumber: 'WH-1', error: null },
    ]);
    const [first] = Array.isArray(ack) ? ack : [ack];
    expect(first?.headers.authorization).toMatch(/^Basic /);
    expect(attr(root(first?.body), 'Version')).toBe('2.1');
  });

  it.skipIf(SKIP_CONFORMANCE)('every message it sends validates against OTA 2015A', async () => {
    const both = { ...CHANNEL_MANAGER, auth: 'both' };
    const messages = [
      ...ARI_ADAPTERS.ota_xml.availability(context(both), statuses),
      ...RESERVATION_ADAPTERS.ota_xml.pullRequests(context(both)),
    ];
    for (const message of messages) expect(await otaSchemaErrors(message.body ?? '')).toEqual([]);
  });
  it.skipIf(!SKIP_CONFORMANCE)(`XSD validation skipped: ${CONFORMANCE_SKIP_REASON}`, () => {});
});

describe('a channel-manager partner, end to end', () => {
  const partner = useOtaPartnerEachTest();

  it('reads reservations from the URL its profile names, authenticating in POS, and acknowledges them', async () => {
    const { hotel, roomType, ratePlan } = await bookableHotel({ units: 3 });
    const hotelCode = `${OTA_PARTNER.hotelCode}-${crypto.randomUUID().slice(0, 8)}`;
    const channel = await insertChannel(hotel.id, {
      provider: 'ota_xml',
      mode: 'pull',
      hotelCode,
      // Nothing answers here: every message must go where the profile says.
      endpointUrl: `${OTA_PARTNER.url}/nowhere`,
      profile: {
        auth: 'pos',
        message_endpoints: { OTA_ReadRQ: OTA_PARTNER.otaXmlEndpoint, OTA_NotifReportRQ: OTA_PARTNER.otaXmlEndpoint },
      },
      credentials: { username: OTA_PARTNER.username, password: OTA_PARTNER.password },
    });
    await env.DB.prepare(
      `INSERT INTO channel_mappings (channel_id, room_type_id, rate_plan_id, channel_room_code, channel_rate_code)
       VALUES (?, ?, ?, 'DBL', 'BAR')`,
    )
      .bind(channel.id, roomType.id, ratePlan.id)
      .run();
    partner.current.createReservation({
      hotelCode,
      rooms: [{ roomCode: 'DBL', rateCode: 'BAR', checkIn: inDays(10), checkOut: inDays(12), adults: 2 }],
    });
    const deps = testDeps();
    const message = fakeMessage({ type: 'channels.pull', payload: { channel_id: channel.id } }, 1);
    await consume('wehub-jobs', message, deps, deps.settle);
    expect(message.acked).toBe(true);
    const { results } = await env.DB.prepare(
      'SELECT status, acknowledged_at FROM channel_reservations WHERE channel_id = ?',
    )
      .bind(channel.id)
      .all<{ status: string; acknowledged_at: number | null }>();
    expect(results).toHaveLength(1);
    expect(results[0]?.status).toBe('imported');
    expect(results[0]?.acknowledged_at).not.toBeNull();
    await auditInventory(hotel.id);
  });
});

describe('the profile through the channels API', () => {
  it('is kept on create, replaced whole by a PATCH, and shown as sent', async () => {
    const hotel = await createHotel();
    const created = await expectStatus<{ id: string; profile: unknown }>(
      call('POST', `/api/v1/hotels/${hotel.id}/channels`, { body: channelBody({ profile: CHANNEL_MANAGER }) }),
      201,
    );
    expect(created.profile).toEqual(CHANNEL_MANAGER);
    const patched = await expectStatus<{ profile: unknown }>(
      call('PATCH', `/api/v1/channels/${created.id}`, { body: { profile: { auth: 'both' } } }),
      200,
    );
    expect(patched.profile).toEqual({ auth: 'both' });
    const read = await expectStatus<{ profile: unknown }>(call('GET', `/api/v1/channels/${created.id}`), 200);
    expect(read.profile).toEqual({ auth: 'both' });
  });

  it('refuses a profile field it does not know, and a limit out of range', async () => {
    const hotel = await createHotel();
    for (const profile of [{ colour: 'red' }, { max_statuses_per_message: 0 }, { auth: 'digest' }]) {
      await expectStatus(call('POST', `/api/v1/hotels/${hotel.id}/channels`, { body: channelBody({ profile }) }), 400);
    }
  });
});
