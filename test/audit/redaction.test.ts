/**
 * Secrets and guest data never reach the audit trail's `changes`: redacted by field name at any depth
 * and by value (e-mail addresses, payment tokens, our keys and secrets, JWTs) whatever field holds them.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { auditDiff, REDACTED_VALUE } from '../../src/modules/audit/audit';
import { bookableHotel, createApiKey } from '../helpers/builders';
import { call, expectStatus } from '../helpers/http';
import { booked, bookingBody } from '../helpers/reservations';

describe('auditDiff', () => {
  it('redacts guest data and secrets by field name, keeping that they changed', () => {
    const changes = auditDiff(
      { first_name: 'Ada', last_name: 'Lovelace', phone: '+43 1 234', key_hash: 'aa', status: 'pending' },
      { first_name: 'Grace', last_name: 'Hopper', phone: '+1 555', key_hash: 'bb', status: 'confirmed' },
    );
    expect(changes).toEqual({
      first_name: { from: REDACTED_VALUE, to: REDACTED_VALUE },
      last_name: { from: REDACTED_VALUE, to: REDACTED_VALUE },
      phone: { from: REDACTED_VALUE, to: REDACTED_VALUE },
      key_hash: { from: REDACTED_VALUE, to: REDACTED_VALUE },
      status: { from: 'pending', to: 'confirmed' },
    });
  });

  it('redacts secret fields inside nested objects and arrays', () => {
    const changes = auditDiff(
      { payment_gateway: { enabled: false, location_id: 'L1', access_token: null } },
      {
        payment_gateway: { enabled: true, location_id: 'L2', access_token: 'EAAAsecret-token' },
        guests: [{ email_address: 'x', first_name: 'Ada', adults: 2 }],
      },
    );
    expect(changes).toEqual({
      payment_gateway: {
        from: { enabled: false, location_id: 'L1', access_token: null },
        to: { enabled: true, location_id: 'L2', access_token: REDACTED_VALUE },
      },
      guests: { from: null, to: [{ email_address: REDACTED_VALUE, first_name: REDACTED_VALUE, adults: 2 }] },
    });
  });

  it('redacts secret values whatever field holds them', () => {
    const changes = auditDiff(null, {
      reply_to: 'ada@example.com',
      source: 'cnon:card-nonce-ok',
      value: 'whsec_c2VjcmV0',
      presented: 'whk_abcdefghijklmnopqrstuvwxyz012345',
      jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig',
      company: 'ACME',
    });
    expect(changes).toEqual({
      company: { from: null, to: 'ACME' },
      jwt: { from: null, to: REDACTED_VALUE },
      presented: { from: null, to: REDACTED_VALUE },
      reply_to: { from: null, to: REDACTED_VALUE },
      source: { from: null, to: REDACTED_VALUE },
      value: { from: null, to: REDACTED_VALUE },
    });
  });

  it('lists only what changed; dates as ISO text', () => {
    const at = new Date('2027-01-02T03:04:05Z');
    expect(auditDiff({ a: 1, at }, { a: 1, at: new Date(at) })).toEqual({});
    expect(auditDiff(null, { at })).toEqual({ at: { from: null, to: '2027-01-02T03:04:05.000Z' } });
    expect(auditDiff(null, null)).toBeNull();
  });
});

describe('the stored trail', () => {
  it('holds none of the secrets and guest data of a series of changes', async () => {
    const h = await bookableHotel();
    const key = await createApiKey({ scopes: ['hotels:read'], hotel_ids: [h.hotel.id] });
    const guest = {
      first_name: 'Augusta',
      last_name: 'Byron',
      email: 'augusta.byron@example.com',
      phone: '+44 20 7946',
    };
    await booked(bookingBody(h, { guest }));
    const channelPassword = `pw-${crypto.randomUUID()}`;
    await expectStatus(
      call('POST', `/api/v1/hotels/${h.hotel.id}/channels`, {
        body: {
          provider: 'ota_xml',
          endpoint_url: 'https://ota.example.com/redaction',
          credentials: { username: 'redaction-user', password: channelPassword },
          hotel_code: 'REDACT',
        },
      }),
      201,
    );
    const endpoint = await expectStatus<{ secret: string }>(
      call('POST', '/api/v1/webhook-endpoints', {
        body: { url: 'https://hooks.example.com/redaction', events: ['*'], hotel_ids: [h.hotel.id] },
      }),
      201,
    );
    expect(endpoint.secret).toMatch(/^whsec_/);
    const { results } = await env.DB.prepare('SELECT changes FROM audit_logs WHERE changes IS NOT NULL').all<{
      changes: string;
    }>();
    const trail = results.map((r) => r.changes).join('\n');
    for (const secret of [
      key.key,
      channelPassword,
      endpoint.secret,
      guest.email,
      guest.phone,
      guest.first_name,
      guest.last_name,
    ]) {
      expect(trail).not.toContain(secret);
    }
  });
});
