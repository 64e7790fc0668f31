import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { contentSecurityPolicy, pageHeaders } from './page-headers';
import { VENDOR } from './vendor';

const CSP = contentSecurityPolicy({ inlineStyles: true });

// Scalar reads its configuration in public/docs.js (same origin: no inline script under the CSP).
const DOCS_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>WeHub Integrations API</title>
  </head>
  <body>
    <div id="app" data-openapi-url="/openapi.json"></div>
    <script src="/docs.js"></script>
    <script src="${VENDOR.scalar}"></script>
  </body>
</html>
`;

/** The API reference UI: Scalar, served from this worker (no CDN), over /openapi.json. */
export const docsRoutes = new Hono<AppEnv>().get('/docs', (c) =>
  c.body(DOCS_HTML, 200, pageHeaders(CSP, 'public, max-age=300')),
);
