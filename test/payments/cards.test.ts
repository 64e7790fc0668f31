import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../src/index';
import { aGuest, aHotelWithGuest, cardRows, cardsUrl, customerRows, dumpD1, storeCard } from '../helpers/cards';
import { type Auth, expectProblem, expectStatus } from '../helpers/http';
import { loggedLines } from '../helpers/log-guard';
import { SQUARE, useSquare } from '../helpers/square';

const bodyOf = (r: { body: string }) => JSON.parse(r.body) as Record<string, any>;

describe('POST /api/v1/hotels/:hotel_id/guests/:guest_id/cards', () => {
  it('creates the guest’s Square customer, then the card, and keeps only ids, brand, last 4 and expiry', async () => {
    const square = useSquare();
    const at = await aHotelWithGuest();
    const res = await storeCard(at, {
      source_id: 'cnon:card-nonce-ok',
      verification_token: 'verf:3ds-ok',
      cardholder_name: 'Grace Tester',
      billing_postal_code: '94103',
    });
    const card = await expectStatus(res, 201);
    expect(res.headers.get('location')).toBe(`${cardsUrl(at.hotelId, at.guestId)}/${card.id}`);
    expect(card).toEqual({
      id: expect.stringMatching(/^card_[0-9a-z]{26}$/),
      guest_id: at.guestId,
      square_customer_id: expect.any(String),
      square_card_id: expect.stringMatching(/^ccof:/),
      brand: 'VISA',
      last4: '1111',
      exp_month: 12,
      exp_year: 2030,
      status: 'active',
      created_at: expect.any(String),
    });

    const [customerCall, cardCall, ...rest] = square.state.received;
    expect(rest).toEqual([]);
    expect(customerCall).toMatchObject({ method: 'POST', path: '/v2/customers' });
    expect(customerCall?.headers.authorization).toBe(`Bearer ${SQUARE.token}`);
    expect(bodyOf(customerCall!)).toEqual({
      idempotency_key: expect.stringMatching(/^cust-[0-9a-f]{32}$/),
      given_name: 'Grace',
      family_name: 'Tester',
      email_address: `${at.guestId}@example.com`,
      reference_id: at.guestId,
    });
    expect(cardCall).toMatchObject({ method: 'POST', path: '/v2/cards' });
    expect(cardCall?.headers.authorization).toBe(`Bearer ${SQUARE.token}`);
    expect(bodyOf(cardCall!)).toEqual({
      idempotency_key: expect.stringMatching(/^card-[0-9a-f]{32}$/),
      source_id: 'cnon:card-nonce-ok',
      verification_token: 'verf:3ds-ok',
      card: {
        customer_id: card.square_customer_id,
        reference_id: at.guestId,
        cardholder_name: 'Grace Tester',
        billing_address: { postal_code: '94103' },
      },
    });

    expect(await cardRows(at.guestId)).toEqual([
      {
        id: card.id,
        hotel_id: at.hotelId,
        guest_id: at.guestId,
        account: 'platform',
        square_customer_id: card.square_customer_id,
        square_card_id: card.square_card_id,
        brand: 'VISA',
        last4: '1111',
        exp_month: 12,
        exp_year: 2030,
        fingerprint: 'sq-1-visa-4111',
        status: 'active',
        created_at: expect.any(Number),
        updated_at: expect.any(Number),
      },
    ]);
    expect(await customerRows(at.guestId)).toEqual([
      expect.objectContaining({ account: 'platform', square_customer_id: card.square_customer_id }),
    ]);
  });

  it('keeps one Square customer per guest across cards, also when the first two cards arrive together', async () => {
    const square = useSquare();
    const at = await aHotelWithGuest();
    const [a, b] = await Promise.all([
      expectStatus(storeCard(at), 201),
      expectStatus(storeCard(at, { source_id: 'cnon:google-pay-ok' }), 201),
    ]);
    const c = await expectStatus(storeCard(at), 201);
    expect(new Set([a.square_customer_id, b.square_customer_id, c.square_customer_id]).size).toBe(1);
    expect(new Set([a.square_card_id, b.square_card_id, c.square_card_id]).size).toBe(3);
    expect(square.state.customers.size).toBe(1);
    expect(await customerRows(at.guestId)).toHaveLength(1);
    // The third card found the customer on record: no third CreateCustomer.
    expect(square.state.received.filter((r) => r.path === '/v2/customers')).toHaveLength(2);

    const other = await aGuest(at.hotelId, { first: 'Alan', last: 'Tester' });
    const d = await expectStatus(storeCard({ ...at, guestId: other }), 201);
    expect(d.square_customer_id).not.toBe(a.square_customer_id);
  });

  it.each([
    ['cnon:card-nonce-declined', 'GENERIC_DECLINE'],
    ['cnon:card-nonce-rejected-cvv', 'CVV_FAILURE'],
    ['cnon:card-nonce-rejected-postalcode', 'ADDRESS_VERIFICATION_FAILURE'],
    ['cnon:card-nonce-requires-verification', 'CARD_DECLINED_VERIFICATION_REQUIRED'],
  ])('a card Square declines (%s) is 402 with Square’s code, and nothing is stored', async (source, code) => {
    useSquare();
    const at = await aHotelWithGuest();
    const res = await storeCard(at, { source_id: source });
    expect(res.status).toBe(402);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({
      type: 'https://docs.wehub.work/errors/payment_declined',
      status: 402,
      code,
    });
    expect(await cardRows(at.guestId)).toEqual([]);
  });

  it('passes the 3-D Secure verification token: the card that requires it is stored with it', async () => {
    useSquare();
    const at = await aHotelWithGuest();
    const card = await expectStatus(
      storeCard(at, { source_id: 'cnon:card-nonce-requires-verification', verification_token: 'verf:3ds-ok' }),
      201,
    );
    expect(card).toMatchObject({ brand: 'VISA', last4: '1111' });
  });

  it('a spent or invalid token is 400 on source_id and stores nothing', async () => {
    useSquare();
    const at = await aHotelWithGuest();
    const nonce = `cnon:${crypto.randomUUID()}`;
    await expectStatus(storeCard(at, { source_id: nonce }), 201);
    const spent = await expectProblem(storeCard(at, { source_id: nonce }), 400, 'validation_failed');
    expect(spent.errors).toEqual([{ path: 'source_id', message: 'Square refused it: CARD_TOKEN_USED' }]);
    const invalid = await expectProblem(storeCard(at, { source_id: 'bnon:bank-nonce-ok' }), 400, 'validation_failed');
    expect(invalid.errors).toEqual([{ path: 'source_id', message: 'Square refused it: INVALID_CARD_DATA' }]);
    expect(await cardRows(at.guestId)).toHaveLength(1);
  });

  it.each([
    ['no source_id', {}, 'source_id'],
    ['card data instead of a token', { source_id: 'cnon:card-nonce-ok', card_number: '4111111111111111' }, ''],
    ['a long cardholder name', { source_id: 'cnon:card-nonce-ok', cardholder_name: 'x'.repeat(97) }, 'cardholder_name'],
  ])('%s → 400 before Square is asked', async (_label, body, path) => {
    const square = useSquare();
    const at = await aHotelWithGuest();
    const problem = await expectProblem(storeCard(at, body), 400, 'validation_failed');
    expect(problem.errors[0].path).toBe(path);
    expect(JSON.stringify(problem)).not.toContain('4111111111111111');
    expect(square.state.received).toEqual([]);
  });

  it('a retry with the same Idempotency-Key replays the card and asks Square nothing', async () => {
    const square = useSquare();
    const at = await aHotelWithGuest();
    const key = crypto.randomUUID();
    const first = await expectStatus(storeCard(at, undefined, key), 201);
    const sent = square.state.received.length;
    const again = await storeCard(at, undefined, key);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await expectStatus(again, 201)).toEqual(first);
    expect(square.state.received).toHaveLength(sent);
    expect(square.state.cards.size).toBe(1);
    expect(await cardRows(at.guestId)).toHaveLength(1);
  });

  it('a lost answer from Square is asked again under the same Square key: one card', async () => {
    const square = useSquare();
    const at = await aHotelWithGuest();
    square.fault({ kind: 'drop-after', method: 'POST', path: /^\/v2\/cards$/ });
    const card = await expectStatus(storeCard(at), 201);
    const cardCalls = square.state.received.filter((r) => r.path === '/v2/cards');
    expect(cardCalls).toHaveLength(2);
    expect(bodyOf(cardCalls[1]!).idempotency_key).toBe(bodyOf(cardCalls[0]!).idempotency_key);
    expect([...square.state.cards.keys()]).toEqual([card.square_card_id]);
  });

  it('two lost answers → 504, and a retry with the same Idempotency-Key stores the card Square made', async () => {
    const square = useSquare();
    const at = await aHotelWithGuest();
    const key = crypto.randomUUID();
    square.fault({ kind: 'drop-after', method: 'POST', path: /^\/v2\/cards$/ });
    square.fault({ kind: 'drop-after', method: 'POST', path: /^\/v2\/cards$/ });
    await expectProblem(storeCard(at, undefined, key), 504, 'gateway_timeout');
    expect(await cardRows(at.guestId)).toEqual([]);
    expect(square.state.cards.size).toBe(1);

    const card = await expectStatus(storeCard(at, undefined, key), 201);
    expect([...square.state.cards.keys()]).toEqual([card.square_card_id]);
    expect(await cardRows(at.guestId)).toHaveLength(1);
  });

  it('the same Idempotency-Key with other details after a 504 is 422, and nothing is stored', async () => {
    const square = useSquare();
    const at = await aHotelWithGuest();
    const key = crypto.randomUUID();
    square.fault({ kind: 'drop-after', method: 'POST', path: /^\/v2\/cards$/ });
    square.fault({ kind: 'drop-after', method: 'POST', path: /^\/v2\/cards$/ });
    await expectProblem(storeCard(at, undefined, key), 504, 'gateway_timeout');
    const other = { source_id: 'cnon:card-nonce-ok', cardholder_name: 'Someone Else' };
    await expectProblem(storeCard(at, other, key), 422, 'idempotency_key_reused');
    expect(await cardRows(at.guestId)).toEqual([]);
  });

  it('Square refusing the account (a revoked token) is 502, not the caller’s fault', async () => {
    useSquare();
    const at = await aHotelWithGuest();
    const res = await workerCall(at, { source_id: 'cnon:card-nonce-ok' }, { PAYMENT_GATEWAY_ACCESS_TOKEN: 'revoked' });
    const problem = await expectProblem(res, 502, 'gateway_error');
    expect(problem.detail).toContain('UNAUTHORIZED');
    expect(await cardRows(at.guestId)).toEqual([]);
  });

  it('never writes the token or the verification token to D1 or a log line, even when logging everything', async () => {
    const square = useSquare();
    const at = await aHotelWithGuest();
    const nonce = `cnon:${crypto.randomUUID()}`;
    const verification = `verf:${crypto.randomUUID()}`;
    const body = { source_id: nonce, verification_token: verification };
    // A lost answer and a spent token take the warning and refusal paths too.
    square.fault({ kind: 'drop-after', method: 'POST', path: /^\/v2\/cards$/ });
    const card = await expectStatus(workerCall(at, body), 201);
    await expectProblem(workerCall(at, body), 400);
    const d1 = await dumpD1();
    expect(d1).toContain(card.square_card_id);
    const logged = loggedLines();
    expect(logged.some((line) => line.includes('guest card stored'))).toBe(true);
    expect(logged.some((line) => line.includes('square outcome unknown'))).toBe(true);
    for (const secret of [nonce.slice(5), verification.slice(5)]) {
      expect(JSON.stringify(card)).not.toContain(secret);
      expect(d1).not.toContain(secret);
      expect(logged.filter((line) => line.includes(secret))).toEqual([]);
    }
  });
});

/** The worker with some variables changed (LOG_LEVEL debug: every line it could write is written). */
async function workerCall(
  at: { hotelId: string; guestId: string; auth: Auth },
  body: unknown,
  vars: Record<string, string> = { LOG_LEVEL: 'debug' },
) {
  const ctx = createExecutionContext();
  const request = new Request(`http://localhost${cardsUrl(at.hotelId, at.guestId)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': at.auth?.apiKey ?? '' },
    body: JSON.stringify(body),
  });
  const res = await worker.fetch(request as Request<unknown, IncomingRequestCfProperties>, { ...env, ...vars }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}
