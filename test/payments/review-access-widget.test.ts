import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Scope } from '../../src/modules/auth/scopes';
import { loadSquare } from '../../src/modules/payments/square.client';
import { createApiKey } from '../helpers/builders';
import { aGuest, cardRows, cardsUrl, storeCard } from '../helpers/cards';
import { aMerchant, connectHotel, connectionRow, getNoFollow, useSquareOAuth } from '../helpers/connections';
import { call, expectProblem, expectStatus } from '../helpers/http';
import { createRequests, pay, paymentBody, paymentRow, refundRequests, squarePayment } from '../helpers/payments';
import { book, bookableHotel, bookingBody } from '../helpers/reservations';
import { useSquare } from '../helpers/square';

/** The booking widget's key (scripts/dev-demo.mjs): it books and pays, nothing the hotel's back office does. */
const WIDGET_SCOPES: Scope[] = ['hotels:read', 'availability:read', 'reservations:write', 'payments:write'];

async function aWidget(hotelId: string) {
  const { key } = await createApiKey({ scopes: WIDGET_SCOPES, hotel_ids: [hotelId] });
  return { apiKey: key };
}

async function paymentStatus(id: string) {
  const row = await env.DB.prepare('SELECT status, refunded_amount FROM payments WHERE id = ?').bind(id).first();
  return row;
}

beforeAll(() => loadSquare(), 180_000);

describe('a booking widget key (payments:write without payments:read) cannot act for the hotel', () => {
  it('cannot refund, capture or void a payment, even one it took itself', async () => {
    const square = useSquare();
    const h = await bookableHotel();
    const widget = await aWidget(h.hotel.id);
    const reservation = await expectStatus(book(bookingBody(h), { auth: widget }), 201);
    const payment = await expectStatus(pay(paymentBody(reservation, { amount: 5000 }), { auth: widget }), 201);
    expect(payment.status).toBe('completed');

    const refund = (auth: { apiKey: string }, key: string) =>
      call('POST', `/api/v1/payments/${payment.id}/refunds`, {
        auth,
        body: { amount: 5000 },
        headers: { 'idempotency-key': key },
      });
    await expectProblem(refund(widget, 'widget-refund'), 403, 'forbidden');
    await expectProblem(
      call('POST', `/api/payments/${payment.id}/refunds`, { auth: widget, body: { amount: 1 } }),
      403,
    );
    expect(refundRequests(square)).toHaveLength(0);
    expect(await paymentStatus(payment.id)).toMatchObject({ status: 'completed', refunded_amount: 0 });

    // A deposit (authorisation), e.g. one held for the hotel's risk review: the widget may not capture or void it.
    const held = await squarePayment(square, 3000, reservation.currency, { autocomplete: false });
    const approved = await paymentRow(reservation, 3000, {
      status: 'approved',
      providerPaymentId: held.id,
      autocomplete: false,
      heldForReview: true,
    });
    const sent = square.state.received.length;
    await expectProblem(call('POST', `/api/v1/payments/${approved.id}/complete`, { auth: widget }), 403, 'forbidden');
    await expectProblem(call('POST', `/api/v1/payments/${approved.id}/cancel`, { auth: widget }), 403, 'forbidden');
    expect(square.state.received).toHaveLength(sent);
    expect(await paymentStatus(approved.id)).toMatchObject({ status: 'approved' });

    // The hotel's own back office (both payment scopes) still can.
    const office = await createApiKey({ scopes: ['payments:read', 'payments:write'], hotel_ids: [h.hotel.id] });
    await expectStatus(refund({ apiKey: office.key }, 'office-refund'), 201);
    await expectStatus(call('POST', `/api/v1/payments/${approved.id}/complete`, { auth: { apiKey: office.key } }), 200);
  });

  it('cannot connect its own Square account to the hotel, nor disconnect the hotel’s', async () => {
    const square = useSquareOAuth();
    const h = await bookableHotel();
    const widget = await aWidget(h.hotel.id);
    const authorize = `/api/v1/hotels/${h.hotel.id}/payment-connection/authorize`;
    await expectProblem(getNoFollow(authorize, widget, { accept: 'application/json' }), 403, 'forbidden');
    const states = await env.DB.prepare('SELECT COUNT(*) AS n FROM payment_oauth_states WHERE hotel_id = ?')
      .bind(h.hotel.id)
      .first<{ n: number }>();
    expect(states?.n).toBe(0);

    const merchant = aMerchant();
    await expectStatus(connectHotel(square, h.hotel.id, merchant), 200);
    await expectProblem(
      call('DELETE', `/api/v1/hotels/${h.hotel.id}/payment-connection`, { auth: widget }),
      403,
      'forbidden',
    );
    expect(await connectionRow(h.hotel.id)).toMatchObject({ status: 'active', merchant_id: merchant.id });
  });

  it('cannot store or disable a guest’s cards on file', async () => {
    const square = useSquare();
    const h = await bookableHotel();
    const widget = await aWidget(h.hotel.id);
    const guestId = await aGuest(h.hotel.id);
    const at = { hotelId: h.hotel.id, guestId };
    const card = await expectStatus(storeCard(at), 201);
    const sent = square.state.received.length;

    await expectProblem(storeCard({ ...at, auth: widget }), 403, 'forbidden');
    await expectProblem(
      call('POST', `${cardsUrl(h.hotel.id, guestId)}/${card.id}/disable`, { auth: widget }),
      403,
      'forbidden',
    );
    expect(square.state.received).toHaveLength(sent);
    expect(await cardRows(guestId)).toEqual([expect.objectContaining({ id: card.id, status: 'active' })]);
    expect(createRequests(square)).toHaveLength(0);
  });
});

describe('a booking widget pays only for what it booked (or a guest it proves)', () => {
  it('another guest’s reservation does not exist for it: 404, nothing sent to Square, nothing learnt', async () => {
    const square = useSquare();
    const h = await bookableHotel();
    const mine = await aWidget(h.hotel.id);
    const theirs = await aWidget(h.hotel.id);
    const guest = { first_name: 'Ada', last_name: 'Lovelace', email: 'ada.widget@example.com' };
    const reservation = await expectStatus(book(bookingBody(h, { guest }), { auth: theirs }), 201);

    // Too much, the wrong currency, or just right: one answer, none naming the balance or the currency.
    for (const overrides of [{ amount: 99_999_999 }, { currency: 'JPY' }, {}]) {
      const problem = await expectProblem(pay(paymentBody(reservation, overrides), { auth: mine }), 404, 'not_found');
      expect(JSON.stringify(problem)).not.toMatch(/balance|EUR|priced/);
    }
    const wrong = { 'x-confirmation-number': reservation.confirmation_number, 'x-guest-email': 'eve@example.com' };
    await expectProblem(pay(paymentBody(reservation), { auth: mine, headers: wrong }), 404, 'not_found');
    expect(createRequests(square)).toHaveLength(0);

    // The guest proven (e.g. a "pay your balance" page), the widget that booked it, and the hotel may pay.
    const proof = { ...wrong, 'x-guest-email': 'ADA.widget@example.com' };
    await expectStatus(pay(paymentBody(reservation, { amount: 1000 }), { auth: mine, headers: proof }), 201);
    await expectStatus(pay(paymentBody(reservation, { amount: 1000 }), { auth: theirs }), 201);
    const office = await createApiKey({ scopes: ['payments:read', 'payments:write'], hotel_ids: [h.hotel.id] });
    await expectStatus(pay(paymentBody(reservation, { amount: 1000 }), { auth: { apiKey: office.key } }), 201);
    expect(createRequests(square)).toHaveLength(3);
  });

  it('cannot charge a card on file, even on the stay it booked; the hotel can', async () => {
    const square = useSquare();
    const h = await bookableHotel();
    const widget = await aWidget(h.hotel.id);
    const reservation = await expectStatus(book(bookingBody(h), { auth: widget }), 201);
    const onFile = { source_id: 'ccof:customer-card-id-ok', customer_id: 'SQCUSTOMER1', amount: 1000 };
    await expectProblem(pay(paymentBody(reservation, onFile), { auth: widget }), 403, 'forbidden');
    await expectProblem(
      pay(paymentBody(reservation, { ...onFile, source_id: 'cnon:card-nonce-ok' }), { auth: widget }),
      403,
      'forbidden',
    );
    expect(createRequests(square)).toHaveLength(0);
    const office = await createApiKey({ scopes: ['payments:read', 'payments:write'], hotel_ids: [h.hotel.id] });
    await expectStatus(pay(paymentBody(reservation, onFile), { auth: { apiKey: office.key } }), 201);
  });
});
