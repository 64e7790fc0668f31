import { describe, expect, it } from 'vitest';
import { createSquareEmulator } from '../../emulators/square/emulator.ts';
import { notificationOf, signNotification } from '../../emulators/square/notifications.ts';
import { squareSignature } from '../../emulators/square/signature.ts';
import type { SquareChange } from '../../emulators/square/state.ts';

const TOKEN = 'sq-token';
const URL_ = 'https://wehub.example/api/v1/webhooks/square';

function emulatorWithHook() {
  const changes: SquareChange[] = [];
  const square = createSquareEmulator({
    tokens: { [TOKEN]: { id: 'M1', locationId: 'L1' } },
    onChange: (change) => changes.push(change),
  });
  const post = async (path: string, body: unknown) =>
    (await square.fetch(
      new Request(`https://square.test${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    )) as Response;
  const pay = (key: string, source = 'cnon:card-nonce-ok') =>
    post('/v2/payments', { source_id: source, idempotency_key: key, amount_money: { amount: 5000, currency: 'USD' } });
  const seen = () => changes.map((c) => [c.type, c.object.status ?? c.object.state]);
  return { square, changes, post, pay, seen };
}

describe('Square emulator onChange hook', () => {
  it('reports each change Square would publish, in order, with the object as the API returns it', async () => {
    const { square, changes, post, pay, seen } = emulatorWithHook();
    const { payment } = (await (await pay('k1')).json()) as any;
    await pay('k1');
    expect(seen()).toEqual([['payment.created', 'COMPLETED']]);
    expect(changes[0]).toMatchObject({ merchantId: 'M1', locationId: 'L1', object: { id: payment.id } });
    expect(changes[0]?.object).not.toHaveProperty('merchant_id');

    const refund = (await (
      await post('/v2/refunds', {
        idempotency_key: 'r1',
        payment_id: payment.id,
        amount_money: { amount: 1000, currency: 'USD' },
      })
    ).json()) as any;
    expect(square.completeRefunds()).toHaveLength(1);
    expect(square.completeRefunds(refund.refund.id)).toEqual([]);
    const dispute = square.openDispute(payment.id, { amount: 2000 });
    square.updateDispute(String(dispute.id), 'LOST');
    expect(seen().slice(1)).toEqual([
      ['refund.created', 'PENDING'],
      ['payment.updated', 'COMPLETED'],
      ['refund.updated', 'COMPLETED'],
      ['dispute.created', 'EVIDENCE_REQUIRED'],
      ['dispute.state.updated', 'LOST'],
    ]);
    expect(changes[2]?.object).toMatchObject({ refunded_money: { amount: 1000 } });
    expect(changes[4]?.object).toMatchObject({
      disputed_payment: { payment_id: payment.id },
      amount_money: { amount: 2000, currency: 'USD' },
    });
  });

  it('reports a declined payment as created FAILED and a settled ACH payment as updated', async () => {
    const { square, pay, seen } = emulatorWithHook();
    expect((await pay('k1', 'cnon:card-nonce-declined')).status).toBe(400);
    const ach = (await (await pay('k2', 'bnon:bank-nonce-ok')).json()) as any;
    square.settle(ach.payment.id);
    expect(seen()).toEqual([
      ['payment.created', 'FAILED'],
      ['payment.created', 'PENDING'],
      ['payment.updated', 'COMPLETED'],
    ]);
  });

  it('completes a refund by itself after refundDelayMs', async () => {
    const changes: SquareChange[] = [];
    const square = createSquareEmulator({
      tokens: { [TOKEN]: { id: 'M1', locationId: 'L1' } },
      onChange: (c) => changes.push(c),
      refundDelayMs: 0,
    });
    const call = (path: string, body: unknown) =>
      square.fetch(
        new Request(`https://square.test${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}` },
          body: JSON.stringify(body),
        }),
      );
    const paid = (await (
      await call('/v2/payments', {
        source_id: 'cnon:card-nonce-ok',
        idempotency_key: 'p',
        amount_money: { amount: 900, currency: 'EUR' },
      })
    ).json()) as any;
    await call('/v2/refunds', {
      idempotency_key: 'r',
      payment_id: paid.payment.id,
      amount_money: { amount: 900, currency: 'EUR' },
    });
    await expect.poll(() => changes.at(-1)?.type).toBe('refund.updated');
    expect(changes.at(-1)?.object.status).toBe('COMPLETED');
  });
});

describe('Square notifications', () => {
  const change: SquareChange = {
    type: 'payment.updated',
    merchantId: 'M1',
    locationId: 'L1',
    object: { id: 'SQPAY1', status: 'COMPLETED', amount_money: { amount: 100, currency: 'USD' } },
  };

  it('wraps a change in Square’s envelope: payments and refunds by name, disputes under `object`', () => {
    const now = new Date('2026-11-20T10:00:00.000Z');
    expect(notificationOf(change, { eventId: 'evt-1', now })).toEqual({
      merchant_id: 'M1',
      type: 'payment.updated',
      event_id: 'evt-1',
      created_at: '2026-11-20T10:00:00.000Z',
      data: { type: 'payment', id: 'SQPAY1', object: { payment: change.object } },
    });
    const refund = notificationOf({ ...change, type: 'refund.created', object: { id: 'R1' } });
    expect(refund.data).toEqual({ type: 'refund', id: 'R1', object: { refund: { id: 'R1' } } });
    expect(refund.event_id).not.toBe(notificationOf(change).event_id);
    const dispute = notificationOf({ ...change, type: 'dispute.state.updated', object: { id: 'D1', state: 'WON' } });
    expect(dispute).toMatchObject({
      location_id: 'L1',
      data: { type: 'dispute', id: 'D1', object: { object: { id: 'D1', state: 'WON' } } },
    });
  });

  it('signs the raw body for the notification URL; Square’s own SDK verifies it and reads the event', async () => {
    const subscription = { signatureKey: 'sig-key', notificationUrl: URL_ };
    const signed = await signNotification(notificationOf(change), subscription);
    const signature = signed.headers['x-square-hmacsha256-signature'] ?? '';
    expect(signature).toBe(await squareSignature('sig-key', URL_, signed.body));
    const { WebhooksHelper, serialization } = await import('square');
    const verify = (signatureKey: string, notificationUrl: string) =>
      WebhooksHelper.verifySignature({
        requestBody: signed.body,
        signatureHeader: signature,
        signatureKey,
        notificationUrl,
      });
    expect(await verify('sig-key', URL_)).toBe(true);
    expect(await verify('other-key', URL_)).toBe(false);
    expect(await verify('sig-key', `${URL_}?x=1`)).toBe(false);
    const event = serialization.PaymentUpdatedEvent.parseOrThrow(JSON.parse(signed.body));
    expect(event.data?.object?.payment).toMatchObject({
      id: 'SQPAY1',
      status: 'COMPLETED',
      amountMoney: { amount: 100n },
    });
    const retry = await signNotification(notificationOf(change, { eventId: 'e' }), subscription, 2);
    expect(retry.headers).toMatchObject({ 'square-retry-number': '2' });
  });
});
