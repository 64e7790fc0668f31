import { describe, expect, it } from 'vitest';
import { createApiKey, createHotel } from '../helpers/builders';
import { call, expectProblem, expectStatus } from '../helpers/http';

const templates = (hotelId: string, rest = '') => `/api/v1/hotels/${hotelId}/email-templates${rest}`;

describe('email templates', () => {
  it('serves the shipped default with its variables until the hotel saves its own, per language', async () => {
    const hotel = await createHotel();
    const shipped = await expectStatus(call('GET', templates(hotel.id, '/reservation_confirmation')), 200);
    expect(shipped).toMatchObject({ key: 'reservation_confirmation', language: 'en', source: 'default' });
    expect(shipped.variables).toContain('confirmation_number');
    expect(shipped.subject).toContain('{{confirmation_number}}');

    const body = {
      subject: 'Ihre Buchung {{confirmation_number}}',
      html: '<p>Hallo {{guest_name}}</p>',
      text: 'Hallo {{guest_name}}',
    };
    const saved = await expectStatus(
      call('PUT', templates(hotel.id, '/reservation_confirmation?language=de'), { body }),
      200,
    );
    expect(saved).toMatchObject({ ...body, language: 'de', source: 'hotel' });
    const de = await expectStatus(call('GET', templates(hotel.id, '/reservation_confirmation?language=de')), 200);
    expect(de).toMatchObject({ ...body, source: 'hotel' });
    const en = await expectStatus(call('GET', templates(hotel.id, '/reservation_confirmation')), 200);
    expect(en.source).toBe('default');

    const list = await expectStatus(call('GET', templates(hotel.id, '?language=de')), 200);
    expect(list.data).toHaveLength(7);
    expect(list.data.find((t: { key: string }) => t.key === 'reservation_confirmation')).toMatchObject({
      source: 'hotel',
      languages: ['de'],
    });

    // The hotel's email language is the default `language`.
    await expectStatus(call('PUT', `/api/v1/hotels/${hotel.id}/email-settings`, { body: { language: 'de' } }), 200);
    const byHotel = await expectStatus(call('GET', templates(hotel.id, '/reservation_confirmation')), 200);
    expect(byHotel).toMatchObject({ language: 'de', source: 'hotel' });

    await expectStatus(call('DELETE', templates(hotel.id, '/reservation_confirmation?language=de')), 204);
    await expectProblem(call('DELETE', templates(hotel.id, '/reservation_confirmation?language=de')), 404, 'not_found');
    const back = await expectStatus(call('GET', templates(hotel.id, '/reservation_confirmation?language=de')), 200);
    expect(back.source).toBe('default');
  });

  it('refuses unknown variables and malformed placeholders at save time, naming them', async () => {
    const hotel = await createHotel();
    const res = call('PUT', templates(hotel.id, '/payment_receipt'), {
      body: {
        subject: 'Receipt {{confirmation_number}} {{vip_code}}',
        html: '<p>{{ card_last4 }} {{Foo}}</p>',
        text: '{{refund_amount}}',
      },
    });
    const problem = await expectProblem(res, 400, 'validation_failed');
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { path: 'body.subject', message: expect.stringContaining('{{vip_code}}') },
        { path: 'body.html', message: expect.stringContaining('malformed placeholder') },
        // refund_amount belongs to refund_receipt only
        { path: 'body.text', message: expect.stringContaining('{{refund_amount}}') },
      ]),
    );
    const stored = await expectStatus(call('GET', templates(hotel.id, '/payment_receipt')), 200);
    expect(stored.source).toBe('default');

    const twoLines = call('PUT', templates(hotel.id, '/post_stay'), {
      body: { subject: 'Thanks\r\nBcc: victim@example.com', html: '<p>x</p>', text: 'x' },
    });
    const p2 = await expectProblem(twoLines, 400, 'validation_failed');
    expect(p2.errors).toContainEqual({ path: 'body.subject', message: 'must be one line' });
  });

  it('refuses an unknown key, a bad language and an unknown hotel', async () => {
    const hotel = await createHotel();
    await expectProblem(call('GET', templates(hotel.id, '/newsletter')), 400, 'validation_failed');
    await expectProblem(call('GET', templates(hotel.id, '/post_stay?language=EN%0D')), 400, 'validation_failed');
    await expectProblem(call('GET', templates('htl_nope', '/post_stay')), 404, 'not_found');
  });

  it('previews with sample data, escaping values in HTML only, the subject on one line', async () => {
    const hotel = await createHotel();
    const preview = await expectStatus(
      call('POST', templates(hotel.id, '/reservation_confirmation/preview'), {
        body: {
          subject: 'Hi {{guest_name}}',
          html: '<p>Hi {{guest_name}}</p>',
          text: 'Hi {{guest_name}}',
          variables: { guest_name: '<script>alert(1)</script> Zoë "O\'Brien"\r\nBcc: x@evil.example' },
        },
      }),
      200,
    );
    expect(preview.html).toBe(
      '<p>Hi &lt;script&gt;alert(1)&lt;/script&gt; Zoë &quot;O&#39;Brien&quot;\r\nBcc: x@evil.example</p>',
    );
    expect(preview.text).toBe('Hi <script>alert(1)</script> Zoë "O\'Brien"\r\nBcc: x@evil.example');
    expect(preview.subject).toBe('Hi <script>alert(1)</script> Zoë "O\'Brien" Bcc: x@evil.example');

    const sample = await expectStatus(call('POST', templates(hotel.id, '/refund_receipt/preview'), { body: {} }), 200);
    expect(sample.subject).toContain('WH7K3M9Q');
    expect(sample.html).toContain('O&#39;Brien');
    expect(sample.html).not.toContain('{{');

    await expectProblem(
      call('POST', templates(hotel.id, '/post_stay/preview'), { body: { variables: { nope: 'x' } } }),
      400,
      'validation_failed',
    );
  });

  it('needs emails:manage and the hotel', async () => {
    const hotel = await createHotel();
    const other = await createHotel();
    const reader = await createApiKey({ scopes: ['hotels:read'], hotel_ids: [hotel.id] });
    await expectProblem(call('GET', templates(hotel.id), { auth: { apiKey: reader.key } }), 403, 'forbidden');
    const manager = await createApiKey({ scopes: ['emails:manage'], hotel_ids: [hotel.id] });
    await expectStatus(call('GET', templates(hotel.id), { auth: { apiKey: manager.key } }), 200);
    await expectProblem(call('GET', templates(other.id), { auth: { apiKey: manager.key } }), 403, 'forbidden');
  });
});

describe('email settings', () => {
  it('starts with every automation on and changes only the fields sent', async () => {
    const hotel = await createHotel();
    const url = `/api/v1/hotels/${hotel.id}/email-settings`;
    const initial = await expectStatus(call('GET', url), 200);
    expect(initial).toMatchObject({ language: 'en', pre_arrival_days: 3, updated_at: null });
    expect(Object.values(initial.automations).every(Boolean)).toBe(true);
    const changed = await expectStatus(
      call('PUT', url, { body: { automations: { post_stay: false }, pre_arrival_days: 5 } }),
      200,
    );
    expect(changed.automations).toMatchObject({ post_stay: false, pre_arrival: true });
    expect(changed.pre_arrival_days).toBe(5);
    const again = await expectStatus(call('PUT', url, { body: { language: 'fr' } }), 200);
    expect(again).toMatchObject({ language: 'fr', pre_arrival_days: 5, automations: { post_stay: false } });
    await expectProblem(call('PUT', url, { body: { pre_arrival_days: 0 } }), 400, 'validation_failed');
    await expectProblem(call('PUT', url, { body: { automations: { spam: true } } }), 400, 'validation_failed');
  });
});
