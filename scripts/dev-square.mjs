import { fileURLToPath } from 'node:url';

// `npm run dev` without a Square token: the local Square (emulators/square/server.ts) in this process, and
// the worker configured to talk to it. With PAYMENT_GATEWAY_ACCESS_TOKEN in the environment, .dev.vars or
// a --var, nothing starts and nothing is passed: the developer's own Square settings win.

const DEFAULT_PORT = 8791;
// base64 of 32 bytes: only ever encrypts the emulator's fake OAuth tokens.
const DEV_TOKEN_ENCRYPTION_KEY = 'd2VodWItZGV2LXBheW1lbnQtdG9rZW4ta2V5LTMyYiE=';

/** Where the Square token comes from, or null when none is configured. */
export function configuredSquareToken(devVars, cliVars) {
  if (cliVars.PAYMENT_GATEWAY_ACCESS_TOKEN) return '--var PAYMENT_GATEWAY_ACCESS_TOKEN';
  if (devVars.PAYMENT_GATEWAY_ACCESS_TOKEN) return 'PAYMENT_GATEWAY_ACCESS_TOKEN in .dev.vars';
  if (process.env.PAYMENT_GATEWAY_ACCESS_TOKEN) return 'PAYMENT_GATEWAY_ACCESS_TOKEN in the environment';
  return null;
}

/**
 * Starts the local Square; returns the `wrangler dev --var` pairs that point the worker at it, and a
 * close(). Null (after saying why) when it cannot start: the worker then runs without Square.
 */
export async function startLocalSquare({ workerUrl, shownUrl }) {
  const port = Number(process.env.DEV_SQUARE_EMULATOR_PORT ?? DEFAULT_PORT);
  let server;
  let DEV_SQUARE;
  try {
    ({ DEV_SQUARE, startSquareServer: server } = await import('../emulators/square/server.ts'));
  } catch (err) {
    console.error(
      `[dev] Not starting the local Square: loading emulators/square/server.ts failed (${err.code ?? err.message}).` +
        ' It needs Node ≥ 22.18 (TypeScript type stripping); or set PAYMENT_GATEWAY_ACCESS_TOKEN in .dev.vars.',
    );
    return null;
  }
  const notificationUrl = `${workerUrl}/api/v1/webhooks/square`;
  let square;
  try {
    square = await server({
      port,
      notificationUrl,
      signatureKey: DEV_SQUARE.signatureKey,
      // Next to the local D1, so our books and the local Square's survive a restart together.
      statePath: fileURLToPath(new URL('../.wrangler/state/square-emulator.json', import.meta.url)),
    });
  } catch (err) {
    const why = err?.code === 'EADDRINUSE' ? `port ${port} is in use (set DEV_SQUARE_EMULATOR_PORT)` : err.message;
    console.error(`[dev] Not starting the local Square: ${why}.`);
    return null;
  }
  const vars = {
    PAYMENT_GATEWAY_API_URL: square.url,
    PAYMENT_GATEWAY_ACCESS_TOKEN: DEV_SQUARE.token,
    PAYMENT_GATEWAY_LOCATION_ID: DEV_SQUARE.locationId,
    SQUARE_WEBHOOK_SIGNATURE_KEY: DEV_SQUARE.signatureKey,
    SQUARE_WEBHOOK_NOTIFICATION_URL: notificationUrl,
    SQUARE_APPLICATION_ID: DEV_SQUARE.applicationId,
    SQUARE_APPLICATION_SECRET: DEV_SQUARE.applicationSecret,
    SQUARE_OAUTH_REDIRECT_URL: `${shownUrl}/api/v1/payment-connections/square/callback`,
    PAYMENT_TOKEN_ENCRYPTION_KEY: DEV_TOKEN_ENCRYPTION_KEY,
  };
  return {
    url: square.url,
    token: DEV_SQUARE.token,
    locationId: DEV_SQUARE.locationId,
    notificationUrl,
    wranglerArgs: Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]),
    close: () => square.close(),
  };
}

/** The banner's Square lines: where payments go and how to take one with the demo key. */
export function squareBanner(square, source, { shownUrl, demo }) {
  if (!square) {
    return source
      ? [`  Square         your settings (${source}); PAYMENT_GATEWAY_ENVIRONMENT picks sandbox or production`]
      : ['  Square         not configured: payments answer 503 (see the [dev] message above)'];
  }
  const body = JSON.stringify({
    reservation_id: '<id of a booking made with the demo key>',
    amount: 16500,
    currency: 'EUR',
    source_id: 'cnon:card-nonce-ok',
    idempotency_key: 'demo-payment-1',
  });
  const lines = [
    `  Square         local emulator ${square.url} (token ${square.token}, location ${square.locationId})`,
    `                 notifies ${square.notificationUrl}; [square] lines below`,
    `                 developer controls: curl ${square.url}/__emulator/payments   (docs/payments.md)`,
  ];
  if (demo) {
    lines.push(
      `  Pay            curl -X POST ${shownUrl}/api/v1/payments -H 'X-API-Key: ${demo.api_key}' \\`,
      `                   -H 'content-type: application/json' -d '${body}'`,
      '                 decline: cnon:card-nonce-declined; ACH: bnon:bank-nonce-ok (README: sandbox test values)',
    );
  }
  return lines;
}
