import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { VENDOR } from '../../src/modules/pages/vendor';
import { call } from '../helpers/http';
import { directivesOf, expectSameOriginPage } from '../helpers/pages';

// The asset router's service over public/ with public/_headers (vitest.config.ts): what a browser gets
// for a path the worker does not answer.
const assets = (env as unknown as { TEST_ASSETS: Fetcher }).TEST_ASSETS;

describe('/docs', () => {
  it('is our own HTML that loads only same-origin scripts, under a CSP allowing only this origin', async () => {
    const res = await call('GET', '/docs', { auth: null });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = directivesOf(res.headers.get('content-security-policy'));
    expect(csp).toMatchObject({
      'default-src': "'none'",
      'script-src': "'self'",
      // Scalar injects its stylesheet at run time (page-headers.ts says why that is the one exception).
      'style-src': "'self' 'unsafe-inline'",
      'connect-src': "'self'",
      'font-src': "'self'",
      'img-src': "'self' data:",
      'frame-ancestors': "'none'",
    });
    const html = await res.text();
    const loaded = expectSameOriginPage(html);
    expect(loaded).toEqual(['/docs.js', VENDOR.scalar]);
    expect(html).toContain('data-openapi-url="/openapi.json"');
  });

  it('names the Scalar bundle after the version pinned in package.json', () => {
    expect(VENDOR.scalar).toMatch(/^\/vendor\/scalar-api-reference-\d+\.\d+\.\d+\.js$/);
    expect(VENDOR.uplotScript).toMatch(/^\/vendor\/uplot-\d+\.\d+\.\d+\.min\.js$/);
  });
});

describe('static assets', () => {
  it('serves the vendored bundles with a year-long immutable cache', async () => {
    for (const [path, type] of [
      [VENDOR.scalar, /javascript/],
      [VENDOR.uplotScript, /javascript/],
      [VENDOR.uplotStyle, /^text\/css/],
    ] as const) {
      const res = await assets.fetch(`http://localhost${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(type);
      expect(res.headers.get('cache-control'), path).toBe('public, max-age=31536000, immutable');
      expect((await res.text()).length, path).toBeGreaterThan(1000);
    }
  });

  it("serves the pages' own scripts and style with a short cache (their names do not change)", async () => {
    for (const path of ['/docs.js', '/status.js', '/status.css']) {
      const res = await assets.fetch(`http://localhost${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('public, max-age=300');
      await res.body?.cancel();
    }
  });

  it('does not serve the headers file itself', async () => {
    const res = await assets.fetch('http://localhost/_headers');
    expect(res.status).toBe(404);
    await res.body?.cancel();
  });
});
