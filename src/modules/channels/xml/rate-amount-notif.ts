import { currencyDigits, fromMinorUnits, type RateAmount } from '../domain';
import { applicationControl, type NotifHeader, rootAttributes } from './avail-notif';
import { buildXml } from './xml';

/**
 * OTA_HotelRateAmountNotifRQ ↔ RateAmount (2015A): one RateAmountMessage per product and date range,
 * the base-occupancy price as BaseByGuestAmt AmountAfterTax in the currency's decimal form ("89.50"),
 * with CurrencyCode and DecimalPlaces (ISO 4217 minor unit) so the partner needs no currency table.
 */
export function buildRateAmountNotif(h: NotifHeader, amounts: readonly RateAmount[]): string {
  return buildXml('OTA_HotelRateAmountNotifRQ', {
    ...rootAttributes(h),
    RateAmountMessages: {
      '@HotelCode': h.hotelCode,
      RateAmountMessage: amounts.map((a) => ({
        StatusApplicationControl: applicationControl(h, a),
        Rates: {
          Rate: {
            BaseByGuestAmts: {
              BaseByGuestAmt: {
                '@AmountAfterTax': fromMinorUnits(a.amount, a.currency),
                '@CurrencyCode': a.currency,
                '@DecimalPlaces': String(currencyDigits(a.currency)),
              },
            },
          },
        },
      })),
    },
  });
}
