import { eq } from 'drizzle-orm';
import { createDb, statementOf } from '../../db';
import type { Deps } from '../../deps';
import { notFound } from '../../errors';
import { batchAudited } from '../audit/audit';
import { hotelPaymentSettings } from './payments.table';

/** A hotel's payment switches as the API shows them; a hotel that never set them has both off. */
export type PaymentSettings = { auto_refund_on_cancel: boolean; hold_high_risk: boolean };

export const DEFAULT_PAYMENT_SETTINGS: PaymentSettings = { auto_refund_on_cancel: false, hold_high_risk: false };

async function assertHotel(d1: D1Database, hotelId: string): Promise<void> {
  const hotel = await d1.prepare('SELECT 1 AS x FROM hotels WHERE id = ?').bind(hotelId).first();
  if (!hotel) throw notFound('Hotel', hotelId);
}

export async function getPaymentSettings(d1: D1Database, hotelId: string): Promise<PaymentSettings> {
  await assertHotel(d1, hotelId);
  return paymentSettingsFor(d1, hotelId);
}

export async function paymentSettingsFor(
  d1: D1Database | D1DatabaseSession,
  hotelId: string,
): Promise<PaymentSettings> {
  const [row] = await createDb(d1).select().from(hotelPaymentSettings).where(eq(hotelPaymentSettings.hotelId, hotelId));
  return row
    ? { auto_refund_on_cancel: row.autoRefundOnCancel, hold_high_risk: row.holdHighRisk }
    : DEFAULT_PAYMENT_SETTINGS;
}

export async function putPaymentSettings(
  deps: Pick<Deps, 'd1' | 'now' | 'actor'>,
  hotelId: string,
  settings: PaymentSettings,
): Promise<PaymentSettings> {
  const { d1 } = deps;
  await assertHotel(d1, hotelId);
  const before = await paymentSettingsFor(d1, hotelId);
  const values = {
    autoRefundOnCancel: settings.auto_refund_on_cancel,
    holdHighRisk: settings.hold_high_risk,
    updatedAt: deps.now(),
  };
  const upsert = createDb(d1)
    .insert(hotelPaymentSettings)
    .values({ hotelId, ...values })
    .onConflictDoUpdate({ target: hotelPaymentSettings.hotelId, set: values });
  await batchAudited(
    deps,
    d1,
    [statementOf(d1, upsert)],
    [
      {
        hotelId,
        action: 'payment_settings.updated',
        entityType: 'payment_settings',
        entityId: hotelId,
        before,
        after: settings,
      },
    ],
  );
  return settings;
}
