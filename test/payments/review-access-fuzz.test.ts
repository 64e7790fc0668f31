import { exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { squareSignature } from '../../emulators/square/signature.ts';
import { loadSquare } from '../../src/modules/payments/square.client';
import { aGuest } from '../helpers/cards';
import { ADMIN_KEY } from '../helpers/http';
import { payableReservation, paymentRow } from '../helpers/payments';
import { SQUARE, useSquare } from '../helpers/square';

/** Bodies no client should send: each must be a problem+json 4xx, never a 500. */
const BAD_BODIES: [string, string, string?][] = [
  ['not JSON', '{"amount": 10'],
  ['empty', ''],
  ['null', 'null'],
  ['an array', '[1,2,3]'],
  ['a string', '"hello"'],
  ['a number', '12'],
  ['wrong types', '{"amount":"100","currency":1,"source_id":{},"reservation_id":[],"idempotency_key":5}'],
  ['a huge amount', '{"amount":1e308,"currency":"EUR","source_id":"cnon:card-nonce-ok","reservation_id":"r"}'],
  ['an amount beyond 2^53', '{"amount":9007199254740993,"currency":"EUR","source_id":"x","reservation_id":"r"}'],
  ['a negative amount', '{"amount":-1,"reason":"x"}'],
  ['unknown fields only', '{"zzz":1,"__proto__":{"admin":true},"constructor":{"prototype":{}}}'],
  ['deep nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`],
  ['a lone surrogate', '{"amount":100,"reason":"\\ud800","idempotency_key":"\\ud800"}'],
  ['booleans as switches', '{"auto_refund_on_cancel":"yes","hold_high_risk":1}'],
  ['wrong media type', '{"amount":100}', 'text/plain'],
  ['form encoded', 'amount=100', 'application/x-www-form-urlencoded'],
];

async function send(method: string, path: string, body: string, contentType = 'application/json', headers = {}) {
  return exports.default.fetch(
    new Request(`http://localhost${path}`, {
      method,
      headers: {
        'x-api-key': ADMIN_KEY,
        'content-type': contentType,
        'idempotency-key': crypto.randomUUID(),
        ...headers,
      },
      body,
    }),
  );
}

async function expectClientError(res: Response, label: string) {
  const text = await res.text();
  expect(res.status, `${label}: ${res.status} ${text}`).toBeGreaterThanOrEqual(400);
  expect(res.status, `${label}: ${res.status} ${text}`).toBeLessThan(500);
  expect(res.headers.get('content-type'), label).toMatch(/^application\/problem\+json/);
}

beforeAll(() => loadSquare(), 180_000);

describe('payment routes answer bad input with problem+json 4xx, never a 500', () => {
  it('POST/PUT bodies of every kind', async () => {
    useSquare();
    const { hotel, reservation } = await payableReservation();
    const payment = await paymentRow(reservation, 1000);
    const guestId = await aGuest(hotel.id);
    const routes: [string, string][] = [
      ['POST', '/api/v1/payments'],
      ['POST', '/api/payments/process'],
      ['POST', `/api/v1/payments/${payment.id}/refunds`],
      ['POST', `/api/payments/${payment.id}/refunds`],
      ['PUT', `/api/v1/hotels/${hotel.id}/payment-settings`],
      ['POST', `/api/v1/hotels/${hotel.id}/guests/${guestId}/cards`],
    ];
    for (const [method, path] of routes) {
      for (const [label, body, type] of BAD_BODIES) {
        await expectClientError(await send(method, path, body, type), `${method} ${path} ${label}`);
      }
    }
  });

  it('a correctly signed Square notification that is not what Square sends', async () => {
    const url = 'http://localhost/api/v1/webhooks/square';
    for (const [label, body, type] of BAD_BODIES) {
      const signature = await squareSignature(SQUARE.webhookKey, url, body);
      const res = await send('POST', '/api/v1/webhooks/square', body, type, {
        'x-square-hmacsha256-signature': signature,
      });
      await expectClientError(res, `webhook ${label}`);
    }
  });
});
