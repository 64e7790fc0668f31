import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db';
import { consume, runCron } from '../../src/jobs';
import { addDays } from '../../src/lib/dates';
import { queueDailyEmails } from '../../src/modules/emails/daily.job';
import { emailSubscriber } from '../../src/modules/emails/emails.subscriber';
import { loadEnvelope } from '../../src/modules/events/events.service';
import { deliverEventJob } from '../../src/modules/events/relay';
import { inDays } from '../helpers/ari';
import { bookableHotel } from '../helpers/builders';
import { fakeMessage, notingD1, recordingJobs } from '../helpers/deps';
import { call, expectStatus } from '../helpers/http';
import { act, booked, bookingBody, modify } from '../helpers/reservations';
import { drain, handOff, memoryQueue } from '../webhooks/harness';
import { emailDeps, parse, recordingMailer } from './harness';

const queue = memoryQueue();
const GUEST = {
  first_name: 'Zoë "<b>O\'Brien</b>"',
  last_name: 'Ünal\r\nBcc: victim@evil.example',
  email: 'zoe@guest.example',
};

function setup() {
  const mailer = recordingMailer();
  const deps = emailDeps(mailer, { jobs: queue.sender, subscribers: [emailSubscriber] });
  return { mailer, deps };
}

async function emailsOf(reservationId: string) {
  const { results } = await env.DB.prepare(
    'SELECT template_key, status, dedupe_key, event_id, last_error FROM email_outbox WHERE reservation_id = ? ORDER BY id',
  )
    .bind(reservationId)
    .all<Record<string, string>>();
  return results;
}

async function eventIdsOf(reservationId: string, type: string) {
  const { results } = await env.DB.prepare('SELECT id FROM outbox_events WHERE subject_id = ? AND type = ? ORDER BY id')
    .bind(reservationId, type)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

/**
 * A booking and its `reservation.created` event, with Deps whose D1 notes every statement in `sent`;
 * its jobs go to a queue of their own, not to the one the other tests drain.
 */
async function notedBooking() {
  const { mailer } = setup();
  const h = await bookableHotel();
  const reservation = await booked(bookingBody(h));
  const [eventId] = await eventIdsOf(reservation.id, 'reservation.created');
  const sent: string[] = [];
  const d1 = notingD1(env.DB, sent);
  const deps = emailDeps(mailer, { jobs: recordingJobs(), subscribers: [emailSubscriber], d1, db: createDb(d1) });
  return { h, reservation, eventId: eventId as string, sent, deps, mailer };
}

describe('reservation automations', () => {
  it("reads the confirmation's dedupe row, the hotel and its email settings in one round trip", async () => {
    const { h, reservation, eventId, sent, deps } = await notedBooking();
    const event = await loadEnvelope(createDb(env.DB), eventId as string);
    await emailSubscriber.handle(event!, deps);

    expect(sent).toEqual([
      expect.stringMatching(/from "email_outbox"/),
      expect.stringMatching(/from "hotels"/),
      expect.stringMatching(/from "email_settings"/),
      'BATCH',
      expect.stringMatching(/^insert into "email_outbox"/),
    ]);
    expect(await emailsOf(reservation.id)).toMatchObject([
      { template_key: 'reservation_confirmation', status: 'queued' },
    ]);
    // The booking's own relay queued its jobs: run them here, not in the next test.
    const after = setup();
    await handOff(after.deps, h.hotel.id);
    await drain(queue, after.deps);
    expect(after.mailer.sent).toHaveLength(1);
  });

  it("event.deliver reads them with the delivery's own reads: one round trip, then the email and the record", async () => {
    const { h, reservation, eventId, sent, deps } = await notedBooking();
    const message = fakeMessage(deliverEventJob.message({ event_id: eventId as string, subscriber: 'emails' }));
    await consume('wehub-jobs', message, deps, deps.settle);
    expect(message.acked).toBe(true);

    expect(sent).toEqual([
      expect.stringMatching(/from "event_deliveries"/),
      expect.stringMatching(/from "outbox_events"/),
      expect.stringMatching(/from "email_outbox"/),
      expect.stringMatching(/from "hotels"/),
      expect.stringMatching(/from "email_settings"/),
      'BATCH',
      expect.stringMatching(/^insert into "email_outbox"/),
      expect.stringMatching(/^INSERT OR IGNORE INTO event_deliveries/),
    ]);
    expect(await emailsOf(reservation.id)).toMatchObject([
      { template_key: 'reservation_confirmation', status: 'queued', event_id: eventId },
    ]);
    // Read again (the relay handed it on twice): no second confirmation, and a modification's event still
    // finds the confirmation through the reads it makes in the delivery's batch.
    await consume(
      'wehub-jobs',
      fakeMessage(deliverEventJob.message({ event_id: eventId as string, subscriber: 'emails' })),
      deps,
      deps.settle,
    );
    await expectStatus(modify(reservation.id, { special_requests: 'late arrival' }), 200);
    const [modified] = await eventIdsOf(reservation.id, 'reservation.modified');
    await consume(
      'wehub-jobs',
      fakeMessage(deliverEventJob.message({ event_id: modified as string, subscriber: 'emails' })),
      deps,
      deps.settle,
    );
    expect((await emailsOf(reservation.id)).map((e) => e.template_key)).toEqual([
      'reservation_confirmation',
      'reservation_modified',
    ]);
    const after = setup();
    await handOff(after.deps, h.hotel.id);
    await drain(queue, after.deps);
  });

  it('a booking, a change and a cancellation each mail the guest once, escaped and with no injected header', async () => {
    const { mailer, deps } = setup();
    const h = await bookableHotel({ hotel: { contact: { email: 'desk@hotel.example' } } });
    const reservation = await booked(bookingBody(h, { guest: GUEST }));
    await handOff(deps, h.hotel.id);
    await drain(queue, deps);

    expect(mailer.sent).toHaveLength(1);
    const mail = await parse(mailer.sent[0]!.raw);
    expect(mail.to?.[0]).toEqual({
      address: 'zoe@guest.example',
      name: 'Zoë "<b>O\'Brien</b>" Ünal Bcc: victim@evil.example',
    });
    expect(mail.subject).toContain(reservation.confirmation_number);
    expect(mail.replyTo?.[0]?.address).toBe('desk@hotel.example');
    expect(mail.headers.filter((x) => x.key === 'bcc')).toEqual([]);
    expect(mail.html).toContain('Zoë &quot;&lt;b&gt;O&#39;Brien&lt;/b&gt;&quot;');
    expect(mail.text).toContain(`Check-in: ${reservation.check_in}`);

    await expectStatus(modify(reservation.id, { check_out: inDays(13) }), 200);
    await handOff(deps, h.hotel.id);
    await drain(queue, deps);
    await expectStatus(act(reservation.id, 'cancel'), 200);
    await handOff(deps, h.hotel.id);
    await drain(queue, deps);

    expect((await emailsOf(reservation.id)).map((e) => [e.template_key, e.status])).toEqual([
      ['reservation_confirmation', 'sent'],
      ['reservation_modified', 'sent'],
      ['reservation_cancelled', 'sent'],
    ]);
    expect((await parse(mailer.sent[1]!.raw)).text).toContain(`Check-out: ${inDays(13)}`);
  });

  it('the same event handed over twice makes one email', async () => {
    const { mailer, deps } = setup();
    const h = await bookableHotel();
    const reservation = await booked(bookingBody(h, { guest: GUEST }));
    await handOff(deps, h.hotel.id);
    const [eventId] = await eventIdsOf(reservation.id, 'reservation.created');
    const event = await loadEnvelope(deps.db, eventId as string);
    await emailSubscriber.handle(event!, deps);
    await emailSubscriber.handle(event!, deps);
    await drain(queue, deps);
    await emailSubscriber.handle(event!, deps);
    await drain(queue, deps);
    expect(mailer.sent).toHaveLength(1);
    expect(await emailsOf(reservation.id)).toHaveLength(1);
  });

  it('a hold is confirmed by mail when it is confirmed; check-in and an expired hold send nothing', async () => {
    const { mailer, deps } = setup();
    const h = await bookableHotel();
    const hold = await booked(bookingBody(h, { guest: GUEST, status: 'pending' }));
    await handOff(deps, h.hotel.id);
    await drain(queue, deps);
    expect(mailer.sent).toEqual([]);
    await expectStatus(act(hold.id, 'confirm'), 200);
    await handOff(deps, h.hotel.id);
    await drain(queue, deps);
    expect((await emailsOf(hold.id)).map((e) => e.template_key)).toEqual(['reservation_confirmation']);

    const today = await booked(bookingBody(h, { guest: GUEST, check_in: inDays(0), check_out: inDays(1) }));
    await expectStatus(act(today.id, 'check-in'), 200);
    await handOff(deps, h.hotel.id);
    await drain(queue, deps);
    expect((await emailsOf(today.id)).map((e) => e.template_key)).toEqual(['reservation_confirmation']);
  });

  it('an automation the hotel switched off is recorded as suppressed and not sent', async () => {
    const { mailer, deps } = setup();
    const h = await bookableHotel();
    await expectStatus(
      call('PUT', `/api/v1/hotels/${h.hotel.id}/email-settings`, {
        body: { automations: { reservation_confirmation: false } },
      }),
      200,
    );
    const reservation = await booked(bookingBody(h, { guest: GUEST }));
    await handOff(deps, h.hotel.id);
    await drain(queue, deps);
    expect(mailer.sent).toEqual([]);
    expect(await emailsOf(reservation.id)).toMatchObject([
      { template_key: 'reservation_confirmation', status: 'suppressed', last_error: 'automation switched off' },
    ]);
  });

  it('a channel reservation filed under the reserved `.invalid` placeholder is recorded as suppressed, never sent', async () => {
    const { mailer, deps } = setup();
    const h = await bookableHotel();
    const reservation = await booked(bookingBody(h, { guest: { ...GUEST, email: 'chn_01abc.4711@ota.invalid' } }));
    await handOff(deps, h.hotel.id);
    await drain(queue, deps);
    expect(mailer.sent).toEqual([]);
    expect(await emailsOf(reservation.id)).toMatchObject([
      {
        template_key: 'reservation_confirmation',
        status: 'suppressed',
        last_error: expect.stringMatching(/no guest address/),
      },
    ]);
  });
});

function paymentEvent(type: 'payment.completed' | 'payment.refunded', hotelId: string, reservationId: string) {
  const at = new Date().toISOString();
  const payment = {
    id: 'pay_01jd3m8w6q0v6z2c7n4b5k9t1r',
    status: 'completed',
    amount: 15000,
    currency: 'EUR',
    refunded_amount: type === 'payment.refunded' ? 5000 : 0,
    reservation_id: reservationId,
    hotel_id: hotelId,
    provider: 'square',
    provider_payment_id: 'sq_1',
    source_type: 'card',
    autocomplete: true,
    held_for_review: false,
    risk_level: null,
    card: { brand: 'VISA', last4: '1111', exp_month: 12, exp_year: 2030 },
    receipt_url: 'https://squareup.com/receipt/preview/1',
    disputed_amount: 0,
    error: null,
    created_at: at,
    updated_at: at,
  };
  const refund = {
    id: 'rfd_01jd3m8w6q0v6z2c7n4b5k9t1r',
    payment_id: payment.id,
    reservation_id: reservationId,
    hotel_id: hotelId,
    status: 'completed',
    amount: 5000,
    currency: 'EUR',
    reason: 'Late <check-in>',
    provider_refund_id: 'sq_r1',
    origin: 'api',
    created_at: at,
    updated_at: at,
  };
  return {
    id: `evt_${type === 'payment.refunded' ? 'r' : 'c'}${Date.now()}${Math.random().toString(36).slice(2, 8)}`,
    type,
    created_at: at,
    hotel_id: hotelId,
    data: type === 'payment.refunded' ? { ...payment, refund } : payment,
  } as const;
}

describe('payment automations', () => {
  it('payment.completed mails a receipt and payment.refunded a refund receipt, once each', async () => {
    const { mailer, deps } = setup();
    const h = await bookableHotel();
    await expectStatus(
      call('PUT', `/api/v1/hotels/${h.hotel.id}/email-settings`, {
        body: { automations: { reservation_confirmation: false } },
      }),
      200,
    );
    const reservation = await booked(bookingBody(h, { guest: GUEST }));
    const paid = paymentEvent('payment.completed', h.hotel.id, reservation.id);
    const refunded = paymentEvent('payment.refunded', h.hotel.id, reservation.id);
    await emailSubscriber.handle(paid, deps);
    await emailSubscriber.handle(paid, deps);
    await emailSubscriber.handle(refunded, deps);
    await drain(queue, deps);
    expect(mailer.sent).toHaveLength(2);
    const receipt = await parse(mailer.sent[0]!.raw);
    expect(receipt.text).toContain('We received your payment of 150.00 EUR (VISA ending 1111).');
    const refundMail = await parse(mailer.sent[1]!.raw);
    expect(refundMail.text).toContain('We refunded 50.00 EUR to your VISA ending 1111. Reason: Late <check-in>');
    expect(refundMail.html).toContain('Reason: Late &lt;check-in&gt;');
    const receipts = (await emailsOf(reservation.id)).filter((e) => e.template_key !== 'reservation_confirmation');
    expect(receipts.map((e) => [e.template_key, e.event_id])).toEqual([
      ['payment_receipt', paid.id],
      ['refund_receipt', refunded.id],
    ]);
  });
});

describe('daily automations', () => {
  it('pre-arrival within pre_arrival_days and post-stay the day after check-out, each once per reservation', async () => {
    const { mailer, deps } = setup();
    const h = await bookableHotel();
    await expectStatus(
      call('PUT', `/api/v1/hotels/${h.hotel.id}/email-settings`, {
        body: { pre_arrival_days: 2, automations: { reservation_confirmation: false } },
      }),
      200,
    );
    const soon = await booked(bookingBody(h, { guest: GUEST, check_in: inDays(2), check_out: inDays(3) }));
    const later = await booked(bookingBody(h, { guest: GUEST, check_in: inDays(5), check_out: inDays(6) }));
    const stayed = await booked(bookingBody(h, { guest: GUEST, check_in: inDays(1), check_out: inDays(2) }));
    const now = new Date();
    const yesterday = addDays(inDays(0), -1);
    await env.DB.prepare('UPDATE reservations SET check_in = ?, check_out = ?, status = ? WHERE id = ?')
      .bind(addDays(yesterday, -2), yesterday, 'checked_out', stayed.id)
      .run();

    const jobs = await runCron('17 3 * * *', now.getTime(), deps);
    expect(jobs.map((j) => j.type)).toContain('email.daily');
    await drain(queue, deps);
    await queueDailyEmails(deps, h.hotel.id, now);
    await drain(queue, deps);

    expect((await emailsOf(soon.id)).map((e) => [e.template_key, e.status])).toEqual([
      ['reservation_confirmation', 'suppressed'],
      ['pre_arrival', 'sent'],
    ]);
    expect((await emailsOf(later.id)).map((e) => e.template_key)).toEqual(['reservation_confirmation']);
    expect((await emailsOf(stayed.id)).map((e) => [e.template_key, e.status])).toEqual([
      ['reservation_confirmation', 'suppressed'],
      ['post_stay', 'sent'],
    ]);
    expect(mailer.sent).toHaveLength(2);
  });
});
