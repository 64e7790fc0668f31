import { describe, expect, it } from 'vitest';
import { aHotelWithGuest, cardsUrl, storeCard } from '../helpers/cards';
import { call, expectStatus } from '../helpers/http';
import { SQUARE, useSquare } from '../helpers/square';

/** Straight to the emulator, as Square's own client would call it. */
function square(method: string, path: string, body?: unknown, token: string = SQUARE.token) {
  return fetch(`${SQUARE.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const pay = (card: { square_card_id: string; square_customer_id: string }, customerId = card.square_customer_id) =>
  square('POST', '/v2/payments', {
    idempotency_key: crypto.randomUUID(),
    source_id: card.square_card_id,
    customer_id: customerId,
    amount_money: { amount: 2500, currency: 'USD' },
  });

describe('Square emulator: a card stored through the API', () => {
  it('pays with its id and customer; another customer or a disabled card does not', async () => {
    useSquare();
    const at = await aHotelWithGuest();
    const card = await expectStatus(storeCard(at), 201);

    const paid = await pay(card);
    expect(paid.status).toBe(200);
    const { payment } = (await paid.json()) as { payment: Record<string, any> };
    expect(payment).toMatchObject({
      status: 'COMPLETED',
      source_type: 'CARD',
      customer_id: card.square_customer_id,
      card_details: { entry_method: 'ON_FILE', card: { card_brand: 'VISA', last_4: '1111', exp_year: 2030 } },
    });
    expect(payment.card_details.card).not.toHaveProperty('customer_id');

    const wrongCustomer = await pay(card, 'SOMEONEELSE');
    expect(wrongCustomer.status).toBe(400);
    expect(await wrongCustomer.json()).toMatchObject({ errors: [{ code: 'INVALID_CARD' }] });

    await expectStatus(call('POST', `${cardsUrl(at.hotelId, at.guestId)}/${card.id}/disable`, { auth: at.auth }), 200);
    const disabled = await pay(card);
    expect(disabled.status).toBe(404);
    expect(await disabled.json()).toMatchObject({ errors: [{ code: 'NOT_FOUND' }] });
  });

  it('reads back customers and cards in Square’s wire format, and only for their merchant', async () => {
    useSquare({ tokens: { other_token: { id: 'MOTHER', locationId: 'LOTHER' } } });
    const at = await aHotelWithGuest();
    const card = await expectStatus(storeCard(at), 201);

    const customer = await square('GET', `/v2/customers/${card.square_customer_id}`);
    expect(await customer.json()).toMatchObject({
      customer: { id: card.square_customer_id, given_name: 'Grace', family_name: 'Tester', reference_id: at.guestId },
    });
    const got = (await (await square('GET', `/v2/cards/${encodeURIComponent(card.square_card_id)}`)).json()) as any;
    expect(got.card).toMatchObject({
      id: card.square_card_id,
      customer_id: card.square_customer_id,
      enabled: true,
      card_brand: 'VISA',
      last_4: '1111',
      exp_month: 12,
      exp_year: 2030,
      card_type: 'CREDIT',
      bin: '411111',
      fingerprint: 'sq-1-visa-4111',
      merchant_id: SQUARE.merchantId,
      version: 1,
    });
    const listed = (await (await square('GET', `/v2/cards?customer_id=${card.square_customer_id}`)).json()) as any;
    expect(listed.cards.map((c: { id: string }) => c.id)).toEqual([card.square_card_id]);

    expect((await square('GET', `/v2/customers/${card.square_customer_id}`, undefined, 'other_token')).status).toBe(
      404,
    );
    expect((await square('GET', `/v2/cards/${card.square_card_id}`, undefined, 'other_token')).status).toBe(404);
    expect(await (await square('GET', '/v2/cards', undefined, 'other_token')).json()).toEqual({});
  });

  it('CreateCard refuses an unknown customer, and a disabled card leaves the default list', async () => {
    useSquare();
    const unknown = await square('POST', '/v2/cards', {
      idempotency_key: crypto.randomUUID(),
      source_id: 'cnon:card-nonce-ok',
      card: { customer_id: 'NOSUCHCUSTOMER' },
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ errors: [{ category: 'INVALID_REQUEST_ERROR', code: 'NOT_FOUND' }] });

    const at = await aHotelWithGuest();
    const card = await expectStatus(storeCard(at), 201);
    await square('POST', `/v2/cards/${card.square_card_id}/disable`);
    const again = (await (await square('POST', `/v2/cards/${card.square_card_id}/disable`)).json()) as any;
    expect(again.card).toMatchObject({ enabled: false, version: 2 });
    expect(await (await square('GET', `/v2/cards?customer_id=${card.square_customer_id}`)).json()).toEqual({});
    const all = (await (
      await square('GET', `/v2/cards?customer_id=${card.square_customer_id}&include_disabled=true`)
    ).json()) as any;
    expect(all.cards).toHaveLength(1);
  });

  it('ccof:customer-card-id-ok stays a card that always pays', async () => {
    useSquare();
    const res = await pay({ square_card_id: 'ccof:customer-card-id-ok', square_customer_id: 'ANYONE' });
    expect(res.status).toBe(200);
  });
});
