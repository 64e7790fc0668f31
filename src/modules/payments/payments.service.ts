import { eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import type { Principal } from '../../env';
import { AppError } from '../../errors';
import { sha256Hex } from '../../lib/crypto';
import { newId } from '../../lib/ids';
import { canAccessHotel } from '../auth/access';
import { hasScope } from '../auth/scopes';
import { constraintKind } from '../events/commit';
import { canonicalBody } from '../idempotency/idempotency.rules';
import { creatorOf, type GuestProof, isHotelSide, provesGuest } from '../reservations/access';
import { balanceDue } from '../reservations/reservations.repo';
import { type ReservationRow, reservations } from '../reservations/reservations.table';
import { squareAccountFor } from './accounts';
import { enforceVelocity, knownFingerprint } from './fraud';
import { OPEN_COMMITMENTS_SQL } from './ledger';
import { claimPayment, lockMs, releasePayment, sendPending } from './payment-resolve';
import { sourceKindOf } from './payment-state';
import { paymentView } from './payments.repo';
import { type PaymentRow, payments } from './payments.table';
import { paymentSettingsFor } from './settings.service';
import { type CreatePaymentWire, declineDetail, isDeclineCode, squareKeyFor } from './square-payments';

export type PaymentBody = {
  amount: number;
  currency: string;
  source_id: string;
  reservation_id: string;
  idempotency_key?: string | undefined;
  verification_token?: string | undefined;
  customer_id?: string | undefined;
  autocomplete: boolean;
  allow_overpayment: boolean;
  source_type?: 'card' | 'wallet' | 'bank_account' | undefined;
  note?: string | undefined;
};

export type CreatePayment = {
  principal: Principal;
  body: PaymentBody;
  key: string;
  clientIp: string | null;
  /** X-Confirmation-Number + X-Guest-Email: a booker paying for a reservation it did not make. */
  proof?: GuestProof | undefined;
};

type ServiceDeps = Deps;

/**
 * Takes a payment for a reservation. The payments row *is* the idempotency record: its Square key is
 * derived from (hotel, caller's key), so a retry finds it — and if the first try lost Square's answer,
 * the retry sends the identical request under the same Square key and answers with the outcome.
 * Returns the row (the route answers 201 with it) or throws the problem for a failed or unknown outcome.
 */
export async function createPayment(
  deps: ServiceDeps,
  input: CreatePayment,
): Promise<PaymentRow & { replayed: boolean }> {
  const { body, principal } = input;
  const reservation = await reservationFor(deps, principal, body, input.proof);
  const squareKey = await squareKeyFor(reservation.hotelId, input.key);
  const { idempotency_key: _key, ...request } = body;
  const requestHash = await sha256Hex(canonicalBody(JSON.stringify(request)));

  // Two rounds: an insert that loses the race for the key becomes a replay of the winner.
  for (let round = 0; round < 2; round++) {
    const [existing] = await deps.db.select().from(payments).where(eq(payments.squareIdempotencyKey, squareKey));
    if (existing) return { ...(await replay(deps, existing, requestHash)), replayed: true };

    checkPayable(reservation, body, await openCommitments(deps.d1, reservation.id), deps.now());
    const fingerprint = await knownFingerprint(deps.d1, reservation.hotelId, body.source_id);
    await enforceVelocity(deps, {
      reservationId: reservation.id,
      email: reservation.guestEmail || null,
      fingerprint,
      clientIp: input.clientIp,
    });
    const account = await squareAccountFor(deps, reservation.hotelId);
    const hold = body.autocomplete && (await paymentSettingsFor(deps.d1, reservation.hotelId)).hold_high_risk;
    const wire: CreatePaymentWire = {
      idempotency_key: squareKey,
      source_id: body.source_id,
      amount: body.amount,
      currency: body.currency,
      location_id: account.locationId,
      reference_id: reservation.id,
      autocomplete: body.autocomplete && !hold,
      ...(body.verification_token ? { verification_token: body.verification_token } : {}),
      ...(body.customer_id ? { customer_id: body.customer_id } : {}),
      ...(body.note ? { note: body.note } : {}),
    };
    const now = deps.now();
    const row: PaymentRow = {
      id: newId('payment'),
      hotelId: reservation.hotelId,
      reservationId: reservation.id,
      status: 'pending',
      amount: body.amount,
      currency: body.currency,
      refundedAmount: 0,
      sourceKind: body.source_type === 'wallet' ? 'wallet' : sourceKindOf(body.source_id),
      account: account.kind,
      squareIdempotencyKey: squareKey,
      pendingRequest: wire,
      providerPaymentId: null,
      autocomplete: body.autocomplete,
      heldForReview: false,
      riskLevel: null,
      cardBrand: null,
      cardLast4: null,
      cardExpMonth: null,
      cardExpYear: null,
      cardFingerprint: fingerprint,
      receiptUrl: null,
      errorCode: null,
      errorDetail: null,
      disputedAmount: 0,
      guestEmail: reservation.guestEmail || null,
      clientIp: input.clientIp,
      createdBy: creatorOf(principal),
      requestHash,
      lockedUntil: new Date(now.getTime() + lockMs(deps.config)),
      reconciledAt: null,
      createdAt: now,
      updatedAt: now,
    };
    const inserted = await insertPending(deps.d1, row, body.allow_overpayment);
    if (inserted === 'duplicate') continue;
    if (inserted === 'refused') {
      // The balance moved between the check and the insert (a concurrent payment took it). The open
      // commitments are read before the reservation: a payment that completes between the two reads is
      // then counted twice (still a refusal), never missed (amount_paid read before it completed, its
      // row read after it left `pending`), which would answer "try again" to an amount that cannot fit.
      const open = await openCommitments(deps.d1, reservation.id);
      const fresh = await reservationFor(deps, principal, body, input.proof);
      checkPayable(fresh, body, open, deps.now());
      throw new AppError('conflict', 'The reservation changed while the payment was being recorded; try again.');
    }
    try {
      const settled = await sendPending(deps, row, { source: 'answer', firstSend: true, attempts: 2 });
      return { ...answerFor(settled, false), replayed: false };
    } finally {
      await releasePayment(deps, row.id);
    }
  }
  throw inFlight();
}

/**
 * Who may pay for a reservation: hotel-side credentials (`reservations:read` or `payments:read` on its
 * hotel) any of the hotel's; a booker (a widget: `payments:write` alone) only one it booked, or whose
 * guest it proves — its key is public, and the answer (balance due, currency, state) must not tell it
 * about other guests' stays.
 */
async function mayPay(p: Principal, row: ReservationRow, proof: GuestProof | undefined): Promise<boolean> {
  if (!canAccessHotel(p, row.hotelId)) return false;
  if (hasScope(p.scopes, 'reservations:read') || hasScope(p.scopes, 'payments:read')) return true;
  if (row.createdBy !== null && row.createdBy === creatorOf(p)) return true;
  return proof !== undefined && (await provesGuest(row, proof));
}

async function reservationFor(
  deps: ServiceDeps,
  principal: Principal,
  body: PaymentBody,
  proof: GuestProof | undefined,
): Promise<ReservationRow> {
  const [reservation] = await deps.db.select().from(reservations).where(eq(reservations.id, body.reservation_id));
  // Another hotel's reservation, or another guest's for a booker, does not exist for this credential.
  if (!reservation || !(await mayPay(principal, reservation, proof))) {
    throw new AppError('not_found', `Reservation ${body.reservation_id} does not exist.`);
  }
  if (body.allow_overpayment && !isHotelSide(principal, reservation.hotelId)) {
    throw new AppError('forbidden', 'allow_overpayment needs a hotel-side credential (reservations:read).');
  }
  // A stored card is charged by the hotel (a no-show fee, the balance at check-out), never by a browser key.
  const cardOnFile = body.customer_id !== undefined || body.source_id.startsWith('ccof:');
  if (cardOnFile && !hasScope(principal.scopes, 'payments:read') && !hasScope(principal.scopes, 'reservations:read')) {
    throw new AppError('forbidden', 'Charging a card on file needs a hotel-side credential (payments:read).');
  }
  return reservation;
}

async function openCommitments(d1: D1Database, reservationId: string): Promise<number> {
  const row = await d1.prepare(`SELECT ${OPEN_COMMITMENTS_SQL} AS open`).bind(reservationId).first<{ open: number }>();
  return row?.open ?? 0;
}

/**
 * Whether a new payment may be taken: not for an expired hold (nor one whose time is up that the sweeper
 * has not released yet: it would release the rooms and keep the money), in the stay's currency, within
 * what is due.
 */
function checkPayable(reservation: ReservationRow, body: PaymentBody, open: number, now: Date) {
  if (reservation.status === 'expired' || holdIsOver(reservation, now)) {
    throw new AppError('invalid_state', `Reservation ${reservation.id} expired; it cannot be paid.`);
  }
  if (body.currency !== reservation.currency) {
    throw new AppError('validation_failed', `The reservation is priced in ${reservation.currency}.`, {
      errors: [{ path: 'currency', message: `must be the reservation's currency ${reservation.currency}` }],
    });
  }
  if (body.allow_overpayment) return;
  const payable = balanceDue(reservation) - open;
  if (body.amount > payable) {
    throw new AppError(
      'validation_failed',
      `The amount exceeds what is left to pay: balance due ${balanceDue(reservation)}, in progress ${open}.`,
      { errors: [{ path: 'amount', message: `must be at most ${Math.max(0, payable)}` }] },
    );
  }
}

function holdIsOver(r: Pick<ReservationRow, 'status' | 'holdExpiresAt'>, now: Date): boolean {
  return r.status === 'pending' && r.holdExpiresAt !== null && r.holdExpiresAt.getTime() <= now.getTime();
}

/**
 * The pending row, written only while the amount still fits the balance due less the payments in
 * progress — one statement, so of two concurrent payments that each fit but together overpay, the
 * second one writes nothing. What is due follows balanceDue (reservations.repo.ts): the stay, or after a
 * cancellation or no-show only the fee.
 */
async function insertPending(d1: D1Database, row: PaymentRow, allowOverpayment: boolean) {
  const statement = d1
    .prepare(
      `INSERT INTO payments (id, hotel_id, reservation_id, status, amount, currency, refunded_amount, source_kind,
         account, square_idempotency_key, pending_request, autocomplete, held_for_review, card_fingerprint,
         disputed_amount, guest_email, client_ip, created_by, request_hash, locked_until, created_at, updated_at)
       SELECT ?2, ?3, ?1, 'pending', ?4, ?5, 0, ?6, ?7, ?8, ?9, ?10, 0, ?11, 0, ?12, ?13, ?14, ?15, ?16, ?17, ?17
       FROM reservations r
       WHERE r.id = ?1 AND r.status <> 'expired' AND r.currency = ?5
         AND NOT (r.status = 'pending' AND r.hold_expires_at IS NOT NULL AND r.hold_expires_at <= ?17)
         AND (?18 = 1 OR ?4 <= (CASE WHEN r.status IN ('cancelled', 'no_show') THEN COALESCE(r.cancellation_fee, 0)
                                     ELSE r.total_amount END) - r.amount_paid - ${OPEN_COMMITMENTS_SQL})`,
    )
    .bind(
      row.reservationId,
      row.id,
      row.hotelId,
      row.amount,
      row.currency,
      row.sourceKind,
      row.account,
      row.squareIdempotencyKey,
      JSON.stringify(row.pendingRequest),
      row.autocomplete ? 1 : 0,
      row.cardFingerprint,
      row.guestEmail,
      row.clientIp,
      row.createdBy,
      row.requestHash,
      row.lockedUntil?.getTime() ?? null,
      row.createdAt.getTime(),
      allowOverpayment ? 1 : 0,
    );
  try {
    const res = await statement.run();
    return res.meta.changes === 1 ? 'inserted' : 'refused';
  } catch (err) {
    if (constraintKind(err) === 'unique') return 'duplicate';
    throw err;
  }
}

/** The same key again: the same request gets its payment's outcome, resolving it first if unknown. */
async function replay(deps: ServiceDeps, row: PaymentRow, requestHash: string): Promise<PaymentRow> {
  if (row.requestHash !== requestHash) {
    throw new AppError(
      'idempotency_key_reused',
      'This idempotency key was already used for a different payment; use a new key for a new payment.',
    );
  }
  if (!(await claimPayment(deps, row.id))) throw inFlight();
  try {
    const [fresh = row] = await deps.db.select().from(payments).where(eq(payments.id, row.id));
    const settled =
      fresh.status === 'pending' && fresh.providerPaymentId === null
        ? await sendPending(deps, fresh, { source: 'answer', firstSend: false, attempts: 2 })
        : fresh;
    return answerFor(settled, true);
  } finally {
    await releasePayment(deps, row.id);
  }
}

function inFlight() {
  return new AppError('idempotency_in_flight', 'A payment with this idempotency key is still being processed.', {
    headers: { 'Retry-After': '1' },
  });
}

/**
 * What a caller is told about a payment: the row (201) unless it failed (402 with Square's decline
 * code, or 502 for any other refusal) or Square's answer is still unknown (504, the payment id in the
 * body: a retry with the same key resolves it, and so does the reconciliation job).
 */
export function answerFor(row: PaymentRow, replayed: boolean): PaymentRow {
  const headers: Record<string, string> = replayed ? { 'Idempotent-Replayed': 'true' } : {};
  const payment = paymentView(row);
  if (row.status === 'failed') {
    const code = row.errorCode ?? 'UNKNOWN';
    if (isDeclineCode(code)) {
      throw new AppError('payment_declined', declineDetail(code, row.errorDetail), {
        code,
        payment_id: row.id,
        payment,
        headers,
      });
    }
    throw new AppError('gateway_error', `Square refused the payment (${code}); nothing was charged.`, {
      gateway_code: code,
      payment_id: row.id,
      payment,
      headers,
    });
  }
  if (row.status === 'pending' && row.providerPaymentId === null) {
    throw new AppError(
      'gateway_timeout',
      'Square did not answer in time; the payment is pending. Send the same request with the same idempotency key ' +
        '(or GET the payment) to learn the outcome: it is never charged twice.',
      { payment_id: row.id, payment, headers: { ...headers, 'Retry-After': '5' } },
    );
  }
  return row;
}
