import { Hono } from 'hono';
import { depsFromContext } from '../../deps';
import type { AppEnv } from '../../env';
import { integrationsHealth, integrationsMetrics } from '../metrics/metrics.service';
import { contentSecurityPolicy, escapeHtml, pageHeaders } from './page-headers';
import { statusAccess } from './status-access';
import { VENDOR } from './vendor';

const CSP = contentSecurityPolicy({ inlineStyles: false });
const DAY_MS = 24 * 3600 * 1000;
const HEALTH_WINDOW_MINUTES = 60;
const BUCKET_MINUTES = 15;

// No data in the HTML: public/status.js fetches it (same origin) and draws it with uPlot.
function statusHtml(dataUrl: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex" />
    <title>WeHub Integrations — status</title>
    <link rel="stylesheet" href="${VENDOR.uplotStyle}" />
    <link rel="stylesheet" href="/status.css" />
  </head>
  <body>
    <main id="status" data-src="${escapeHtml(dataUrl)}">
      <header>
        <h1>Integrations status</h1>
        <p id="generated">Loading…</p>
      </header>
      <section>
        <h2>Current health <small>(last ${HEALTH_WINDOW_MINUTES} minutes)</small></h2>
        <table id="health">
          <thead>
            <tr><th>Integration</th><th>Direction</th><th>Status</th><th>Requests</th><th>Success rate</th>
            <th>p50 / p95</th><th>Last success</th><th>Last error</th></tr>
          </thead>
          <tbody></tbody>
        </table>
        <dl id="backlog"></dl>
      </section>
      <section>
        <h2>Last 24 hours</h2>
        <div id="charts"></div>
      </section>
    </main>
    <script src="${VENDOR.uplotScript}"></script>
    <script src="/status.js"></script>
  </body>
</html>
`;
}

/** The operator's status page (HTML) and its data (JSON): platform-wide, admin key or signed link. */
export const statusRoutes = new Hono<AppEnv>()
  .get('/status', async (c) => {
    const query = await statusAccess(c);
    return c.body(statusHtml(`/status/data?${query}`), 200, pageHeaders(CSP, 'no-store'));
  })
  .get('/status/data', async (c) => {
    await statusAccess(c);
    const deps = depsFromContext(c);
    const to = deps.now();
    const [health, metrics] = await Promise.all([
      integrationsHealth(deps, { hotelIds: null, windowMinutes: HEALTH_WINDOW_MINUTES }),
      integrationsMetrics(deps, {
        hotelIds: null,
        from: new Date(to.getTime() - DAY_MS),
        to,
        bucketMinutes: BUCKET_MINUTES,
      }),
    ]);
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    return c.json({ health, metrics }, 200);
  });
