import { exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../helpers/builders';
import { call, expectStatus } from '../helpers/http';

const HOTEL = 'htl_01jz0000000000000000000000';
const WIDGET_ORIGIN = 'https://widget.example';
const tokenBody = { hotel_id: HOTEL, scopes: ['hotels:read'] };

let widgetKey: string;

beforeAll(async () => {
  widgetKey = (await createApiKey({ scopes: ['hotels:read'], hotel_ids: [HOTEL], allowed_origins: [WIDGET_ORIGIN] }))
    .key;
});

function preflight(origin: string, path = '/api/v1/auth/token') {
  return exports.default.fetch(
    new Request(`http://localhost${path}`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, x-api-key',
      },
    }),
  );
}

describe('CORS', () => {
  it.each([WIDGET_ORIGIN, 'https://any-site.example'])('answers a preflight from %s with 204', async (origin) => {
    const res = await preflight(origin);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    const allowed = res.headers.get('access-control-allow-headers')?.toLowerCase() ?? '';
    for (const header of ['authorization', 'content-type', 'x-api-key', 'idempotency-key', 'if-match']) {
      expect(allowed).toContain(header);
    }
    expect(res.headers.get('vary')).toContain('Origin');
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('names an allowed origin on the actual response, with the headers a widget reads', async () => {
    const res = await call('POST', '/api/v1/auth/token', {
      auth: { apiKey: widgetKey },
      body: tokenBody,
      headers: { origin: WIDGET_ORIGIN },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(WIDGET_ORIGIN);
    expect(res.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
    expect(res.headers.get('vary')).toContain('Origin');
  });

  it('names no origin the key does not allow', async () => {
    const res = await call('POST', '/api/v1/auth/token', {
      auth: { apiKey: widgetKey },
      body: tokenBody,
      headers: { origin: 'https://evil.example' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('carries the key’s origins into the tokens it issues', async () => {
    const { access_token } = await expectStatus(
      call('POST', '/api/v1/auth/token', { auth: { apiKey: widgetKey }, body: tokenBody }),
      200,
    );
    const allowed = await call('GET', `/api/booking-engine/hotels/${HOTEL}`, {
      auth: { bearer: access_token },
      headers: { origin: WIDGET_ORIGIN },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(WIDGET_ORIGIN);
    const other = await call('GET', `/api/booking-engine/hotels/${HOTEL}`, {
      auth: { bearer: access_token },
      headers: { origin: 'https://evil.example' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('names no origin on a request whose credential is refused', async () => {
    const res = await call('POST', '/api/v1/auth/token', {
      auth: { apiKey: 'whk_not_a_real_key' },
      body: tokenBody,
      headers: { origin: WIDGET_ORIGIN },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('allowed_ips', () => {
  let ipKey: string;
  beforeAll(async () => {
    ipKey = (
      await createApiKey({
        scopes: ['hotels:read'],
        hotel_ids: [HOTEL],
        allowed_ips: ['203.0.113.7', '198.51.100.0/24', '2001:db8::1', '2a05:d018::/32'],
      })
    ).key;
  });

  const mintFrom = (ip: string | null) =>
    call('POST', '/api/v1/auth/token', {
      auth: { apiKey: ipKey },
      body: tokenBody,
      headers: ip === null ? {} : { 'cf-connecting-ip': ip },
    });

  it.each(['203.0.113.7', '198.51.100.1', '198.51.100.254', '2001:db8::1', '2001:DB8:0:0::1', '2a05:d018:7:1::9'])(
    'lets the key be used from %s',
    async (ip) => {
      expect((await mintFrom(ip)).status).toBe(200);
    },
  );

  it.each(['203.0.113.8', '198.51.101.1', '2001:db8::2', '2a05:d019::1', null])(
    'refuses the key from %s with 403',
    async (ip) => {
      const res = await mintFrom(ip);
      expect(res.status).toBe(403);
      expect((await res.json<{ code: string }>()).code).toBe('forbidden');
    },
  );

  it.each([['not-an-ip'], ['2001:db8::/129'], ['10.0.0.0/33'], ['example.com']])(
    'refuses to store the entry %s as a validation failure',
    async (entry) => {
      const res = await call('POST', '/api/v1/api-keys', {
        body: { name: 'bad ips', scopes: ['hotels:read'], hotel_ids: [HOTEL], allowed_ips: ['2001:db8::/32', entry] },
      });
      const problem = await expectStatus<{ code: string; errors: { path: string }[] }>(res, 400);
      expect(problem.code).toBe('validation_failed');
      expect(problem.errors.map((e) => e.path)).toEqual(['allowed_ips.1']);
    },
  );

  it('does not restrict a key without allowed_ips', async () => {
    expect(
      (
        await call('POST', '/api/v1/auth/token', {
          auth: { apiKey: widgetKey },
          body: tokenBody,
          headers: { 'cf-connecting-ip': '192.0.2.99' },
        })
      ).status,
    ).toBe(200);
  });
});
