import { describe, expect, it } from 'vitest';
import { auditRowsOfEntity } from '../helpers/audit';
import { createHotel, createRatePlan, createRoomType } from '../helpers/builders';
import { channelBody, createChannel } from '../helpers/channel-builders';
import { call, expectStatus } from '../helpers/http';
import { bookableHotel } from '../helpers/reservations';
import { CHANNEL_PASSWORD, CHANNEL_USER, insertChannel } from '../helpers/transport-channels';

describe('channel audit trail', () => {
  it('records create, update (credentials only as changed), mappings and delete by the caller', async () => {
    const hotel = await createHotel();
    const room = await createRoomType(hotel.id);
    const plan = await createRatePlan(hotel.id, [room.id]);
    const body = channelBody();
    const channel = await createChannel(hotel.id, body);
    const password = `pw-${crypto.randomUUID()}`;
    await expectStatus(
      call('PATCH', `/api/v1/channels/${channel.id}`, {
        body: { name: 'Renamed', credentials: { username: 'hotel-user', password } },
      }),
      200,
    );
    await expectStatus(
      call('PATCH', `/api/v1/channels/${channel.id}`, { body: { sync_interval: channel.sync_interval + 60 } }),
      200,
    );
    const mapping = {
      room_type_id: room.id,
      rate_plan_id: plan.id,
      channel_room_code: 'DBL',
      channel_rate_code: 'BAR',
    };
    await expectStatus(call('PUT', `/api/v1/channels/${channel.id}/mappings`, { body: [mapping] }), 200);
    await expectStatus(call('DELETE', `/api/v1/channels/${channel.id}`), 204);

    const rows = await auditRowsOfEntity(channel.id);
    expect(rows.map((r) => [r.action, r.hotel_id, r.actor_type])).toEqual([
      ['channel.created', hotel.id, 'admin'],
      ['channel.updated', hotel.id, 'admin'],
      ['channel.updated', hotel.id, 'admin'],
      ['channel.mappings_replaced', hotel.id, 'admin'],
      ['channel.deleted', hotel.id, 'admin'],
    ]);
    expect(rows[1]?.changes).toEqual({
      credentials: { from: '[redacted]', to: '[redacted]' },
      // `name` is redacted by the trail's rule for names (audit.ts), whoever's it is.
      name: { from: '[redacted]', to: '[redacted]' },
    });
    // No credentials sent: they did not change, and the diff says only what did.
    expect(rows[2]?.changes).toEqual({
      sync_interval: { from: channel.sync_interval, to: channel.sync_interval + 60 },
    });
    expect(rows[3]?.changes).toEqual({ mappings: { from: [], to: [mapping] } });
    const trail = JSON.stringify(rows);
    for (const secret of [password, (body.credentials as { password: string }).password]) {
      expect(trail).not.toContain(secret);
    }
  });

  it('records a calendar feed by its host: the URL holds the feed’s secret, and audit:read is not channels:manage', async () => {
    const h = await bookableHotel();
    const secret = (n: number) => `feed-secret-${n}-${crypto.randomUUID()}`;
    const feed = (s: string) => `https://www.airbnb.com/calendar/ical/4711.ics?s=${s}`;
    const [first, second] = [secret(1), secret(2)];
    const channel = await createChannel(h.hotel.id, {
      provider: 'airbnb',
      room_type_id: h.roomType.id,
      ical_import_url: feed(first),
      endpoint_url: undefined,
      credentials: undefined,
      hotel_code: undefined,
    });
    expect((channel as unknown as { ical_import_url: string }).ical_import_url).toBe(feed(first));
    const patch = (body: Record<string, unknown>) => call('PATCH', `/api/v1/channels/${channel.id}`, { body });
    await expectStatus(patch({ ical_import_url: feed(second) }), 200);
    await expectStatus(patch({ ical_import_url: 'https://calendar.example.com/private-abc/basic.ics' }), 200);

    const [created, rotated, moved] = await auditRowsOfEntity(channel.id);
    expect(created?.changes).toMatchObject({
      ical_import_host: { from: null, to: 'https://www.airbnb.com' },
      ical_import_url_secret: { from: null, to: '[redacted]' },
    });
    // A new secret on the same host is still a change the trail shows.
    expect(rotated?.changes).toEqual({ ical_import_url_secret: { from: '[redacted]', to: '[redacted]' } });
    expect(moved?.changes).toEqual({
      ical_import_host: { from: 'https://www.airbnb.com', to: 'https://calendar.example.com' },
      ical_import_url_secret: { from: '[redacted]', to: '[redacted]' },
    });
    const trail = JSON.stringify(await auditRowsOfEntity(channel.id));
    for (const leaked of [first, second, 'private-abc']) expect(trail).not.toContain(leaked);
  });

  it('records an inbound push as an exchange by the channel, in the batch of its message-log row', async () => {
    const channel = await insertChannel('htl_audit_push', { mode: 'push' });
    const res = await call('POST', `/api/v1/ota/${channel.id}/reservations`, {
      auth: null,
      headers: {
        authorization: `Basic ${btoa(`${CHANNEL_USER}:${CHANNEL_PASSWORD}`)}`,
        'content-type': 'text/xml',
        'cf-connecting-ip': '198.51.100.20',
      },
      body: '<OTA_PingRQ EchoToken="audit-1" Version="1.0"><EchoData>x</EchoData></OTA_PingRQ>',
    });
    expect(res.status).toBe(200);
    // The exchange's entity is its message-log row.
    const messages = await expectStatus<{ data: { id: string }[] }>(
      call('GET', `/api/v1/channels/${channel.id}/messages`),
      200,
    );
    const [message] = messages.data;
    const [row, ...more] = await auditRowsOfEntity(message?.id as string);
    expect(more).toEqual([]);
    expect(row).toMatchObject({
      action: 'channel_message.inbound',
      actor_type: 'channel',
      actor_id: channel.id,
      hotel_id: 'htl_audit_push',
      ip: '198.51.100.20',
      outcome: 'success',
      status: 200,
    });
    expect(row?.changes).toMatchObject({ message_type: { to: 'OTA_PingRQ' }, correlation_id: { to: 'audit-1' } });
  });
});
