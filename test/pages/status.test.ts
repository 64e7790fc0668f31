import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { STATUS_LINK_MAX_SECONDS, statusLinkQuery } from '../../src/modules/pages/status-link';
import { VENDOR } from '../../src/modules/pages/vendor';
import { createApiKey } from '../helpers/builders';
import { ADMIN_KEY, call, expectProblem, expectStatus } from '../helpers/http';
import { directivesOf, expectSameOriginPage } from '../helpers/pages';

const SECRET = env.JWT_SIGNING_SECRET;
const nowSeconds = () => Math.floor(Date.now() / 1000);

async function newLink(body?: unknown): Promise<{ url: string; expires_at: string }> {
  return expectStatus(call('POST', '/api/v1/status-links', body === undefined ? {} : { body }), 201);
}

/** The path and query of a signed link, as the worker is called in tests. */
const pathOf = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

describe('GET /status', () => {
  it('refuses a request without the admin key or a signed link', async () => {
    await expectProblem(call('GET', '/status', { auth: null }), 401, 'unauthorized');
    await expectProblem(call('GET', '/status/data', { auth: null }), 401, 'unauthorized');
  });

  it('refuses an API key that is not the platform admin key', async () => {
    const { key } = await createApiKey({ scopes: ['hotels:read'], hotel_ids: null });
    await expectProblem(call('GET', '/status', { auth: { apiKey: key } }), 403, 'forbidden');
    await expectProblem(call('GET', '/status', { auth: { apiKey: 'whk_not_a_real_key_0123456789' } }), 401);
  });

  it('serves the page to the admin key: same-origin scripts only, strict CSP, no secrets, not cached', async () => {
    const res = await call('GET', '/status');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(directivesOf(res.headers.get('content-security-policy'))).toMatchObject({
      'default-src': "'none'",
      'script-src': "'self'",
      // uPlot styles through the CSSOM: no inline-style exception on this page.
      'style-src': "'self'",
      'connect-src': "'self'",
    });
    const html = await res.text();
    expect(expectSameOriginPage(html)).toEqual([VENDOR.uplotScript, '/status.js', VENDOR.uplotStyle, '/status.css']);
    expect(html).not.toContain(ADMIN_KEY);
    expect(html).not.toContain(SECRET);
  });

  it("hands the page's script a signed data link that works without the header", async () => {
    const html = await (await call('GET', '/status')).text();
    const src = /data-src="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');
    expect(src).toMatch(/^\/status\/data\?expires=\d+&signature=[A-Za-z0-9_-]+$/);
    const expires = Number(/expires=(\d+)/.exec(src ?? '')?.[1]);
    // One hour, not the admin key's lifetime.
    expect(expires - nowSeconds()).toBeGreaterThan(3500);
    expect(expires - nowSeconds()).toBeLessThanOrEqual(3600);
    const data = await expectStatus(call('GET', src as string, { auth: null }), 200);
    expect(data).toMatchObject({
      health: { integrations: expect.any(Array), backlog: expect.any(Object), window: expect.any(Object) },
      metrics: { bucket_seconds: 900, series: expect.any(Array), backlog: expect.any(Array) },
    });
  });
});

describe('signed status links', () => {
  it('POST /api/v1/status-links answers a link that opens the page and its data without a credential', async () => {
    const before = nowSeconds();
    const link = await newLink();
    const expires = Date.parse(link.expires_at) / 1000;
    expect(expires - before).toBeGreaterThanOrEqual(24 * 3600);
    expect(expires - before).toBeLessThanOrEqual(24 * 3600 + 5);
    expect(link.url).toMatch(/^http:\/\/localhost\/status\?expires=\d+&signature=[A-Za-z0-9_-]+$/);
    const page = await call('GET', pathOf(link.url), { auth: null });
    expect(page.status).toBe(200);
    const html = await page.text();
    // The page's data link carries the same expiry: a link never outlives itself through its page.
    expect(html).toContain(`data-src="/status/data?expires=${expires}&amp;signature=`);
    await expectStatus(call('GET', pathOf(link.url).replace('/status?', '/status/data?'), { auth: null }), 200);
  });

  it('takes a lifetime of up to 7 days and refuses more', async () => {
    const week = await newLink({ expires_in_seconds: STATUS_LINK_MAX_SECONDS });
    expect(Date.parse(week.expires_at) / 1000 - nowSeconds()).toBeGreaterThan(STATUS_LINK_MAX_SECONDS - 5);
    for (const expires_in_seconds of [STATUS_LINK_MAX_SECONDS + 1, 59, 'soon', 1.5]) {
      await expectProblem(
        call('POST', '/api/v1/status-links', { body: { expires_in_seconds } }),
        400,
        'validation_failed',
      );
    }
    await expectProblem(call('POST', '/api/v1/status-links', { body: { url: 'x' } }), 400, 'validation_failed');
  });

  it('is for the platform admin only', async () => {
    const { key } = await createApiKey({ scopes: ['hotels:write', 'hotels:read'], hotel_ids: null });
    await expectProblem(call('POST', '/api/v1/status-links', { auth: { apiKey: key }, body: {} }), 403, 'forbidden');
    await expectProblem(call('POST', '/api/v1/status-links', { auth: null, body: {} }), 401, 'unauthorized');
  });

  it('refuses an admin-scoped key restricted to some hotels: the page shows every hotel', async () => {
    const { key } = await createApiKey({ scopes: ['admin'], hotel_ids: ['htl_one_tenant'] });
    await expectProblem(call('POST', '/api/v1/status-links', { auth: { apiKey: key }, body: {} }), 403, 'forbidden');
  });

  it('records the link in the audit trail', async () => {
    const link = await newLink({ expires_in_seconds: 600 });
    const expires = String(Date.parse(link.expires_at) / 1000);
    const row = await env.DB.prepare(
      `SELECT actor_type, actor_id, outcome FROM audit_logs WHERE action = 'status_link.create' AND entity_id = ?`,
    )
      .bind(expires)
      .first();
    expect(row).toEqual({ actor_type: 'admin', actor_id: 'admin', outcome: 'success' });
  });

  it('refuses an expired link, even one correctly signed', async () => {
    const query = await statusLinkQuery(SECRET, nowSeconds() - 1);
    const problem = await expectProblem(call('GET', `/status?${query}`, { auth: null }), 401, 'unauthorized');
    expect(problem.detail).toMatch(/expired/);
    await expectProblem(call('GET', `/status/data?${query}`, { auth: null }), 401, 'unauthorized');
  });

  it('refuses a correctly signed link that outlives the 7-day maximum', async () => {
    const query = await statusLinkQuery(SECRET, nowSeconds() + STATUS_LINK_MAX_SECONDS + 3600);
    const problem = await expectProblem(call('GET', `/status?${query}`, { auth: null }), 401, 'unauthorized');
    expect(problem.detail).toMatch(/7 days/);
  });

  it('refuses a tampered link: another expiry, another signature, or one signed with another secret', async () => {
    const link = pathOf((await newLink({ expires_in_seconds: 600 })).url);
    const expires = Number(/expires=(\d+)/.exec(link)?.[1]);
    const signature = /signature=([^&]+)/.exec(link)?.[1] ?? '';
    const flipped = `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    const otherSecret = await statusLinkQuery('another_signing_secret_0123456789abcdef', expires);
    for (const query of [
      `expires=${expires + 3600}&signature=${signature}`,
      `expires=${expires}&signature=${flipped}`,
      otherSecret,
      `expires=${expires}`,
      `signature=${signature}`,
      `expires=soon&signature=${signature}`,
    ]) {
      await expectProblem(call('GET', `/status?${query}`, { auth: null }), 401, 'unauthorized', query);
    }
  });
});
