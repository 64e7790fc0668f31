import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../src/env';
import { AppError } from '../../src/errors';
import { Logger } from '../../src/lib/log';
import { createChannel as createChannelService, updateChannel } from '../../src/modules/channels/channels.service';
import { openCredentials } from '../../src/modules/channels/credentials';
import { createApiKey, createHotel, createRatePlan, createRoomType } from '../helpers/builders';
import { type ChannelJson, channelBody, createChannel, insertChannelMessage } from '../helpers/channel-builders';
import { testDeps } from '../helpers/deps';
import { call, expectProblem, expectStatus } from '../helpers/http';
import { loggedLines } from '../helpers/log-guard';

const ADMIN: Principal = {
  kind: 'admin',
  id: 'admin',
  keyId: null,
  scopes: ['admin'],
  hotelIds: null,
  allowedOrigins: [],
};

async function storedRow(id: string) {
  return env.DB.prepare('SELECT * FROM channels WHERE id = ?').bind(id).first<Record<string, unknown>>();
}

async function channelKey(hotelIds: string[]) {
  return { apiKey: (await createApiKey({ scopes: ['channels:manage'], hotel_ids: hotelIds })).key };
}

describe('channels API', () => {
  it('creates, lists, reads, changes and deletes a channel; defaults come from the OTA_* configuration', async () => {
    const hotel = await createHotel();
    const auth = await channelKey([hotel.id]);
    const created = await createChannel(hotel.id, { endpoints: { ari: 'http://ota.test/ari' } }, auth);
    expect(created).toMatchObject({
      id: expect.stringMatching(/^chn_/),
      hotel_id: hotel.id,
      provider: 'ota_xml',
      name: 'Test partner',
      endpoint_url: 'http://ota.test/ota',
      endpoints: { ari: 'http://ota.test/ari' },
      hotel_code: 'H1',
      auto_accept: false,
      enabled: true,
      mode: 'pull',
      sync_interval: 300,
      credentials_set: true,
      last_success_at: null,
    });
    const listed = await expectStatus(call('GET', `/api/v1/hotels/${hotel.id}/channels`, { auth }), 200);
    expect(listed.data.map((c: ChannelJson) => c.id)).toEqual([created.id]);
    expect(await expectStatus(call('GET', `/api/v1/channels/${created.id}`, { auth }), 200)).toEqual(created);

    const patched = await expectStatus<ChannelJson>(
      call('PATCH', `/api/v1/channels/${created.id}`, {
        auth,
        body: {
          name: null,
          enabled: false,
          mode: 'push',
          sync_interval: 900,
          auto_accept: true,
          hotel_code: 'H2',
          credentials: { username: 'hotel-user', password: 'pw-2' },
        },
      }),
      200,
    );
    expect(patched).toMatchObject({
      name: null,
      enabled: false,
      mode: 'push',
      sync_interval: 900,
      auto_accept: true,
      hotel_code: 'H2',
      endpoint_url: 'http://ota.test/ota',
    });
    expect(await expectStatus(call('GET', `/api/v1/channels/${created.id}`, { auth }), 200)).toEqual(patched);

    await expectStatus(call('DELETE', `/api/v1/channels/${created.id}`, { auth }), 204);
    await expectProblem(call('GET', `/api/v1/channels/${created.id}`, { auth }), 404, 'not_found');
    expect(await storedRow(created.id)).toBeNull();
  });

  it('takes auto_accept and the sync interval from OTA_AUTO_ACCEPT and OTA_SYNC_INTERVAL when not given', async () => {
    const hotel = await createHotel();
    const base = testDeps();
    const deps = { ...base, config: { ...base.config, OTA_AUTO_ACCEPT: true, OTA_SYNC_INTERVAL: 120 } };
    const body = { ...channelBody(), enabled: true, mode: 'pull' as const } as never;
    const row = await createChannelService(deps, hotel.id, body);
    expect(row).toMatchObject({ autoAccept: true, syncIntervalSeconds: 120 });
  });

  it('deleting a channel removes its mappings and message log; reservations waiting for a decision keep it', async () => {
    const hotel = await createHotel();
    const room = await createRoomType(hotel.id);
    const plan = await createRatePlan(hotel.id, [room.id]);
    const channel = await createChannel(hotel.id);
    const mapping = {
      room_type_id: room.id,
      rate_plan_id: plan.id,
      channel_room_code: 'DBL',
      channel_rate_code: 'BAR',
    };
    await expectStatus(call('PUT', `/api/v1/channels/${channel.id}/mappings`, { body: [mapping] }), 200);
    await insertChannelMessage({ channelId: channel.id, hotelId: hotel.id, createdAt: Date.now() });
    await env.DB.prepare(
      `INSERT INTO channel_reservations (id, channel_id, hotel_id, channel_reservation_id, status, last_kind,
         last_digest, data, overbooked, channel_collect, created_at, updated_at)
       VALUES ('chr_pending_delete', ?, ?, 'R-1', 'pending', 'new', 'd', '{}', 0, 0, 0, 0)`,
    )
      .bind(channel.id, hotel.id)
      .run();
    await expectProblem(call('DELETE', `/api/v1/channels/${channel.id}`), 409, 'invalid_state');
    expect(await storedRow(channel.id)).not.toBeNull();

    await env.DB.prepare("UPDATE channel_reservations SET status = 'imported' WHERE id = 'chr_pending_delete'").run();
    await expectStatus(call('DELETE', `/api/v1/channels/${channel.id}`), 204);
    const left = await env.DB.batch([
      env.DB.prepare('SELECT COUNT(*) AS n FROM channel_mappings WHERE channel_id = ?').bind(channel.id),
      env.DB.prepare('SELECT COUNT(*) AS n FROM channel_messages WHERE channel_id = ?').bind(channel.id),
    ]);
    expect(left.map((r) => (r.results[0] as { n: number }).n)).toEqual([0, 0]);
  });
});

describe('channel input is checked', () => {
  it.each([
    ['an unknown provider', { provider: 'tripadvisor' }, 400, 'validation_failed', 'provider'],
    [
      'an Expedia channel without its endpoint',
      { provider: 'expedia', endpoint_url: undefined },
      400,
      'validation_failed',
      'endpoint_url',
    ],
    ['a push-mode Expedia channel', { provider: 'expedia', mode: 'push' }, 400, 'validation_failed', 'mode'],
    ['an AlpineBits channel with an endpoint', { provider: 'alpinebits' }, 400, 'validation_failed', 'endpoint_url'],
    [
      'a calendar channel without its room type',
      { provider: 'airbnb', endpoint_url: undefined, credentials: undefined, hotel_code: undefined },
      400,
      'validation_failed',
      'room_type_id',
    ],
    [
      'a calendar channel of another hotel’s room type',
      {
        provider: 'ical',
        endpoint_url: undefined,
        credentials: undefined,
        hotel_code: undefined,
        room_type_id: 'rt_nope',
      },
      400,
      'validation_failed',
      'room_type_id',
    ],
    [
      'a profile on a provider other than ota_xml',
      { provider: 'booking_com', profile: {} },
      400,
      'validation_failed',
      'profile',
    ],
    [
      'a profile endpoint of another scheme',
      { profile: { message_endpoints: { OTA_ReadRQ: 'ftp://x.example' } } },
      400,
      'validation_failed',
      'profile.message_endpoints.OTA_ReadRQ',
    ],
    ['a URL that is not one', { endpoint_url: 'not a url' }, 400, 'validation_failed', 'endpoint_url'],
    ['a URL of another scheme', { endpoint_url: 'ftp://ota.example.com/x' }, 400, 'validation_failed', 'endpoint_url'],
    [
      'a URL with credentials',
      { endpoint_url: 'https://u:p@ota.example.com/' },
      400,
      'validation_failed',
      'endpoint_url',
    ],
    [
      'a bad endpoint override',
      { endpoints: { ari: 'gopher://x.example' } },
      400,
      'validation_failed',
      'endpoints.ari',
    ],
    [
      'an unknown endpoint family',
      { endpoints: { other: 'https://x.example' } },
      400,
      'validation_failed',
      'endpoints',
    ],
    ['no password', { credentials: { username: 'u' } }, 400, 'validation_failed', 'credentials.password'],
    ['a hotel code longer than OTA allows', { hotel_code: 'H'.repeat(17) }, 400, 'validation_failed', 'hotel_code'],
    ['a sync interval under a minute', { sync_interval: 10 }, 400, 'validation_failed', 'sync_interval'],
    ['an unknown field', { colour: 'red' }, 400, 'validation_failed', ''],
  ])('refuses %s', async (_label, overrides, status, code, path) => {
    const hotel = await createHotel();
    const problem = await expectProblem(
      call('POST', `/api/v1/hotels/${hotel.id}/channels`, { body: channelBody(overrides) }),
      status,
      code,
    );
    expect(problem.errors.map((e: { path: string }) => e.path)).toContain(path);
    const { n } = (await env.DB.prepare('SELECT COUNT(*) AS n FROM channels WHERE hotel_id = ?')
      .bind(hotel.id)
      .first<{ n: number }>())!;
    expect(n).toBe(0);
  });

  it('keeps allowed_ips (IPv4 and IPv6 ranges): shown in answers, replaced by a PATCH, garbage refused', async () => {
    const hotel = await createHotel();
    const channel = await createChannel(hotel.id, { allowed_ips: ['198.51.100.0/24', '2a05:d018::/32'] });
    expect(channel.allowed_ips).toEqual(['198.51.100.0/24', '2a05:d018::/32']);
    const patched = await expectStatus<ChannelJson>(
      call('PATCH', `/api/v1/channels/${channel.id}`, { body: { allowed_ips: ['2001:db8::/48'] } }),
      200,
    );
    expect(patched.allowed_ips).toEqual(['2001:db8::/48']);
    for (const allowed_ips of [['2001:db8::/129'], ['partner.example'], ['10.0.0.0/8', '300.1.1.1']]) {
      const problem = await expectProblem(
        call('PATCH', `/api/v1/channels/${channel.id}`, { body: { allowed_ips } }),
        400,
        'validation_failed',
      );
      expect(problem.errors[0].path).toMatch(/^allowed_ips\.\d$/);
    }
    const fresh = await createChannel(hotel.id);
    expect(fresh.allowed_ips).toEqual([]);
  });

  it('a PATCH is checked the same way and cannot change the provider', async () => {
    const hotel = await createHotel();
    const channel = await createChannel(hotel.id);
    for (const body of [{ endpoint_url: 'ftp://ota.example.com' }, { provider: 'booking_com' }, { sync_interval: 0 }]) {
      const problem = await expectProblem(
        call('PATCH', `/api/v1/channels/${channel.id}`, { body }),
        400,
        'validation_failed',
      );
      expect(problem.errors.length).toBeGreaterThan(0);
    }
    expect(await expectStatus(call('GET', `/api/v1/channels/${channel.id}`), 200)).toEqual(channel);
  });

  it('outside development a partner URL must be https and public', async () => {
    const hotel = await createHotel();
    const base = testDeps();
    const deps = { ...base, config: { ...base.config, ENVIRONMENT: 'production' as const } };
    const create = (endpoint_url: string, endpoints = {}) =>
      createChannelService(deps, hotel.id, {
        ...channelBody({ endpoint_url, endpoints }),
        enabled: true,
        mode: 'pull',
      } as never);
    for (const [url, endpoints] of [
      ['http://ota.example.com/ota', {}],
      ['https://10.0.0.7/ota', {}],
      ['https://169.254.169.254/latest', {}],
      ['https://localhost/ota', {}],
      ['https://ota.example.com/ota', { reservations: 'https://192.168.1.2/res' }],
    ] as const) {
      const error = await create(url, endpoints).catch((e: unknown) => e);
      expect(error, url).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('validation_failed');
    }
    const ok = await create('https://ota.example.com/ota');
    await expect(updateChannel(deps, ADMIN, ok.id, { endpoint_url: 'http://ota.example.com/x' })).rejects.toMatchObject(
      {
        code: 'validation_failed',
      },
    );
  });
});

describe('channel credentials are write-only', () => {
  it('cannot be sent to a new host or used for another hotel code by a PATCH that does not send them again', async () => {
    const hotel = await createHotel();
    const channel = await createChannel(hotel.id, { endpoints: { ari: 'http://ota.test/ari' } });
    const patch = (body: Record<string, unknown>) => call('PATCH', `/api/v1/channels/${channel.id}`, { body });
    // Every pull and push carries the stored credentials (HTTP Basic) to these URLs: a new host must be
    // given them by whoever moves the channel there, or the API would hand them to any URL it is told.
    for (const body of [
      { hotel_code: 'OTHER-HOTEL' },
      { endpoint_url: 'http://elsewhere.test/ota' },
      { endpoints: { acknowledgements: 'http://elsewhere.test/ack' } },
      { endpoints: { ari: 'http://ota.test:8443/ari' } },
    ]) {
      const problem = await expectProblem(patch(body), 400, 'validation_failed');
      expect(problem.errors).toEqual([expect.objectContaining({ path: 'credentials' })]);
    }
    expect(await expectStatus(call('GET', `/api/v1/channels/${channel.id}`), 200)).toEqual(channel);
    // The same hosts and hotel code, or new ones with the credentials sent again, are fine.
    await expectStatus(patch({ endpoint_url: 'http://ota.test/v2', endpoints: {}, hotel_code: 'H1' }), 200);
    const moved = await expectStatus<ChannelJson>(
      patch({ endpoint_url: 'http://elsewhere.test/ota', credentials: { username: 'u', password: 'p' } }),
      200,
    );
    expect(moved.endpoint_url).toBe('http://elsewhere.test/ota');
  });

  it('cannot be sent to a new host through the profile’s per-message URLs without being sent again', async () => {
    const hotel = await createHotel();
    const channel = await createChannel(hotel.id, {
      endpoints: { ari: 'http://ota.test/ari' },
      profile: { auth: 'pos', message_endpoints: { OTA_ReadRQ: 'http://ota.test/read' } },
    });
    const patch = (body: Record<string, unknown>) => call('PATCH', `/api/v1/channels/${channel.id}`, { body });
    // A message endpoint wins over endpoint_url and endpoints: the next pull would carry the stored
    // password (HTTP Basic or POS MessagePassword) to whatever host the PATCH names.
    const problem = await expectProblem(
      patch({ profile: { auth: 'pos', message_endpoints: { OTA_ReadRQ: 'http://attacker.test/read' } } }),
      400,
      'validation_failed',
    );
    expect(problem.errors).toEqual([expect.objectContaining({ path: 'credentials' })]);
    expect(await expectStatus(call('GET', `/api/v1/channels/${channel.id}`), 200)).toEqual(channel);
    // The same host, or a new one with the credentials sent again, is fine.
    await expectStatus(patch({ profile: { message_endpoints: { OTA_NotifReportRQ: 'http://ota.test/ack' } } }), 200);
    await expectStatus(
      patch({
        profile: { message_endpoints: { OTA_ReadRQ: 'http://elsewhere.test/read' } },
        credentials: { username: 'u', password: 'p' },
      }),
      200,
    );
  });

  it('an AlpineBits username of another tenant’s hotel is refused: its password would open that hotel too', async () => {
    const [theirs, mine] = [await createHotel(), await createHotel()];
    const user = `ab-${crypto.randomUUID()}`;
    const ab = (username: string) => ({
      provider: 'alpinebits',
      endpoint_url: undefined,
      credentials: { username, password: `pw-${crypto.randomUUID()}` },
      hotel_code: `H-${crypto.randomUUID().slice(0, 8)}`,
    });
    await createChannel(theirs.id, ab(user), await channelKey([theirs.id]));
    const myKey = await channelKey([mine.id]);
    const refused = await expectProblem(
      call('POST', `/api/v1/hotels/${mine.id}/channels`, { body: channelBody(ab(user)), auth: myKey }),
      409,
      'conflict',
    );
    expect(refused.errors).toEqual([expect.objectContaining({ path: 'credentials.username' })]);
    const own = await createChannel(mine.id, ab(`ab-${crypto.randomUUID()}`), myKey);
    await expectProblem(
      call('PATCH', `/api/v1/channels/${own.id}`, { body: { credentials: ab(user).credentials }, auth: myKey }),
      409,
      'conflict',
    );
    // One operator's hotels may share a client account: a credential reaching both may set it.
    const both = await channelKey([theirs.id, mine.id]);
    const shared = await createChannel(mine.id, ab(user), both);
    // …but not two channels with one HotelCode: a message would land in whichever hotel was found first.
    const twin = await expectProblem(
      call('POST', `/api/v1/hotels/${mine.id}/channels`, {
        body: channelBody({ ...ab(user), hotel_code: shared.hotel_code }),
        auth: both,
      }),
      409,
      'conflict',
    );
    expect(twin.errors).toEqual([expect.objectContaining({ path: 'hotel_code' })]);
    // A channel keeps its own code when its credentials are sent again.
    await expectStatus(
      call('PATCH', `/api/v1/channels/${shared.id}`, { body: { credentials: ab(user).credentials }, auth: both }),
      200,
    );
  });

  it('never appear in an answer, the stored row, the events or the log; a PATCH replaces them', async () => {
    const hotel = await createHotel();
    const password = `secret-${crypto.randomUUID()}`;
    const bodies: string[] = [];
    const keep = async (res: Promise<Response>, status: number) => {
      const r = await res;
      const text = await r.text();
      expect(r.status, text).toBe(status);
      bodies.push(text);
      return JSON.parse(text || 'null');
    };
    const created: ChannelJson = await keep(
      call('POST', `/api/v1/hotels/${hotel.id}/channels`, {
        body: channelBody({ credentials: { username: 'hotel-user', password, api_token: `${password}-token` } }),
      }),
      201,
    );
    expect(created.credentials_set).toBe(true);
    expect(created).not.toHaveProperty('credentials');
    await keep(call('GET', `/api/v1/channels/${created.id}`), 200);
    await keep(call('GET', `/api/v1/hotels/${hotel.id}/channels`), 200);
    await keep(call('GET', `/api/v1/channels/${created.id}/health`), 200);
    await keep(call('GET', `/api/v1/channels/${created.id}/messages`), 200);
    await keep(call('GET', `/api/v1/channels/${created.id}/mappings`), 200);
    const newPassword = `rotated-${crypto.randomUUID()}`;
    await keep(
      call('PATCH', `/api/v1/channels/${created.id}`, {
        body: { credentials: { username: 'hotel-user-2', password: newPassword } },
      }),
      200,
    );
    // Refusals do not echo the credentials either.
    await keep(
      call('PATCH', `/api/v1/channels/${created.id}`, {
        body: { credentials: { username: 'u', password: newPassword, extra: 1 } },
      }),
      400,
    );

    const row = await storedRow(created.id);
    const events = await env.DB.prepare('SELECT * FROM outbox_events').all();
    for (const secret of [password, newPassword, 'hotel-user-2']) {
      for (const body of bodies) expect(body).not.toContain(secret);
      expect(JSON.stringify(row)).not.toContain(secret);
      expect(JSON.stringify(events.results)).not.toContain(secret);
    }
    const key = testDeps().config.OTA_CREDENTIALS_ENCRYPTION_KEY;
    expect(await openCredentials(key, created.id, String(row?.credentials_sealed))).toEqual({
      username: 'hotel-user-2',
      password: newPassword,
    });
  });

  it('the service logs what changed, never the credentials', async () => {
    const hotel = await createHotel();
    const deps = testDeps({ log: new Logger('info', { test: 'credentials' }) });
    const password = `logged-${crypto.randomUUID()}`;
    const body = { ...channelBody({ credentials: { username: 'log-user', password } }), enabled: true, mode: 'pull' };
    const before = loggedLines().length;
    const row = await createChannelService(deps, hotel.id, body as never);
    await updateChannel(deps, ADMIN, row.id, { credentials: { username: 'log-user', password: `${password}-2` } });
    const lines = loggedLines().slice(before);
    expect(lines.some((l) => l.includes(row.id))).toBe(true);
    expect(lines.join('\n')).not.toContain(password);
  });
});

describe('channel access', () => {
  it('another hotel’s key neither sees nor changes the channel (404), and cannot list or create for that hotel', async () => {
    const hotel = await createHotel();
    const room = await createRoomType(hotel.id);
    const plan = await createRatePlan(hotel.id, [room.id]);
    const channel = await createChannel(hotel.id);
    const mapping = {
      room_type_id: room.id,
      rate_plan_id: plan.id,
      channel_room_code: 'DBL',
      channel_rate_code: 'BAR',
    };
    await expectStatus(call('PUT', `/api/v1/channels/${channel.id}/mappings`, { body: [mapping] }), 200);
    const other = await createHotel();
    const auth = await channelKey([other.id]);
    const snapshot = async () =>
      JSON.stringify([
        await storedRow(channel.id),
        (await env.DB.prepare('SELECT * FROM channel_mappings WHERE channel_id = ?').bind(channel.id).all()).results,
      ]);
    const before = await snapshot();

    for (const [method, path, body] of [
      ['GET', '', undefined],
      ['PATCH', '', { enabled: false }],
      ['DELETE', '', undefined],
      ['GET', '/mappings', undefined],
      ['PUT', '/mappings', []],
      ['GET', '/health', undefined],
      ['GET', '/messages', undefined],
    ] as const) {
      await expectProblem(call(method, `/api/v1/channels/${channel.id}${path}`, { auth, body }), 404, 'not_found');
    }
    await expectProblem(call('GET', `/api/v1/hotels/${hotel.id}/channels`, { auth }), 403, 'forbidden');
    await expectProblem(
      call('POST', `/api/v1/hotels/${hotel.id}/channels`, { auth, body: channelBody() }),
      403,
      'forbidden',
    );
    expect(await snapshot()).toBe(before);
    // Its own hotel's list does not show the channel.
    const own = await expectStatus(call('GET', `/api/v1/hotels/${other.id}/channels`, { auth }), 200);
    expect(own.data).toEqual([]);
  });

  it('a key without channels:manage is refused', async () => {
    const hotel = await createHotel();
    const channel = await createChannel(hotel.id);
    const { key } = await createApiKey({ scopes: ['hotels:read', 'hotels:write'], hotel_ids: [hotel.id] });
    await expectProblem(call('GET', `/api/v1/channels/${channel.id}`, { auth: { apiKey: key } }), 403, 'forbidden');
  });

  it('an unknown hotel is a 404', async () => {
    await expectProblem(
      call('POST', '/api/v1/hotels/htl_01jzzzzzzzzzzzzzzzzzzzzzzz/channels', { body: channelBody() }),
      404,
      'not_found',
    );
  });
});

describe('one channel per Expedia or Booking.com property', () => {
  const expedia = (code: string) => ({ provider: 'expedia', hotel_code: code, endpoint_url: 'http://expedia.test' });

  it('refuses a second Expedia or Booking.com channel of a property (409), by any hotel, and a PATCH onto one', async () => {
    const code = `P${crypto.randomUUID().slice(0, 8)}`;
    const [a, b] = [await createHotel(), await createHotel()];
    await createChannel(a.id, expedia(code));
    for (const hotel of [a, b]) {
      const problem = await expectProblem(
        call('POST', `/api/v1/hotels/${hotel.id}/channels`, { body: channelBody(expedia(code)) }),
        409,
        'conflict',
      );
      expect(problem.errors).toEqual([{ path: 'hotel_code', message: 'connected by another expedia channel' }]);
    }
    // Codes are the partner's own: the same one at another provider, or a generic OTA partner, is fine.
    await createChannel(b.id, { provider: 'booking_com', hotel_code: code });
    await createChannel(b.id, { hotel_code: code });
    await expectProblem(
      call('POST', `/api/v1/hotels/${a.id}/channels`, {
        body: channelBody({ provider: 'booking_com', hotel_code: code }),
      }),
      409,
      'conflict',
    );

    const other = await createChannel(b.id, expedia(`${code}-2`));
    await expectProblem(
      call('PATCH', `/api/v1/channels/${other.id}`, {
        body: { hotel_code: code, credentials: { username: 'u', password: 'p' } },
      }),
      409,
      'conflict',
    );
    const count = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM channels WHERE provider = 'expedia' AND hotel_code = ?",
    )
      .bind(code)
      .first<number>('n');
    expect(count).toBe(1);
  });
});
