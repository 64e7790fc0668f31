import type { HotelRow } from '../catalog/catalog.table';
import type { PaymentView, RefundView } from '../payments/payments.schema';
import type { ReservationJson } from '../reservations/reservations.schema';

/** The digits after the decimal point of a currency (JPY 0, EUR 2, BHD 3), from the runtime's ICU data. */
function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Integer minor units → `450.00 EUR`. */
export function formatMoney(amount: number, currency: string): string {
  const digits = minorDigits(currency);
  return `${(amount / 10 ** digits).toFixed(digits)} ${currency}`;
}

type Stay = Pick<
  ReservationJson,
  | 'confirmation_number'
  | 'check_in'
  | 'check_out'
  | 'nights'
  | 'adults'
  | 'children'
  | 'total_amount'
  | 'amount_paid'
  | 'balance_due'
  | 'currency'
  | 'cancellation_fee'
> & { guest: { first_name: string; last_name: string } };

/** The stay variables (templates.defaults.ts) of a reservation at one hotel. */
export function stayVariables(stay: Stay, hotel: HotelRow): Record<string, string> {
  const money = (amount: number) => formatMoney(amount, stay.currency);
  return {
    guest_first_name: stay.guest.first_name,
    guest_last_name: stay.guest.last_name,
    guest_name: `${stay.guest.first_name} ${stay.guest.last_name}`.trim(),
    hotel_name: hotel.name,
    hotel_email: hotel.contact.email ?? '',
    hotel_phone: hotel.contact.phone ?? '',
    confirmation_number: stay.confirmation_number,
    check_in: stay.check_in,
    check_out: stay.check_out,
    check_in_time: hotel.policies.check_in_time,
    check_out_time: hotel.policies.check_out_time,
    nights: String(stay.nights),
    adults: String(stay.adults),
    children: String(stay.children),
    total_amount: money(stay.total_amount),
    amount_paid: money(stay.amount_paid),
    balance_due: money(stay.balance_due),
    cancellation_fee: money(stay.cancellation_fee ?? 0),
  };
}

export function paymentVariables(payment: PaymentView, refund?: RefundView): Record<string, string> {
  return {
    payment_amount: formatMoney(payment.amount, payment.currency),
    card_brand: payment.card?.brand ?? '',
    card_last4: payment.card?.last4 ?? '',
    receipt_url: payment.receipt_url ?? '',
    ...(refund
      ? { refund_amount: formatMoney(refund.amount, refund.currency), refund_reason: refund.reason ?? '' }
      : {}),
  };
}
