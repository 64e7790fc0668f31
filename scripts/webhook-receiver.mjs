#!/usr/bin/env node
import { realpathSync } from 'node:fs';
// A local webhook subscriber for development: it hears the worker's Standard Webhooks deliveries on
// loopback, verifies each with the `standardwebhooks` library (as a real subscriber would) and prints
// one line per delivery. `npm run dev` starts it for the demo hotel; on its own:
//   node scripts/webhook-receiver.mjs --secret whsec_... [--port 8790] [--fail-first N]
// A verified delivery gets 204; a bad signature gets 400 (so it shows as failed in the deliveries log);
// with --fail-first N the first N deliveries get 503, to watch the worker's retries.
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Webhook } from 'standardwebhooks';

export const DEFAULT_RECEIVER_PORT = 8790;
export const RECEIVER_PATH = '/webhooks';
const MAX_BODY_BYTES = 1024 * 1024;

/** The port from `DEV_WEBHOOK_RECEIVER_PORT`, else 8790. */
export function receiverPortFromEnv(env = process.env) {
  const raw = env.DEV_WEBHOOK_RECEIVER_PORT;
  if (raw === undefined || raw === '') return DEFAULT_RECEIVER_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error(`DEV_WEBHOOK_RECEIVER_PORT must be a port number (1-65535), not "${raw}"`);
  }
  return port;
}

/**
 * Checks one delivery against `secret`: `{ ok: true, event }` with the parsed envelope, or
 * `{ ok: false, reason, event }` where `event` is whatever of the body parses (for the log line).
 */
export function verifyDelivery(secret, body, headers) {
  if (!secret) return { ok: false, reason: 'no secret yet', event: parseLoosely(body) };
  try {
    return { ok: true, event: new Webhook(secret).verify(body, headers) };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err), event: parseLoosely(body) };
  }
}

function parseLoosely(body) {
  try {
    return JSON.parse(body);
  } catch {
    return null; // not JSON: the line shows no type or hotel
  }
}

/** One line per delivery: time, webhook-id, type, hotel, signature verdict and the answer given. */
export function deliveryLine({ at, id, event, verdict, status }) {
  const type = typeof event?.type === 'string' ? event.type : '-';
  const hotel = typeof event?.hotel_id === 'string' ? event.hotel_id : '-';
  const signature = verdict.ok ? 'signature ok' : `signature FAILED (${verdict.reason})`;
  return `[webhook] ${at.toISOString()}  ${id ?? '(no webhook-id)'}  ${type}  hotel ${hotel}  ${signature}  → ${status}`;
}

/**
 * Starts the receiver on `host:port` and resolves once it listens. `setSecret` swaps the secret it
 * verifies with (dev.mjs learns it only after registering the endpoint); until then every delivery
 * is answered 503, so the worker retries it rather than losing it to a receiver that cannot check it.
 */
export function startWebhookReceiver({
  port = DEFAULT_RECEIVER_PORT,
  host = '127.0.0.1',
  secret = null,
  failFirst = 0,
  log = (line) => console.log(line),
} = {}) {
  let currentSecret = secret;
  let toFail = failFirst;
  const server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url?.split('?')[0] !== RECEIVER_PATH) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`POST deliveries to ${RECEIVER_PATH}\n`);
      return;
    }
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        res.writeHead(413).end();
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (res.writableEnded) return;
      // The raw body as sent: re-serialised JSON would not verify.
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]),
      );
      const verdict = verifyDelivery(currentSecret, body, headers);
      let status;
      if (!currentSecret) status = 503;
      else if (toFail > 0) {
        toFail--;
        status = 503;
      } else status = verdict.ok ? 204 : 400;
      log(deliveryLine({ at: new Date(), id: headers['webhook-id'], event: verdict.event, verdict, status }));
      res.writeHead(status).end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host }, () => {
      server.off('error', reject);
      const bound = server.address().port;
      resolve({
        url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}${RECEIVER_PATH}`,
        port: bound,
        setSecret: (value) => {
          currentSecret = value;
        },
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

function usage() {
  return [
    'Usage: node scripts/webhook-receiver.mjs --secret whsec_... [--port N] [--fail-first N]',
    `  --secret      the endpoint's signing secret (or WEBHOOK_SECRET in the environment)`,
    `  --port        where to listen on 127.0.0.1 (default DEV_WEBHOOK_RECEIVER_PORT or ${DEFAULT_RECEIVER_PORT})`,
    '  --fail-first  answer the first N deliveries with 503 (to watch the retries)',
  ].join('\n');
}

async function cli() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        secret: { type: 'string' },
        port: { type: 'string' },
        'fail-first': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    console.error(`${err.message}\n${usage()}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(usage());
    return;
  }
  const secret = values.secret ?? process.env.WEBHOOK_SECRET;
  const port = values.port === undefined ? receiverPortFromEnv() : Number(values.port);
  const failFirst = values['fail-first'] === undefined ? 0 : Number(values['fail-first']);
  const problems = [];
  if (!secret?.startsWith('whsec_')) problems.push('--secret must be the endpoint secret (whsec_...)');
  if (!Number.isInteger(port) || port < 1 || port > 65_535) problems.push('--port must be 1-65535');
  if (!Number.isInteger(failFirst) || failFirst < 0) problems.push('--fail-first must be a whole number ≥ 0');
  if (problems.length > 0) {
    console.error(`${problems.join('\n')}\n${usage()}`);
    process.exit(2);
  }
  const receiver = await startWebhookReceiver({ port, secret, failFirst });
  console.log(`[webhook] Listening on ${receiver.url}${failFirst ? ` (failing the first ${failFirst})` : ''}`);
  const stop = () => receiver.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  cli().catch((err) => {
    console.error(`[webhook] ${err.code === 'EADDRINUSE' ? `Port in use: ${err.message}` : err.message}`);
    process.exit(1);
  });
}
