import { desc, eq } from 'drizzle-orm';
import { createDb } from '../../db';
import { type PaymentRefundRow, type PaymentRow, paymentRefunds, payments } from './payments.table';

type Reader = D1Database | D1DatabaseSession;

export async function loadPayment(d1: Reader, id: string): Promise<PaymentRow | null> {
  const [row] = await createDb(d1).select().from(payments).where(eq(payments.id, id));
  return row ?? null;
}

export async function loadRefund(d1: Reader, id: string): Promise<PaymentRefundRow | null> {
  const [row] = await createDb(d1).select().from(paymentRefunds).where(eq(paymentRefunds.id, id));
  return row ?? null;
}

export async function refundByProviderId(d1: Reader, providerRefundId: string): Promise<PaymentRefundRow | null> {
  const [row] = await createDb(d1)
    .select()
    .from(paymentRefunds)
    .where(eq(paymentRefunds.providerRefundId, providerRefundId));
  return row ?? null;
}

export async function refundBySquareKey(d1: Reader, key: string): Promise<PaymentRefundRow | null> {
  const [row] = await createDb(d1).select().from(paymentRefunds).where(eq(paymentRefunds.squareIdempotencyKey, key));
  return row ?? null;
}

/** A payment's refunds, newest first. */
export function refundsOf(d1: Reader, paymentId: string): Promise<PaymentRefundRow[]> {
  return createDb(d1)
    .select()
    .from(paymentRefunds)
    .where(eq(paymentRefunds.paymentId, paymentId))
    .orderBy(desc(paymentRefunds.createdAt), desc(paymentRefunds.id));
}
