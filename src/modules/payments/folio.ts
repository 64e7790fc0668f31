import { asc, eq } from 'drizzle-orm';
import { createDb } from '../../db';
import { balanceDue, type LoadedReservation } from '../reservations/reservations.repo';
import { reservationRooms, reservations } from '../reservations/reservations.table';
import {
  type PaymentDisputeRow,
  type PaymentRefundRow,
  type PaymentRow,
  paymentDisputes,
  paymentRefunds,
  payments,
} from './payments.table';

/**
 * A reservation's folio: what it charges and what was paid, refunded and held against it. Its totals
 * follow the ledger's rule (ledger.ts), so they always equal the reservation's `amount_paid` and
 * `balance_due`:
 *   amount_paid = payments_total − refunds_total − holds_total
 *   balance_due = max(0, charges_total − amount_paid)
 * Authorisations (approved, not captured) are listed but count for nothing until captured.
 */
export type FolioCharge = {
  type: 'room_night' | 'room' | 'adjustment' | 'cancellation_fee';
  date: string | null;
  room_type_id: string | null;
  rate_plan_id: string | null;
  amount: number;
};

export type FolioPayment = {
  id: string;
  type: 'payment' | 'authorisation';
  status: PaymentRow['status'];
  /** false for an authorisation: not paid until it is captured. */
  counts: boolean;
  amount: number;
  refunded_amount: number;
  source_type: PaymentRow['sourceKind'];
  card: { brand: string | null; last4: string | null } | null;
  created_at: string;
};

export type FolioRefund = {
  id: string;
  payment_id: string;
  status: PaymentRefundRow['status'];
  amount: number;
  origin: PaymentRefundRow['origin'];
  reason: string | null;
  created_at: string;
};

export type FolioHold = {
  payment_id: string;
  amount: number;
  disputes: { id: string; state: string; reason: string | null; evidence_due_at: string | null }[];
};

export type Folio = {
  reservation_id: string;
  status: string;
  currency: string;
  charges: FolioCharge[];
  payments: FolioPayment[];
  refunds: FolioRefund[];
  holds: FolioHold[];
  charges_total: number;
  payments_total: number;
  refunds_total: number;
  holds_total: number;
  amount_paid: number;
  balance_due: number;
};

export type LedgerRows = { payments: PaymentRow[]; refunds: PaymentRefundRow[]; disputes: PaymentDisputeRow[] };

const sum = (xs: readonly { amount: number }[]) => xs.reduce((n, x) => n + x.amount, 0);

/** What the stay charges: its nights; after a cancellation or no-show the fee instead; nothing if it expired. */
export function chargesOf({ row, rooms }: LoadedReservation): FolioCharge[] {
  const line = (type: FolioCharge['type'], amount: number, more: Partial<FolioCharge> = {}): FolioCharge => ({
    type,
    date: null,
    room_type_id: null,
    rate_plan_id: null,
    amount,
    ...more,
  });
  if (row.status === 'expired') return [];
  if (row.status === 'cancelled' || row.status === 'no_show') {
    return row.cancellationFee ? [line('cancellation_fee', row.cancellationFee)] : [];
  }
  const lines: FolioCharge[] = [];
  for (const room of rooms) {
    const ids = { room_type_id: room.roomTypeId, rate_plan_id: room.ratePlanId };
    if (room.nightly.length === 0) {
      lines.push(line('room', room.totalAmount, ids));
      continue;
    }
    for (const night of room.nightly) lines.push(line('room_night', night.amount, { ...ids, date: night.date }));
    const rest = room.totalAmount - sum(room.nightly);
    if (rest !== 0) lines.push(line('adjustment', rest, ids));
  }
  // The reservation's total is what is owed; lines that do not add up to it are made to, visibly.
  const rest = row.totalAmount - sum(lines);
  if (rest !== 0) lines.push(line('adjustment', rest));
  return lines;
}

export function buildFolio(loaded: LoadedReservation, ledger: LedgerRows): Folio {
  const { row } = loaded;
  const charges = chargesOf(loaded);
  const shown = ledger.payments.filter((p) => p.status === 'completed' || p.status === 'approved');
  const captured = shown.filter((p) => p.status === 'completed');
  const refunds = ledger.refunds.filter((r) => r.status === 'pending' || r.status === 'completed');
  const holds: FolioHold[] = captured
    .filter((p) => p.disputedAmount > 0)
    .map((p) => ({
      payment_id: p.id,
      amount: p.disputedAmount,
      disputes: ledger.disputes
        .filter((d) => d.paymentId === p.id)
        .map((d) => ({
          id: d.id,
          state: d.state,
          reason: d.reason,
          evidence_due_at: d.evidenceDueAt?.toISOString() ?? null,
        })),
    }));
  const paymentsTotal = sum(captured);
  const refundsTotal = sum(refunds);
  const holdsTotal = sum(holds);
  const amountPaid = paymentsTotal - refundsTotal - holdsTotal;
  return {
    reservation_id: row.id,
    status: row.status,
    currency: row.currency,
    charges,
    payments: shown.map((p) => ({
      id: p.id,
      type: p.status === 'completed' ? 'payment' : 'authorisation',
      status: p.status,
      counts: p.status === 'completed',
      amount: p.amount,
      refunded_amount: p.refundedAmount,
      source_type: p.sourceKind,
      card: p.cardBrand || p.cardLast4 ? { brand: p.cardBrand, last4: p.cardLast4 } : null,
      created_at: p.createdAt.toISOString(),
    })),
    refunds: refunds.map((r) => ({
      id: r.id,
      payment_id: r.paymentId,
      status: r.status,
      amount: r.amount,
      origin: r.origin,
      reason: r.reason,
      created_at: r.createdAt.toISOString(),
    })),
    holds,
    charges_total: sum(charges),
    payments_total: paymentsTotal,
    refunds_total: refundsTotal,
    holds_total: holdsTotal,
    amount_paid: amountPaid,
    balance_due: balanceDue({ ...row, amountPaid }),
  };
}

/** The reservation and its ledger rows in one batch (one transaction): totals from one moment. */
export async function loadFolio(d1: D1Database | D1DatabaseSession, reservationId: string): Promise<Folio | null> {
  const db = createDb(d1);
  const [rows, rooms, pays, refunds, disputes] = await db.batch([
    db.select().from(reservations).where(eq(reservations.id, reservationId)),
    db
      .select()
      .from(reservationRooms)
      .where(eq(reservationRooms.reservationId, reservationId))
      .orderBy(asc(reservationRooms.position)),
    db.select().from(payments).where(eq(payments.reservationId, reservationId)).orderBy(asc(payments.createdAt)),
    db
      .select()
      .from(paymentRefunds)
      .where(eq(paymentRefunds.reservationId, reservationId))
      .orderBy(asc(paymentRefunds.createdAt)),
    db.select().from(paymentDisputes).where(eq(paymentDisputes.reservationId, reservationId)),
  ]);
  const row = rows[0];
  if (!row) return null;
  return buildFolio({ row, rooms }, { payments: pays, refunds, disputes });
}
