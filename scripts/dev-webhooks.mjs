// `npm run dev`'s local webhook receiver (./webhook-receiver.mjs), subscribed to the demo hotel's events.
import { expectOk, loadDemo, saveDemo } from './dev-demo.mjs';

const DEMO_WEBHOOK = {
  events: ['*'],
  description: 'npm run dev: the local webhook receiver (scripts/webhook-receiver.mjs)',
};

export const WEBHOOK_EVENTS = DEMO_WEBHOOK.events;

/**
 * Subscribes the local receiver to the demo hotel's events, once: the endpoint id and its secret are
 * kept in .wrangler/demo.json so a restart verifies with the same secret. An endpoint that is gone
 * is made again; one that was edited (another URL, disabled, fewer events) is set back.
 */
export async function ensureWebhookEndpoint(call, state, url) {
  const wanted = { url, events: DEMO_WEBHOOK.events, hotel_ids: [state.hotel_id] };
  if (state.webhook?.endpoint_id) {
    const path = `/api/v1/webhook-endpoints/${state.webhook.endpoint_id}`;
    const res = await call('GET', path);
    if (res.status === 404) {
      console.log('[dev] The demo webhook endpoint is gone: creating a new one.');
      delete state.webhook;
    } else {
      const current = expectOk(res, 200, 'Checking the demo webhook endpoint');
      const same =
        current.url === url &&
        current.enabled &&
        JSON.stringify(current.events) === JSON.stringify(wanted.events) &&
        JSON.stringify(current.hotel_ids) === JSON.stringify(wanted.hotel_ids);
      if (!same) {
        expectOk(
          await call('PATCH', path, { body: { ...wanted, enabled: true } }),
          200,
          'Updating the webhook endpoint',
        );
      }
    }
  }
  if (!state.webhook) {
    const body = { ...wanted, description: DEMO_WEBHOOK.description };
    const created = expectOk(
      await call('POST', '/api/v1/webhook-endpoints', { body }),
      201,
      'Creating the demo webhook endpoint',
    );
    state.webhook = { endpoint_id: created.id, secret: created.secret };
    saveDemo(state);
  }
  return state.webhook;
}

/** The receiver, listening before wrangler starts so that retries due from a previous run land; null if it cannot. */
export async function startReceiver() {
  const { receiverPortFromEnv, startWebhookReceiver } = await import('./webhook-receiver.mjs');
  let port;
  try {
    port = receiverPortFromEnv();
    return await startWebhookReceiver({ port, secret: loadDemo().webhook?.secret ?? null });
  } catch (err) {
    const why = err?.code === 'EADDRINUSE' ? `port ${port} is in use (set DEV_WEBHOOK_RECEIVER_PORT)` : err.message;
    console.error(`[dev] Not starting the local webhook receiver: ${why}.`);
    return null;
  }
}
