import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { JOBS } from '../../src/jobs';
import { expandBatch, startDueCampaigns } from '../../src/modules/emails/campaigns.jobs';
import { inDays } from '../helpers/ari';
import { createApiKey } from '../helpers/builders';
import { call, expectProblem, expectStatus } from '../helpers/http';
import { bookableHotel, booked, bookingBody } from '../helpers/reservations';
import { emailDeps, parse, recordingMailer } from './harness';

const TEMPLATE = {
  subject: 'News from {{hotel_name}}',
  html: '<p>Hello {{guest_first_name}}</p><a href="{{unsubscribe_url}}">Unsubscribe</a>',
  text: 'Hello {{guest_first_name}}\nUnsubscribe: {{unsubscribe_url}}',
};
const campaigns = (hotelId: string, rest = '') => `/api/v1/hotels/${hotelId}/campaigns${rest}`;

type Guest = { email: string; optIn?: boolean; country?: string; language?: string; checkIn?: number };

/** A hotel whose guests (one booking each) have the given consent, country, language and stay. */
async function hotelWithGuests(list: Guest[]) {
  const h = await bookableHotel();
  const ids: Record<string, string> = {};
  for (const g of list) {
    const res = await booked(
      bookingBody(h, {
        check_in: inDays(g.checkIn ?? 10),
        check_out: inDays((g.checkIn ?? 10) + 1),
        guest: { first_name: g.email.split('@')[0], last_name: 'Guest', email: g.email },
      }),
    );
    const row = await env.DB.prepare('SELECT guest_id FROM reservations WHERE id = ?').bind(res.id).first<{
      guest_id: string;
    }>();
    const id = row?.guest_id as string;
    ids[g.email] = id;
    await expectStatus(
      call('PATCH', `/api/v1/hotels/${h.hotel.id}/guests/${id}`, {
        body: { marketing_opt_in: g.optIn ?? true, country: g.country ?? null, language: g.language ?? null },
      }),
      200,
    );
  }
  return { ...h, guestIds: ids };
}

async function createCampaign(hotelId: string, body: Record<string, unknown> = {}) {
  return expectStatus(
    call('POST', campaigns(hotelId), {
      body: { name: 'Spring', template: TEMPLATE, ...body },
      headers: { 'Idempotency-Key': crypto.randomUUID() },
    }),
    201,
  );
}

/** Runs the minute cron's campaign job and every job it leads to (batches, sends) until none is left. */
async function runCampaigns(mailer = recordingMailer()) {
  const deps = emailDeps(mailer);
  const jobs = deps.jobs as unknown as { sent: { type: string; payload: unknown }[] };
  await startDueCampaigns(deps, Date.now());
  while (jobs.sent.length > 0) {
    const job = jobs.sent.shift() as { type: string; payload: unknown };
    const def = JOBS.find((j) => j.type === job.type);
    if (!def) throw new Error(`no job ${job.type}`);
    await def.handle(def.schema.parse(job.payload), deps);
  }
  return mailer;
}

const recipients = (mailer: ReturnType<typeof recordingMailer>) => mailer.sent.map((m) => m.to).sort();

describe('campaigns', () => {
  it('goes to opted-in guests matching country, language and stay dates', async () => {
    const h = await hotelWithGuests([
      { email: 'in.de@guest.example', country: 'DE', language: 'de', checkIn: 10 },
      { email: 'in.at@guest.example', country: 'AT', language: 'de', checkIn: 10 },
      { email: 'in.fr@guest.example', country: 'FR', language: 'fr', checkIn: 10 },
      { email: 'late.de@guest.example', country: 'DE', language: 'de', checkIn: 40 },
      { email: 'out.de@guest.example', country: 'DE', language: 'de', checkIn: 10, optIn: false },
    ]);
    await createCampaign(h.hotel.id, {
      audience: { countries: ['DE', 'AT'], languages: ['de'], stayed_from: inDays(5), stayed_to: inDays(20) },
    });
    const mailer = await runCampaigns();
    expect(recipients(mailer)).toEqual(['in.at@guest.example', 'in.de@guest.example']);

    const all = await createCampaign(h.hotel.id);
    const mailer2 = await runCampaigns();
    expect(recipients(mailer2)).toEqual([
      'in.at@guest.example',
      'in.de@guest.example',
      'in.fr@guest.example',
      'late.de@guest.example',
    ]);
    const progress = await expectStatus(call('GET', campaigns(h.hotel.id, `/${all.id}`)), 200);
    expect(progress).toMatchObject({
      status: 'sent',
      counts: { total: 4, queued: 0, sent: 4, failed: 0, suppressed: 0 },
    });
  });

  it('marks the mail as marketing: List-Unsubscribe headers and the link in the body', async () => {
    const h = await hotelWithGuests([{ email: 'mime@guest.example' }]);
    await createCampaign(h.hotel.id);
    const mailer = await runCampaigns();
    const mail = await parse(mailer.sent[0]?.raw as string);
    const header = (name: string) => mail.headers.find((x) => x.key === name)?.value;
    const link = /^<(http:\/\/localhost:8787\/api\/v1\/email\/unsubscribe\?token=[^>]+)>$/.exec(
      header('list-unsubscribe') ?? '',
    )?.[1];
    expect(link).toBeDefined();
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(mail.text).toContain(link);
    expect(mail.html).toContain(`href="${(link as string).replaceAll('&', '&amp;')}"`);
  });

  it('one-click unsubscribe suppresses the address: later campaigns skip it and count it suppressed', async () => {
    const h = await hotelWithGuests([{ email: 'leaver@guest.example' }, { email: 'stayer@guest.example' }]);
    await createCampaign(h.hotel.id);
    const first = await runCampaigns();
    const raw = first.sent.find((m) => m.to === 'leaver@guest.example')?.raw as string;
    const link = /<(http:\/\/localhost:8787[^>]+)>/.exec(
      (await parse(raw)).headers.find((x) => x.key === 'list-unsubscribe')?.value ?? '',
    )?.[1] as string;
    const path = link.slice('http://localhost:8787'.length);

    const page = await call('GET', path, { auth: null });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post"');
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    for (let i = 0; i < 2; i++) {
      const res = await call('POST', path, { auth: null, body: 'List-Unsubscribe=One-Click', headers: form });
      expect(res.status).toBe(200);
    }
    const guest = await expectStatus(
      call('GET', `/api/v1/hotels/${h.hotel.id}/guests/${h.guestIds['leaver@guest.example']}`),
      200,
    );
    expect(guest.marketing_opt_in).toBe(false);

    const second = await createCampaign(h.hotel.id);
    const mailer = await runCampaigns();
    expect(recipients(mailer)).toEqual(['stayer@guest.example']);
    const progress = await expectStatus(call('GET', campaigns(h.hotel.id, `/${second.id}`)), 200);
    expect(progress.counts).toEqual({ total: 2, queued: 0, sent: 1, failed: 0, suppressed: 1 });

    // A changed signature, and the same signature spelt with other unused low bits in its last character.
    const tampered = path.replace(/.(.{5})$/, (_, rest) => `${path.at(-6) === 'A' ? 'B' : 'A'}${rest}`);
    await expectProblem(call('POST', tampered, { auth: null, body: 'List-Unsubscribe=One-Click', headers: form }), 400);
    const last = path.at(-1) as string;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sibling = alphabet[alphabet.indexOf(last) ^ 1] as string;
    await expectProblem(
      call('POST', `${path.slice(0, -1)}${sibling}`, { auth: null, body: 'List-Unsubscribe=One-Click', headers: form }),
      400,
    );
    await expectProblem(call('GET', '/api/v1/email/unsubscribe?token=v1.x.y', { auth: null }), 400);
  });

  it('a batch run again mails no one twice', async () => {
    const h = await hotelWithGuests([{ email: 'once@guest.example' }]);
    const campaign = await createCampaign(h.hotel.id);
    const mailer = await runCampaigns();
    // As if the batch had died before moving the cursor on, then been retried.
    await env.DB.prepare("UPDATE email_campaigns SET status = 'sending', cursor = NULL WHERE id = ?")
      .bind(campaign.id)
      .run();
    const deps = emailDeps(mailer);
    await expandBatch(deps, campaign.id, null);
    const jobs = deps.jobs as unknown as { sent: { type: string; payload: { email_id: string } }[] };
    const send = JOBS.find((j) => j.type === 'email.send');
    for (const job of jobs.sent.filter((j) => j.type === 'email.send')) await send?.handle(job.payload, deps);
    expect(recipients(mailer)).toEqual(['once@guest.example']);
    const rows = await env.DB.prepare('SELECT COUNT(*) AS n FROM email_outbox WHERE campaign_id = ?')
      .bind(campaign.id)
      .first<{ n: number }>();
    expect(rows?.n).toBe(1);
  });

  it('cancel stops a campaign before it is sent; a later send_at waits', async () => {
    const h = await hotelWithGuests([{ email: 'cancel@guest.example' }]);
    const later = await createCampaign(h.hotel.id, { send_at: new Date(Date.now() + 3_600_000).toISOString() });
    const now = await createCampaign(h.hotel.id);
    const cancelled = await expectStatus(call('POST', campaigns(h.hotel.id, `/${now.id}/cancel`)), 200);
    expect(cancelled.status).toBe('cancelled');
    const mailer = await runCampaigns();
    expect(mailer.sent).toHaveLength(0);
    expect((await expectStatus(call('GET', campaigns(h.hotel.id, `/${later.id}`)), 200)).status).toBe('scheduled');
    const list = await expectStatus(call('GET', campaigns(h.hotel.id)), 200);
    expect(list.data.map((c: { id: string }) => c.id)).toEqual([now.id, later.id]);
  });

  it('refuses templates with unknown variables or no unsubscribe link', async () => {
    const h = await bookableHotel();
    const res = await expectProblem(
      call('POST', campaigns(h.hotel.id), {
        body: {
          name: 'x',
          template: { subject: 'Hi {{confirmation_number}}', html: '<p>x</p>', text: 'x {{unsubscribe_url}}' },
        },
        headers: { 'Idempotency-Key': crypto.randomUUID() },
      }),
      400,
    );
    expect(res.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'body.template.html',
      'body.template.subject',
    ]);
  });

  it('needs emails:manage and access to the hotel', async () => {
    const h = await bookableHotel();
    const other = await bookableHotel();
    const campaign = await createCampaign(h.hotel.id);
    const otherKey = await createApiKey({ scopes: ['emails:manage'], hotel_ids: [other.hotel.id] });
    const noScope = await createApiKey({ scopes: ['reservations:read'], hotel_ids: [h.hotel.id] });
    await expectProblem(call('GET', campaigns(h.hotel.id, `/${campaign.id}`), { auth: { apiKey: otherKey.key } }), 403);
    await expectProblem(
      call('GET', campaigns(other.hotel.id, `/${campaign.id}`), { auth: { apiKey: otherKey.key } }),
      404,
    );
    await expectProblem(
      call('POST', campaigns(h.hotel.id, `/${campaign.id}/cancel`), { auth: { apiKey: otherKey.key } }),
      403,
    );
    await expectProblem(call('GET', campaigns(h.hotel.id), { auth: { apiKey: noScope.key } }), 403);
  });
});
