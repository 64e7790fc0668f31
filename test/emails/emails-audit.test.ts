import { describe, expect, it } from 'vitest';
import { sendEmail } from '../../src/modules/emails/send.job';
import { auditRowsOfEntity } from '../helpers/audit';
import { createHotel } from '../helpers/builders';
import { call, expectStatus } from '../helpers/http';
import { emailDeps, queued, recordingMailer } from './harness';

describe('email audit trail', () => {
  it('records template saves and deletion, settings and campaign changes with their diffs, by the caller', async () => {
    const hotel = await createHotel();
    const path = `/api/v1/hotels/${hotel.id}/email-templates/reservation_confirmation?language=de`;
    const body = { subject: 'Buchung {{confirmation_number}}', html: '<p>Hallo</p>', text: 'Hallo' };
    await expectStatus(call('PUT', path, { body }), 200);
    await expectStatus(call('PUT', path, { body: { ...body, text: 'Guten Tag' } }), 200);
    await expectStatus(call('DELETE', path), 204);
    await expectStatus(
      call('PUT', `/api/v1/hotels/${hotel.id}/email-settings`, { body: { pre_arrival_days: 5 } }),
      200,
    );
    const campaign = await expectStatus<{ id: string }>(
      call('POST', `/api/v1/hotels/${hotel.id}/campaigns`, {
        body: {
          name: 'Spring',
          template: { subject: 'News', html: '<a href="{{unsubscribe_url}}">x</a>', text: '{{unsubscribe_url}}' },
          send_at: new Date(Date.now() + 86_400_000).toISOString(),
        },
      }),
      201,
    );
    await expectStatus(call('POST', `/api/v1/hotels/${hotel.id}/campaigns/${campaign.id}/cancel`), 200);
    await expectStatus(call('POST', `/api/v1/hotels/${hotel.id}/campaigns/${campaign.id}/cancel`), 200);

    const template = await auditRowsOfEntity('reservation_confirmation:de');
    const mine = template.filter((r) => r.hotel_id === hotel.id);
    expect(mine.map((r) => r.action)).toEqual([
      'email_template.saved',
      'email_template.saved',
      'email_template.deleted',
    ]);
    expect(mine[1]?.changes).toEqual({ text: { from: 'Hallo', to: 'Guten Tag' } });
    const [settings] = await auditRowsOfEntity(hotel.id, 'email_settings.updated');
    expect(settings?.changes).toEqual({ preArrivalDays: { from: 3, to: 5 } });
    // A repeated cancellation changes nothing and records no change (the request middleware's call row,
    // `POST …/cancel`, is all it leaves).
    const campaignRows = (await auditRowsOfEntity(campaign.id)).filter((r) => !r.action.includes(' '));
    expect(campaignRows.map((r) => r.action)).toEqual(['email_campaign.created', 'email_campaign.cancelled']);
    expect(campaignRows[1]?.changes).toEqual({ status: { from: 'scheduled', to: 'cancelled' } });
  });

  it('records each send attempt as an exchange by the mail service, never the address', async () => {
    const hotel = await createHotel();
    const mailer = recordingMailer();
    const deps = emailDeps(mailer);
    const { id } = await queued(deps, hotel.id, { to: { address: 'audit-guest@guest.example', name: 'Guest' } });
    mailer.failWith.push(new Error('mail service busy'));
    await expect(sendEmail(deps, id)).rejects.toThrow();
    await sendEmail(deps, id);

    const rows = await auditRowsOfEntity(id);
    expect(rows.map((r) => [r.action, r.actor_type, r.actor_id, r.outcome])).toEqual([
      ['email.send_failed', 'system', 'email', 'failed'],
      ['email.sent', 'system', 'email', 'success'],
    ]);
    expect(rows[0]?.changes).toMatchObject({ error: { to: 'mail service busy' }, attempt: { to: 1 } });
    expect(JSON.stringify(rows)).not.toContain('audit-guest@guest.example');
  });
});
