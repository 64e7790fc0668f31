import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db';
import { checkJob, consume } from '../../src/jobs';
import { PermanentJobError } from '../../src/lib/job';
import { bindingMailer } from '../../src/modules/emails/mailer';
import { buildMime } from '../../src/modules/emails/mime';
import { sendEmail, sendEmailJob } from '../../src/modules/emails/send.job';
import { replayDeadLetter } from '../../src/modules/platform/dead-letters.service';
import { createHotel } from '../helpers/builders';
import { fakeMessage, notingD1, recordingJobs } from '../helpers/deps';
import { call, expectProblem, expectStatus } from '../helpers/http';
import { emailDeps, headerBlock, outboxRow, parse, queued, recordingMailer } from './harness';

const TRICKY_NAME = '<script>alert(1)</script> Zoë "O\'Brien"\r\nBcc: victim@evil.example';

describe('sending an email', () => {
  it('builds multipart/alternative MIME with encoded UTF-8 headers, Reply-To the hotel, nothing injected', async () => {
    const hotel = await createHotel({
      name: 'Hôtel Ümlaut « Zürich »',
      contact: { email: 'frontdesk@umlaut.example' },
    });
    const mailer = recordingMailer();
    const deps = emailDeps(mailer);
    const { id } = await queued(deps, hotel.id, {
      to: { address: 'zoe@guest.example', name: TRICKY_NAME },
      variables: { guest_name: TRICKY_NAME, confirmation_number: 'ABC123', hotel_name: 'Hôtel Ümlaut « Zürich »' },
    });
    await sendEmail(deps, id);

    expect(mailer.sent).toHaveLength(1);
    const envelope = mailer.sent[0]!;
    expect(envelope).toMatchObject({ from: 'reservations@wehub.localhost', to: 'zoe@guest.example' });
    const raw = envelope.raw;
    const header = headerBlock(raw);
    // One header per line start; the guest's CR/LF never begins a header of its own.
    expect(header).not.toMatch(/^Bcc:/im);
    expect(raw).not.toMatch(/\r\nBcc:/i);
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(header).toMatch(/^Content-Type: multipart\/alternative; boundary=/m);
    // The guest's name is one encoded-word (parsers such as Python's 3.11 email would add a space between two).
    expect(header).toMatch(/^To: =\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=\r\n <zoe@guest\.example>\r\n/m);
    expect(header.split('\r\n').every((line) => line.length <= 998)).toBe(true);

    const mail = await parse(raw);
    expect(mail.from).toEqual({ address: 'reservations@wehub.localhost', name: 'Hôtel Ümlaut « Zürich »' });
    expect(mail.to).toEqual([{ address: 'zoe@guest.example', name: `${[...oneLineName()].slice(0, 59).join('')}…` }]);
    expect(mail.replyTo).toEqual([{ address: 'frontdesk@umlaut.example', name: '' }]);
    expect(mail.subject).toBe(`Your reservation at Hôtel Ümlaut « Zürich » is confirmed (ABC123)`);
    expect(mail.messageId).toBe(`<${id}@wehub.localhost>`);
    expect(Number.isNaN(new Date(mail.date as string).getTime())).toBe(false);
    expect(mail.text).toContain(`Dear ${TRICKY_NAME},`);
    expect(mail.html).toContain('Dear &lt;script&gt;alert(1)&lt;/script&gt; Zoë &quot;O&#39;Brien&quot;');
    expect(mail.html).not.toContain('<script>');
    expect(mail.headers.find((h) => h.key === 'list-unsubscribe')).toBeUndefined();

    const row = await outboxRow(id);
    expect(row).toMatchObject({
      status: 'sent',
      attempts: 1,
      message_id: `${id}@wehub.localhost`,
      provider_message_id: 'provider-1',
    });
    expect(row?.raw).toBe(raw);
  });

  it('folds a long UTF-8 subject into encoded-words that a parser joins back; cuts a long display name', async () => {
    const longName = 'Ünïcødé Grand Hotel 🏨 '.repeat(8).trim();
    const hotel = await createHotel({ name: longName });
    const mailer = recordingMailer();
    const deps = emailDeps(mailer);
    const { id } = await queued(deps, hotel.id, { variables: { hotel_name: longName, confirmation_number: 'X1' } });
    await sendEmail(deps, id);
    const raw = mailer.sent[0]!.raw;
    const lines = headerBlock(raw).split('\r\n');
    expect(lines.filter((l) => !l.startsWith('From:')).every((line) => line.length <= 78)).toBe(true);
    expect(lines.every((line) => line.length <= 998)).toBe(true);
    const mail = await parse(raw);
    expect(mail.subject).toBe(`Your reservation at ${longName} is confirmed (X1)`);
    // Display names are one encoded-word (see mime.ts), cut at 60 characters.
    expect(mail.from?.name).toBe(`${[...longName].slice(0, 59).join('')}…`);
  });

  it('leaves Reply-To out when the hotel has no email', async () => {
    const hotel = await createHotel();
    const mailer = recordingMailer();
    const deps = emailDeps(mailer);
    const { id } = await queued(deps, hotel.id);
    await sendEmail(deps, id);
    const mail = await parse(mailer.sent[0]!.raw);
    expect(mail.replyTo).toBeUndefined();
  });

  it('sends through the send_email binding in workerd', async () => {
    const hotel = await createHotel({ name: 'Binding Hôtel' });
    const deps = emailDeps(bindingMailer(env.EMAIL));
    const { id } = await queued(deps, hotel.id);
    await sendEmail(deps, id);
    const row = await outboxRow(id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    // The binding parsed our message and answered with its own id for it.
    expect(row?.provider_message_id).toEqual(expect.any(String));
    expect(row?.provider_message_id.length).toBeGreaterThan(0);
  });

  it('the binding refuses a message whose From does not match the envelope, and that is not retried', async () => {
    const hotel = await createHotel();
    const binding = bindingMailer(env.EMAIL);
    const mismatched = {
      send: (e: Parameters<typeof binding.send>[0]) => binding.send({ ...e, from: 'other@wehub.localhost' }),
    };
    const deps = emailDeps(mismatched);
    const { id } = await queued(deps, hotel.id);
    const message = fakeMessage(sendEmailJob.message({ email_id: id }));
    await consume('wehub-jobs', message, deps, deps.settle);
    expect(message.acked).toBe(true);
    expect(message.retriedWith).toBeNull();
    const row = await outboxRow(id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row?.last_error).toMatch(/From: header does not match/);
  });
});

function oneLineName() {
  return '<script>alert(1)</script> Zoë "O\'Brien" Bcc: victim@evil.example';
}

describe('what a send reads', () => {
  it("claims the row and reads the hotel and its saved template in one round trip, and sends the hotel's template", async () => {
    const hotel = await createHotel({ name: 'Gasthof Post' });
    const body = { subject: 'Ihre Buchung {{confirmation_number}}', html: '<p>Hallo</p>', text: 'Hallo' };
    await expectStatus(
      call('PUT', `/api/v1/hotels/${hotel.id}/email-templates/reservation_confirmation?language=de`, { body }),
      200,
    );
    const mailer = recordingMailer();
    const { id } = await queued(emailDeps(mailer), hotel.id, { language: 'de' });
    const sent: string[] = [];
    const d1 = notingD1(env.DB, sent);
    await sendEmail(emailDeps(mailer, { d1, db: createDb(d1) }), id);

    expect(mailer.sent).toHaveLength(1);
    const mail = await parse(mailer.sent[0]!.raw);
    expect(mail.subject).toBe('Ihre Buchung ABC123');
    expect(mail.from).toEqual({ address: 'reservations@wehub.localhost', name: 'Gasthof Post' });
    // One batch for the claim, the hotel and the template; then the outcome's batch (row and audit entry).
    expect(sent.slice(0, sent.indexOf('BATCH') + 1)).toEqual([
      expect.stringMatching(/^update "email_outbox"/),
      expect.stringMatching(/from "hotels"/),
      expect.stringMatching(/from "email_templates"/),
      'BATCH',
    ]);
    expect(sent.filter((s) => s === 'BATCH')).toHaveLength(2);
  });
});

describe('failures and retries', () => {
  it('an invalid address fails for good on the first attempt, without calling the mailer', async () => {
    const hotel = await createHotel();
    const mailer = recordingMailer();
    const deps = emailDeps(mailer);
    const { id } = await queued(deps, hotel.id, {
      to: { address: 'zoe@guest.example\r\nBcc: x@evil.example', name: 'Zoë' },
    });
    await expect(sendEmail(deps, id)).rejects.toBeInstanceOf(PermanentJobError);
    expect(mailer.sent).toEqual([]);
    expect(await outboxRow(id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error: 'invalid recipient address',
    });
    // A duplicate job later does nothing.
    await sendEmail(deps, id);
    expect(mailer.sent).toEqual([]);
    expect((await outboxRow(id))?.attempts).toBe(1);
  });

  it('a transient failure is retried with backoff and then sent once', async () => {
    const hotel = await createHotel();
    const mailer = recordingMailer();
    mailer.failWith.push(new Error('upstream timeout'));
    const deps = emailDeps(mailer);
    const { id } = await queued(deps, hotel.id);
    const first = fakeMessage(sendEmailJob.message({ email_id: id }), 1);
    await consume('wehub-jobs', first, deps, deps.settle);
    expect(first.acked).toBe(false);
    expect(first.retriedWith).toBeGreaterThanOrEqual(15);
    expect(await outboxRow(id)).toMatchObject({ status: 'queued', attempts: 1, last_error: 'upstream timeout' });

    const second = fakeMessage(sendEmailJob.message({ email_id: id }), 2);
    await consume('wehub-jobs', second, deps, deps.settle);
    expect(second.acked).toBe(true);
    expect(mailer.sent).toHaveLength(1);
    expect(await outboxRow(id)).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
  });

  it('a send still failing on the last attempt is failed and dead-lettered', async () => {
    const hotel = await createHotel();
    const mailer = recordingMailer();
    const deps = emailDeps(mailer);
    const { id } = await queued(deps, hotel.id);
    await env.DB.prepare('UPDATE email_outbox SET attempts = 5 WHERE id = ?').bind(id).run();
    mailer.failWith.push(new Error('upstream timeout'));
    const last = fakeMessage(sendEmailJob.message({ email_id: id }), 6);
    await consume('wehub-jobs', last, deps, deps.settle);
    expect(last.acked).toBe(true);
    expect(await outboxRow(id)).toMatchObject({ status: 'failed', attempts: 6, last_error: 'upstream timeout' });
  });

  it('a replayed dead letter of an exhausted send sends it, once, with a fresh attempt count', async () => {
    const hotel = await createHotel();
    const mailer = recordingMailer();
    const jobs = recordingJobs();
    const deps = emailDeps(mailer, { jobs });
    const { id } = await queued(deps, hotel.id);
    await env.DB.prepare('UPDATE email_outbox SET attempts = 5 WHERE id = ?').bind(id).run();
    mailer.failWith.push(new Error('upstream timeout'));
    const last = fakeMessage(sendEmailJob.message({ email_id: id }), 6);
    await consume('wehub-jobs', last, deps, deps.settle);
    const letter = await env.DB.prepare('SELECT id FROM dead_letters WHERE message_id = ?')
      .bind(last.id)
      .first<{ id: string }>();
    // The cause is fixed (the mailer answers again): the operator replays the letter.
    jobs.sent.length = 0;
    await replayDeadLetter(deps, String(letter?.id), checkJob);
    const [replayed] = jobs.sent;
    for (const copy of [1, 2]) {
      const message = fakeMessage(replayed, copy);
      await consume('wehub-jobs', message, deps, deps.settle);
      expect(message.acked).toBe(true);
    }
    expect(mailer.sent).toHaveLength(1);
    expect(await outboxRow(id)).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
  });

  it('the same send job twice sends one email', async () => {
    const hotel = await createHotel();
    const mailer = recordingMailer();
    const deps = emailDeps(mailer);
    const { id } = await queued(deps, hotel.id);
    await Promise.all([sendEmail(deps, id), sendEmail(deps, id).catch(() => 'held')]);
    await sendEmail(deps, id);
    expect(mailer.sent).toHaveLength(1);
  });
});

describe('the outbox API', () => {
  it('lists, shows and serves the raw message; another hotel’s key is refused', async () => {
    const hotel = await createHotel();
    const mailer = recordingMailer();
    const deps = emailDeps(mailer);
    const sent = await queued(deps, hotel.id);
    await sendEmail(deps, sent.id);
    const waiting = await queued(deps, hotel.id, { templateKey: 'post_stay' });

    const page = await expectStatus(call('GET', `/api/v1/hotels/${hotel.id}/emails?limit=1`), 200);
    expect(page.data.map((e: { id: string }) => e.id)).toEqual([waiting.id]);
    const next = await expectStatus(
      call('GET', `/api/v1/hotels/${hotel.id}/emails?limit=1&cursor=${page.next_cursor}`),
      200,
    );
    expect(next.data[0]).toMatchObject({
      id: sent.id,
      status: 'sent',
      template: 'reservation_confirmation',
      raw_available: true,
    });
    const filtered = await expectStatus(call('GET', `/api/v1/hotels/${hotel.id}/emails?status=queued`), 200);
    expect(filtered.data.map((e: { id: string }) => e.id)).toEqual([waiting.id]);

    const one = await expectStatus(call('GET', `/api/v1/emails/${sent.id}`), 200);
    expect(one).toMatchObject({
      id: sent.id,
      to: 'zoe.obrien@guest.example',
      attempts: 1,
      message_id: `${sent.id}@wehub.localhost`,
    });
    const raw = await call('GET', `/api/v1/emails/${sent.id}/raw`);
    expect(raw.status).toBe(200);
    expect(raw.headers.get('content-type')).toBe('message/rfc822');
    expect(await raw.text()).toBe(mailer.sent[0]!.raw);
    await expectProblem(call('GET', `/api/v1/emails/${waiting.id}/raw`), 404, 'not_found');
    await expectProblem(call('GET', '/api/v1/emails/eml_nope'), 404, 'not_found');

    const other = await createHotel();
    const { createApiKey } = await import('../helpers/builders');
    const key = await createApiKey({ scopes: ['emails:manage'], hotel_ids: [other.id] });
    await expectProblem(call('GET', `/api/v1/emails/${sent.id}`, { auth: { apiKey: key.key } }), 403, 'forbidden');
    await expectProblem(
      call('GET', `/api/v1/hotels/${hotel.id}/emails`, { auth: { apiKey: key.key } }),
      403,
      'forbidden',
    );
  });
});

describe('raw message retention', () => {
  it('the daily purge drops raw messages older than 30 days and keeps the rows', async () => {
    const hotel = await createHotel();
    const mailer = recordingMailer();
    const deps = emailDeps(mailer);
    const old = await queued(deps, hotel.id);
    const recent = await queued(deps, hotel.id);
    await sendEmail(deps, old.id);
    await sendEmail(deps, recent.id);
    const now = Date.now();
    await env.DB.prepare('UPDATE email_outbox SET created_at = ? WHERE id = ?')
      .bind(now - 31 * 86_400_000, old.id)
      .run();
    const { runCron } = await import('../../src/jobs');
    const jobs = await runCron('17 3 * * *', now, deps);
    const purge = jobs.find((j) => j.type === 'email.purge_raw');
    expect(purge).toBeDefined();
    const message = fakeMessage(purge);
    await consume('wehub-jobs', message, deps, deps.settle);
    expect(message.acked).toBe(true);
    expect(await outboxRow(old.id)).toMatchObject({ status: 'sent', raw: null });
    expect((await outboxRow(recent.id))?.raw).toContain('multipart/alternative');
    await expectProblem(call('GET', `/api/v1/emails/${old.id}/raw`), 404, 'not_found');
  });
});

describe('marketing headers', () => {
  it('List-Unsubscribe and List-Unsubscribe-Post are set only when the message has an unsubscribe URL', async () => {
    const base = {
      from: { address: 'news@wehub.localhost', name: 'Hôtel' },
      to: { address: 'zoe@guest.example', name: 'Zoë' },
      replyTo: null,
      subject: 'Spring offers',
      html: '<p>Hi</p>',
      text: 'Hi',
      messageId: 'eml_x@wehub.localhost',
      date: new Date('2027-03-01T09:00:00Z'),
    };
    const marketing = await parse(
      buildMime({ ...base, unsubscribeUrl: 'https://api.example/api/v1/email/unsubscribe?token=abc' }),
    );
    const header = (name: string) => marketing.headers.find((h) => h.key === name)?.value;
    expect(header('list-unsubscribe')).toBe('<https://api.example/api/v1/email/unsubscribe?token=abc>');
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(header('date')).toBe('Mon, 01 Mar 2027 09:00:00 +0000');
    const transactional = await parse(buildMime(base));
    expect(transactional.headers.some((h) => h.key.startsWith('list-'))).toBe(false);
  });
});
