import { describe, expect, it } from 'vitest';
import { createOtaEmulator } from '../../emulators/ota/emulator.ts';
import { createSquareEmulator } from '../../emulators/square/emulator.ts';
import { squareSignature } from '../../emulators/square/signature.ts';
import { base64, hmacSha256 } from '../../src/lib/crypto';
import { webhookReceiver } from '../fakes/webhook-receiver';
import { fakeFetch } from '../helpers/outbound';

/** The partner fakes later issues build on: each behaves like its partner, including its refusals. */
describe('partner fakes', () => {
  it('webhook receiver: accepts a Standard Webhooks signature, flags a wrong one, answers as told', async () => {
    const secretBytes = crypto.getRandomValues(new Uint8Array(24));
    const secret = `whsec_${base64(secretBytes)}`;
    const receiver = webhookReceiver({ secret, statuses: [503] });
    const fetch = fakeFetch([{ method: 'POST', url: 'https://hooks.example/in', reply: receiver.handler }]);
    const body = '{"id":"evt_1","type":"reservation.created"}';
    const signature = `v1,${base64(await hmacSha256(secretBytes, `msg_1.1700000000.${body}`))}`;
    const send = (sig: string) =>
      fetch('https://hooks.example/in', {
        method: 'POST',
        headers: { 'webhook-id': 'msg_1', 'webhook-timestamp': '1700000000', 'webhook-signature': sig },
        body,
      });
    expect((await send(signature)).status).toBe(503);
    expect((await send(`v1,${base64(new Uint8Array(32))} ${signature}`)).status).toBe(200);
    expect((await send('v1,AAAA')).status).toBe(200);
    expect(receiver.deliveries.map((d) => [d.signatureValid, d.answeredWith])).toEqual([
      [true, 503],
      [true, 200],
      [false, 200],
    ]);
  });

  it('Square: pays, declines with Square’s error shape, replays an idempotency key, refuses an over-refund', async () => {
    const square = createSquareEmulator({ tokens: { 'sq-token': { id: 'M1', locationId: 'L1' } } });
    const call = (path: string, body: unknown, token = 'sq-token') =>
      square.fetch(
        new Request(`https://square.test${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );
    const pay = {
      source_id: 'cnon:card-nonce-ok',
      idempotency_key: 'k1',
      amount_money: { amount: 15000, currency: 'USD' },
    };
    const first = (await (await call('/v2/payments', pay)).json()) as any;
    expect(first.payment).toMatchObject({ status: 'COMPLETED', amount_money: { amount: 15000, currency: 'USD' } });
    const again = (await (await call('/v2/payments', pay)).json()) as any;
    expect(again.payment.id).toBe(first.payment.id);
    expect(square.state.payments.size).toBe(1);

    const declined = await call('/v2/payments', {
      ...pay,
      idempotency_key: 'k2',
      source_id: 'cnon:card-nonce-declined',
    });
    expect(declined.status).toBe(400);
    // Square's decline: the error (detail quoting the code) and the FAILED payment.
    expect(await declined.json()).toMatchObject({
      errors: [
        { category: 'PAYMENT_METHOD_ERROR', code: 'GENERIC_DECLINE', detail: "Authorization error: 'GENERIC_DECLINE'" },
      ],
      payment: { status: 'FAILED', card_details: { status: 'FAILED', errors: [{ code: 'GENERIC_DECLINE' }] } },
    });
    const cvv = await call('/v2/payments', {
      ...pay,
      idempotency_key: 'k3',
      source_id: 'cnon:card-nonce-rejected-cvv',
    });
    expect(((await cvv.json()) as any).payment.card_details).toMatchObject({
      cvv_status: 'CVV_REJECTED',
      avs_status: 'AVS_ACCEPTED',
    });
    const used = await call('/v2/payments', {
      ...pay,
      idempotency_key: 'k4',
      source_id: 'cnon:card-nonce-already-used',
    });
    expect(used.status).toBe(400);
    expect(((await used.json()) as any).errors[0]).toMatchObject({ code: 'CARD_TOKEN_USED', field: 'source_id' });
    const reused = await call('/v2/payments', { ...pay, amount_money: { amount: 1, currency: 'USD' } });
    expect(reused.status).toBe(400);
    expect(((await reused.json()) as any).errors[0]).toEqual({
      category: 'INVALID_REQUEST_ERROR',
      code: 'IDEMPOTENCY_KEY_REUSED',
      detail: 'The idempotency key can only be retried with the same request data.',
    });
    expect((await call('/v2/payments', pay, 'wrong')).status).toBe(401);

    const refund = (amount: number, key: string) =>
      call('/v2/refunds', {
        idempotency_key: key,
        payment_id: first.payment.id,
        amount_money: { amount, currency: 'USD' },
      });
    expect((await refund(10000, 'r1')).status).toBe(200);
    const over = await refund(6000, 'r2');
    expect(over.status).toBe(400);
    expect(((await over.json()) as any).errors[0].code).toBe('REFUND_AMOUNT_INVALID');
    expect(await squareSignature('key', 'https://x.example/api/v1/webhooks/square', '{}')).toBe(
      base64(await hmacSha256('key', 'https://x.example/api/v1/webhooks/square{}')),
    );
  });

  it('OTA partner: needs its Basic credentials and answers each message with its RS', async () => {
    // The full behaviour is in test/channels/ota-partner-emulator.test.ts.
    const partner = createOtaEmulator({ accounts: { wehub: { password: 'pw' } } });
    const post = (xml: string, password = 'pw') =>
      partner.fetch(
        new Request('https://ota.example/ota_xml', {
          method: 'POST',
          headers: { authorization: `Basic ${btoa(`wehub:${password}`)}`, 'content-type': 'text/xml' },
          body: xml,
        }),
      );
    const ns = 'xmlns="http://www.opentravel.org/OTA/2003/05"';
    const avail = await post(
      `<OTA_HotelAvailNotifRQ ${ns} Version="1.0"><AvailStatusMessages HotelCode="H1"/></OTA_HotelAvailNotifRQ>`,
    );
    expect(avail.status).toBe(200);
    expect(await avail.text()).toMatch(/<OTA_HotelAvailNotifRS [^>]*><Success\/><\/OTA_HotelAvailNotifRS>$/);
    partner.createReservation({
      hotelCode: 'H1',
      id: 'R1',
      rooms: [{ roomCode: 'DBL', rateCode: 'FLEX', checkIn: '2026-06-01', checkOut: '2026-06-02' }],
    });
    const read = `<OTA_ReadRQ ${ns} Version="1.0"><ReadRequests><HotelReadRequest HotelCode="H1"/></ReadRequests></OTA_ReadRQ>`;
    expect(await (await post(read)).text()).toContain('<UniqueID Type="14" ID="R1"/>');
    partner.failNext(1, { http: 503 });
    expect((await post(read)).status).toBe(503);
    expect((await post(read, 'wrong')).status).toBe(401);
    expect(partner.state.received.map((m) => m.message)).toEqual([
      'OTA_HotelAvailNotifRQ',
      'OTA_ReadRQ',
      'OTA_ReadRQ',
      'OTA_ReadRQ',
    ]);
  });
});
