import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { z } from '@hono/zod-openapi';
import { describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app';
import { base64, hmacSha256, timingSafeEqualBytes, timingSafeEqualStrings } from '../../src/lib/crypto';
import { createRouter } from '../../src/lib/openapi';
import { partnerRoute } from '../../src/modules/auth/partner-route';

const SECRET = 'partner-signing-secret';
let handled = 0;

/** Two partner routes of the kinds issues 10 and 11 add: a signed webhook and an HTTP Basic XML push. */
const partnerRoutes = createRouter()
  .openapi(
    partnerRoute(
      {
        scheme: {
          kind: 'signature',
          securityScheme: 'TestSignature',
          verify: async (c, raw) => {
            const sent = c.req.header('x-test-signature');
            if (!sent) return false;
            return timingSafeEqualBytes(
              new TextEncoder().encode(base64(await hmacSha256(SECRET, raw))),
              new TextEncoder().encode(sent),
            );
          },
        },
        accepts: ['application/json'],
      },
      { method: 'post', path: '/test-partner/signed', responses: { 200: { description: 'ok' } } },
    ),
    async (c) => {
      handled++;
      return c.json({ received: await c.req.json() }, 200);
    },
  )
  .openapi(
    partnerRoute(
      {
        scheme: {
          kind: 'basic',
          securityScheme: 'TestBasic',
          verify: async (_c, { username, password }) =>
            (await timingSafeEqualStrings(username, 'channel')) &&
            (await timingSafeEqualStrings(password, 's3cret:with:colons')),
        },
        accepts: ['text/xml', 'application/xml'],
        renderError: (c, error) =>
          c.body(`<Errors><Error Code="${error.status}">${error.code}</Error></Errors>`, error.status, {
            'Content-Type': 'application/xml',
          }),
      },
      {
        method: 'post',
        path: '/test-partner/xml',
        request: { params: z.object({}) },
        responses: { 200: { description: 'ok' } },
      },
    ),
    async (c) => {
      handled++;
      return c.body('<Success/>', 200, { 'Content-Type': 'application/xml' });
    },
  );

const app = createApp();
app.route('/api/v1', partnerRoutes);

async function send(path: string, init: RequestInit): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`http://localhost/api/v1${path}`, init), env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

const basic = (user: string, pass: string) => `Basic ${btoa(`${user}:${pass}`)}`;

describe('partner routes', () => {
  it('take a correctly signed body without an API key', async () => {
    const body = JSON.stringify({ event: 'payment.updated' });
    const signature = base64(await hmacSha256(SECRET, body));
    const before = handled;
    const res = await send('/test-partner/signed', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-test-signature': signature },
      body,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: { event: 'payment.updated' } });
    expect(handled).toBe(before + 1);
  });

  it.each([
    ['no signature', {}],
    ['a signature of another body', { 'x-test-signature': 'AAAA' }],
    ['an API key instead of a signature', { 'x-api-key': env.ADMIN_API_KEY }],
  ])('refuse %s with 401 before the handler runs', async (_name, headers) => {
    const before = handled;
    const res = await send('/test-partner/signed', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: '{"event":"payment.updated"}',
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(handled).toBe(before);
  });

  it('check HTTP Basic (passwords may contain colons) and answer in the partner’s own error format', async () => {
    const before = handled;
    const ok = await send('/test-partner/xml', {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', authorization: basic('channel', 's3cret:with:colons') },
      body: '<OTA_HotelResNotifRQ/>',
    });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('<Success/>');

    const wrong = await send('/test-partner/xml', {
      method: 'POST',
      headers: { 'content-type': 'application/xml', authorization: basic('channel', 'guess') },
      body: '<OTA_HotelResNotifRQ/>',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Basic realm="wehub"');
    expect(wrong.headers.get('content-type')).toBe('application/xml');
    expect(await wrong.text()).toBe('<Errors><Error Code="401">unauthorized</Error></Errors>');

    const json = await send('/test-partner/xml', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: basic('channel', 's3cret:with:colons') },
      body: '{}',
    });
    expect(json.status).toBe(415);
    expect(await json.text()).toContain('unsupported_media_type');
    expect(handled).toBe(before + 1);
  });

  it('are rate limited per route and client before the credential is checked', async () => {
    const limit = vi.spyOn(env.RATE_LIMIT_1200, 'limit').mockResolvedValue({ success: false });
    const before = handled;
    const res = await send('/test-partner/xml', {
      method: 'POST',
      headers: {
        'content-type': 'application/xml',
        authorization: basic('channel', 's3cret:with:colons'),
        'cf-connecting-ip': '2001:db8:1:2:3:4:5:6',
      },
      body: '<OTA_HotelResNotifRQ/>',
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe(res.headers.get('ratelimit-reset'));
    expect(res.headers.get('ratelimit-limit')).toBe('1200');
    expect(await res.text()).toBe('<Errors><Error Code="429">rate_limited</Error></Errors>');
    expect(limit).toHaveBeenCalledWith({ key: 'partner:/api/v1/test-partner/xml|2001:db8:1:2::/64' });
    limit.mockRestore();
    expect(handled).toBe(before);
  });

  it('still obey the 1 MB body limit', async () => {
    const res = await send('/test-partner/xml', {
      method: 'POST',
      headers: { 'content-type': 'application/xml', authorization: basic('channel', 's3cret:with:colons') },
      body: `<x>${'a'.repeat(1024 * 1024)}</x>`,
    });
    expect(res.status).toBe(413);
  });

  it('are documented with their own security scheme, not the API key', async () => {
    const doc = app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 't', version: '1' } });
    expect(doc.paths?.['/api/v1/test-partner/signed']?.post?.security).toEqual([{ TestSignature: [] }]);
    expect(doc.paths?.['/api/v1/test-partner/xml']?.post?.security).toEqual([{ TestBasic: [] }]);
  });
});
