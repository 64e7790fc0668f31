import type { TemplateKey } from './emails.table';
import type { TemplateParts } from './render';

/** What every mail about a stay may use (variables.ts fills them from the reservation and the hotel). */
const STAY_VARIABLES = [
  'guest_first_name',
  'guest_last_name',
  'guest_name',
  'hotel_name',
  'hotel_email',
  'hotel_phone',
  'confirmation_number',
  'check_in',
  'check_out',
  'check_in_time',
  'check_out_time',
  'nights',
  'adults',
  'children',
  'total_amount',
  'amount_paid',
  'balance_due',
] as const;

const PAYMENT_VARIABLES = ['payment_amount', 'card_brand', 'card_last4', 'receipt_url'] as const;

/** The variables each template may name; anything else is refused when a template is saved. */
export const TEMPLATE_VARIABLES: Record<TemplateKey, readonly string[]> = {
  reservation_confirmation: STAY_VARIABLES,
  reservation_modified: STAY_VARIABLES,
  reservation_cancelled: [...STAY_VARIABLES, 'cancellation_fee'],
  payment_receipt: [...STAY_VARIABLES, ...PAYMENT_VARIABLES],
  refund_receipt: [...STAY_VARIABLES, ...PAYMENT_VARIABLES, 'refund_amount', 'refund_reason'],
  pre_arrival: STAY_VARIABLES,
  post_stay: STAY_VARIABLES,
};

/** Values the preview renders with (and the sample a hotel sees its template with). */
export const SAMPLE_VARIABLES: Record<string, string> = {
  guest_first_name: 'Zoë',
  guest_last_name: "O'Brien",
  guest_name: "Zoë O'Brien",
  hotel_name: 'Hotel Bellevue',
  hotel_email: 'frontdesk@bellevue.example',
  hotel_phone: '+41 44 000 00 00',
  confirmation_number: 'WH7K3M9Q',
  check_in: '2027-03-01',
  check_out: '2027-03-04',
  check_in_time: '15:00',
  check_out_time: '11:00',
  nights: '3',
  adults: '2',
  children: '0',
  total_amount: '450.00 EUR',
  amount_paid: '150.00 EUR',
  balance_due: '300.00 EUR',
  cancellation_fee: '0.00 EUR',
  payment_amount: '150.00 EUR',
  card_brand: 'VISA',
  card_last4: '1111',
  receipt_url: 'https://squareup.com/receipt/preview/sample',
  refund_amount: '50.00 EUR',
  refund_reason: 'Late check-in',
};

const STAY_TEXT = [
  'Confirmation number: {{confirmation_number}}',
  'Check-in: {{check_in}} from {{check_in_time}}',
  'Check-out: {{check_out}} until {{check_out_time}}',
  'Nights: {{nights}} · Guests: {{adults}} adults, {{children}} children',
  'Total: {{total_amount}} · Paid: {{amount_paid}} · Balance due: {{balance_due}}',
].join('\n');

const STAY_HTML =
  '<table role="presentation">' +
  '<tr><td>Confirmation number</td><td><strong>{{confirmation_number}}</strong></td></tr>' +
  '<tr><td>Check-in</td><td>{{check_in}} from {{check_in_time}}</td></tr>' +
  '<tr><td>Check-out</td><td>{{check_out}} until {{check_out_time}}</td></tr>' +
  '<tr><td>Nights</td><td>{{nights}}</td></tr>' +
  '<tr><td>Guests</td><td>{{adults}} adults, {{children}} children</td></tr>' +
  '<tr><td>Total</td><td>{{total_amount}}</td></tr>' +
  '<tr><td>Paid</td><td>{{amount_paid}}</td></tr>' +
  '<tr><td>Balance due</td><td>{{balance_due}}</td></tr>' +
  '</table>';

const SIGNATURE_TEXT = '\n\n{{hotel_name}}\n{{hotel_email}} · {{hotel_phone}}\n';
const SIGNATURE_HTML = '<p>{{hotel_name}}<br>{{hotel_email}} · {{hotel_phone}}</p>';

function mail(subject: string, intro: string, extraText = '', extraHtml = '', withStay = true): TemplateParts {
  return {
    subject,
    text: `Dear {{guest_name}},\n\n${intro}\n\n${withStay ? STAY_TEXT : ''}${extraText}${SIGNATURE_TEXT}`,
    html:
      '<!doctype html><html><body>' +
      `<p>Dear {{guest_name}},</p><p>${intro}</p>${withStay ? STAY_HTML : ''}${extraHtml}${SIGNATURE_HTML}` +
      '</body></html>',
  };
}

/** The shipped templates (English). A hotel's own version of a key and language replaces its default. */
export const DEFAULT_TEMPLATES: Record<TemplateKey, TemplateParts> = {
  reservation_confirmation: mail(
    'Your reservation at {{hotel_name}} is confirmed ({{confirmation_number}})',
    'Thank you for booking with us. Your reservation is confirmed.',
  ),
  reservation_modified: mail(
    'Your reservation at {{hotel_name}} was changed ({{confirmation_number}})',
    'Your reservation was changed. These are its details now.',
  ),
  reservation_cancelled: mail(
    'Your reservation at {{hotel_name}} is cancelled ({{confirmation_number}})',
    'Your reservation is cancelled.',
    '\nCancellation fee: {{cancellation_fee}}',
    '<p>Cancellation fee: {{cancellation_fee}}</p>',
  ),
  payment_receipt: mail(
    'Payment receipt from {{hotel_name}} ({{confirmation_number}})',
    'We received your payment of {{payment_amount}} ({{card_brand}} ending {{card_last4}}).',
    '\nReceipt: {{receipt_url}}',
    '<p>Receipt: {{receipt_url}}</p>',
  ),
  refund_receipt: mail(
    'Refund from {{hotel_name}} ({{confirmation_number}})',
    'We refunded {{refund_amount}} to your {{card_brand}} ending {{card_last4}}. Reason: {{refund_reason}}',
  ),
  pre_arrival: mail(
    'See you soon at {{hotel_name}}',
    'Your stay begins on {{check_in}}; check-in opens at {{check_in_time}}. Reply to this email if there is anything we can prepare for you.',
  ),
  post_stay: mail(
    'Thank you for staying at {{hotel_name}}',
    'Thank you for staying with us. We hope to welcome you again.',
    '',
    '',
    false,
  ),
};
