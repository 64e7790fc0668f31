import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApiKey, createHotel } from '../helpers/builders';
import { aGuest, aHotelWithGuest, cardRows, cardsUrl, storeCard } from '../helpers/cards';
import { call, expectProblem, expectStatus } from '../helpers/http';
import { useSquare } from '../helpers/square';

const disable = (at: { hotelId: string; guestId: string; auth?: unknown }, cardId: string) =>
  call('POST', `${cardsUrl(at.hotelId, at.guestId)}/${cardId}/disable`, { auth: at.auth as never });

describe('GET …/guests/:guest_id/cards', () => {
  it('lists the guest’s cards newest first, a page at a time', async () => {
    useSquare();
    const at = await aHotelWithGuest();
    const first = await expectStatus(storeCard(at), 201);
    const second = await expectStatus(storeCard(at, { source_id: 'cnon:google-pay-ok' }), 201);
    const other = await aGuest(at.hotelId, { first: 'Alan', last: 'Tester' });
    await expectStatus(storeCard({ ...at, guestId: other }), 201);

    const page1 = await expectStatus(
      call('GET', `${cardsUrl(at.hotelId, at.guestId)}?limit=1`, { auth: at.auth }),
      200,
    );
    expect(page1.data).toEqual([second]);
    expect(page1.next_cursor).toEqual(expect.any(String));
    const page2 = await expectStatus(
      call('GET', `${cardsUrl(at.hotelId, at.guestId)}?limit=1&cursor=${page1.next_cursor}`, { auth: at.auth }),
      200,
    );
    expect(page2).toEqual({ data: [first], next_cursor: null });
    expect(second).toMatchObject({ brand: 'MASTERCARD', last4: '5100' });
  });

  it('an unknown guest is 404; a guest without cards is an empty page', async () => {
    const at = await aHotelWithGuest();
    await expectProblem(call('GET', cardsUrl(at.hotelId, 'gst_nobody'), { auth: at.auth }), 404, 'not_found');
    expect(await expectStatus(call('GET', cardsUrl(at.hotelId, at.guestId), { auth: at.auth }), 200)).toEqual({
      data: [],
      next_cursor: null,
    });
  });
});

describe('POST …/cards/:card_id/disable', () => {
  it('disables the card at Square, then here; disabling it again is 200 and asks Square nothing', async () => {
    const square = useSquare();
    const at = await aHotelWithGuest();
    const card = await expectStatus(storeCard(at), 201);
    const disabled = await expectStatus(disable(at, card.id), 200);
    expect(disabled).toEqual({ ...card, status: 'disabled' });
    const last = square.state.received.at(-1);
    expect(last).toMatchObject({
      method: 'POST',
      path: `/v2/cards/${encodeURIComponent(card.square_card_id)}/disable`,
    });
    expect(square.state.cards.get(card.square_card_id)).toMatchObject({ enabled: false });
    const sent = square.state.received.length;

    expect(await expectStatus(disable(at, card.id), 200)).toEqual(disabled);
    expect(square.state.received).toHaveLength(sent);
    const list = await expectStatus(call('GET', cardsUrl(at.hotelId, at.guestId), { auth: at.auth }), 200);
    expect(list.data).toEqual([disabled]);
    expect(await cardRows(at.guestId)).toEqual([expect.objectContaining({ status: 'disabled' })]);
  });

  it('a lost answer is asked again (DisableCard changes nothing the second time); two are 504 and nothing changes', async () => {
    const square = useSquare();
    const at = await aHotelWithGuest();
    const card = await expectStatus(storeCard(at), 201);
    square.fault({ kind: 'drop-after', path: /\/disable$/ });
    square.fault({ kind: 'drop-after', path: /\/disable$/ });
    await expectProblem(disable(at, card.id), 504, 'gateway_timeout');
    expect(await cardRows(at.guestId)).toEqual([expect.objectContaining({ status: 'active' })]);
    square.fault({ kind: 'drop-after', path: /\/disable$/ });
    expect(await expectStatus(disable(at, card.id), 200)).toMatchObject({ status: 'disabled' });
  });

  it('a card Square no longer has cannot be charged: it is disabled here too', async () => {
    const square = useSquare();
    const at = await aHotelWithGuest();
    const card = await expectStatus(storeCard(at), 201);
    square.state.cards.delete(card.square_card_id);
    expect(await expectStatus(disable(at, card.id), 200)).toMatchObject({ status: 'disabled' });
  });

  it('a card stored in a Square account the hotel has since disconnected is 503, and stays active', async () => {
    const square = useSquare();
    const at = await aHotelWithGuest();
    const card = await expectStatus(storeCard(at), 201);
    // As if stored while the hotel had its own Square connection, now gone (the platform account answers).
    await env.DB.prepare("UPDATE guest_cards SET account = 'hotel' WHERE id = ?").bind(card.id).run();
    const sent = square.state.received.length;
    await expectProblem(disable(at, card.id), 503, 'service_unavailable');
    expect(square.state.received).toHaveLength(sent);
    expect(await cardRows(at.guestId)).toEqual([expect.objectContaining({ status: 'active' })]);
  });

  it('an unknown card, or another guest’s, is 404', async () => {
    useSquare();
    const at = await aHotelWithGuest();
    const card = await expectStatus(storeCard(at), 201);
    const other = await aGuest(at.hotelId, { first: 'Alan', last: 'Tester' });
    await expectProblem(disable({ ...at, guestId: other }, card.id), 404, 'not_found');
    await expectProblem(disable(at, 'card_01jd3m8w6q0v6z2c7n4b5k9t1r'), 404, 'not_found');
    expect(await cardRows(at.guestId)).toEqual([expect.objectContaining({ status: 'active' })]);
  });
});

describe('cards on file: credentials', () => {
  it('another hotel’s key neither sees, stores nor disables this hotel’s guest’s cards', async () => {
    const square = useSquare();
    const a = await aHotelWithGuest();
    const card = await expectStatus(storeCard(a), 201);
    const b = await createHotel();
    const { key } = await createApiKey({ scopes: ['payments:read', 'payments:write'], hotel_ids: [b.id] });
    const asB = { hotelId: b.id as string, guestId: a.guestId, auth: { apiKey: key } };
    const sent = square.state.received.length;

    // Through its own hotel, A's guest does not exist.
    await expectProblem(call('GET', cardsUrl(b.id, a.guestId), { auth: asB.auth }), 404, 'not_found');
    await expectProblem(storeCard(asB), 404, 'not_found');
    await expectProblem(disable(asB, card.id), 404, 'not_found');
    // Through A's path, the key is refused before anything else.
    const viaA = { ...asB, hotelId: a.hotelId };
    await expectProblem(call('GET', cardsUrl(a.hotelId, a.guestId), { auth: asB.auth }), 403, 'forbidden');
    await expectProblem(storeCard(viaA), 403, 'forbidden');
    await expectProblem(disable(viaA, card.id), 403, 'forbidden');

    expect(square.state.received).toHaveLength(sent);
    expect(await cardRows(a.guestId)).toEqual([expect.objectContaining({ id: card.id, status: 'active' })]);
  });

  it('listing takes payments:read; storing and disabling take payments:read and payments:write', async () => {
    useSquare();
    const at = await aHotelWithGuest();
    const card = await expectStatus(storeCard(at), 201);
    const reader = await createApiKey({ scopes: ['payments:read'], hotel_ids: [at.hotelId] });
    const asReader = { ...at, auth: { apiKey: reader.key } };
    await expectStatus(call('GET', cardsUrl(at.hotelId, at.guestId), { auth: asReader.auth }), 200);
    await expectProblem(storeCard(asReader), 403, 'forbidden');
    await expectProblem(disable(asReader, card.id), 403, 'forbidden');
    const writer = await createApiKey({ scopes: ['reservations:write'], hotel_ids: [at.hotelId] });
    await expectProblem(call('GET', cardsUrl(at.hotelId, at.guestId), { auth: { apiKey: writer.key } }), 403);
  });
});
