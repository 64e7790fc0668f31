import type { Square } from 'square';
import type { Deps } from '../../deps';
import { squareAccountFor } from './accounts';
import { applyTransition, fieldsFromSquare } from './payment-state';
import type { PaymentRow } from './payments.table';
import { loadSquare, refusalSpeaksForKey, type SquareAccount, type SquareCall } from './square.client';
import { type CreatePaymentWire, completeOnSquare, createOnSquare, failedPaymentOf } from './square-payments';

/**
 * Getting Square's word on a payment we sent: the request that made it, a client's retry with the same
 * key, and the reconciliation job all come through here, each holding the row's lock
 * (`payments.locked_until`) so only one of them talks to Square about it at a time.
 */
export type ResolveDeps = Pick<
  Deps,
  'd1' | 'cache' | 'log' | 'now' | 'sleep' | 'defer' | 'jobs' | 'subscribers' | 'config' | 'actor'
> &
  Pick<Deps, 'outbound' | 'db'>;

/** A request gives Square at most this long (two tries of the gateway timeout) before answering 504. */
export const IN_REQUEST_BUDGET_MS = 30_000;

/** Long enough for a create, its one retry and the capture of a held authorisation. */
export function lockMs(config: Deps['config']): number {
  return config.PAYMENT_GATEWAY_TIMEOUT_MS * 3 + 5_000;
}

/** Takes the row's lock unless someone holds it; false means another request or the job is on it. */
export async function claimPayment(deps: Pick<Deps, 'd1' | 'now' | 'config'>, id: string): Promise<boolean> {
  const now = deps.now().getTime();
  const res = await deps.d1
    .prepare('UPDATE payments SET locked_until = ? WHERE id = ? AND (locked_until IS NULL OR locked_until <= ?)')
    .bind(now + lockMs(deps.config), id, now)
    .run();
  return res.meta.changes === 1;
}

export async function releasePayment(deps: Pick<Deps, 'd1'>, id: string): Promise<void> {
  await deps.d1.prepare('UPDATE payments SET locked_until = NULL WHERE id = ?').bind(id).run();
}

type Source = 'answer' | 'reconcile';

/**
 * Sends the row's stored CreatePayment under its Square key (again, if an earlier try lost its answer:
 * Square then answers with the original outcome and charges nothing twice) and applies the answer.
 * `firstSend`: no earlier try can have reached Square, so a refusal of any kind means nothing happened.
 * Returns the row as it stands; still `pending` without a Square id when no answer came.
 */
export async function sendPending(
  deps: ResolveDeps,
  row: PaymentRow,
  opts: { source: Source; firstSend: boolean; attempts: number },
): Promise<PaymentRow> {
  const wire = row.pendingRequest as CreatePaymentWire | null;
  if (!wire) return row;
  const account = await squareAccountFor(deps, row.hotelId, row.account);
  // The SDK's first load can take seconds on a cold isolate: it must not eat the retry's time.
  await loadSquare();
  const started = deps.now().getTime();
  let firstSend = opts.firstSend;
  for (let attempt = 1; ; attempt++) {
    const call = await createOnSquare(deps, account, wire);
    if (call.ok && call.value) return applySquarePayment(deps, row, call.value, opts.source, account);
    if (!call.ok && call.kind === 'refused') return applyRefusal(deps, row, call, opts.source, firstSend);
    deps.log.warn('square payment outcome unknown', {
      payment_id: row.id,
      reason: call.ok ? 'no_payment' : call.reason,
      attempt,
    });
    firstSend = false;
    const elapsed = deps.now().getTime() - started;
    if (attempt >= opts.attempts || elapsed + deps.config.PAYMENT_GATEWAY_TIMEOUT_MS > IN_REQUEST_BUDGET_MS) {
      return row;
    }
  }
}

/**
 * Square's payment applied to our row. When we only authorised because the hotel holds high-risk
 * payments (the caller wanted a capture), a HIGH rating stays `approved` and held for a review;
 * anything else is captured right away.
 */
export async function applySquarePayment(
  deps: ResolveDeps,
  row: PaymentRow,
  payment: Square.Payment,
  source: Source | 'webhook',
  account: SquareAccount,
): Promise<PaymentRow> {
  const fields = fieldsFromSquare(payment);
  const wire = row.pendingRequest as CreatePaymentWire | null;
  const authorisedForReview = row.autocomplete && wire?.autocomplete === false;
  if (fields.status !== 'approved' || !authorisedForReview) {
    return applyTransition(deps, row, { to: fields.status, fields, source });
  }
  const held = fields.riskLevel === 'HIGH';
  const approved = await applyTransition(deps, row, {
    to: 'approved',
    fields: { ...fields, heldForReview: held },
    source,
  });
  return held ? approved : captureApproved(deps, approved, account, source);
}

/**
 * Captures an authorisation the caller meant to capture. Not captured now (no answer, a refusal): it
 * stays `approved` and the reconciliation job tries again.
 */
export async function captureApproved(
  deps: ResolveDeps,
  row: PaymentRow,
  account: SquareAccount,
  source: Source | 'webhook',
): Promise<PaymentRow> {
  if (row.status !== 'approved' || !row.providerPaymentId) return row;
  const call = await completeOnSquare(deps, account, row.providerPaymentId);
  if (!call.ok || !call.value) {
    deps.log.warn('capture of an authorised payment not confirmed', {
      payment_id: row.id,
      outcome: call.ok ? 'no_payment' : call.kind,
    });
    return row;
  }
  const fields = fieldsFromSquare(call.value);
  return applyTransition(deps, row, { to: fields.status, fields, source });
}

async function applyRefusal(
  deps: ResolveDeps,
  row: PaymentRow,
  call: Extract<SquareCall<unknown>, { kind: 'refused' }>,
  source: Source,
  firstSend: boolean,
): Promise<PaymentRow> {
  const first = call.errors[0];
  // Square checks credentials and its rate limit before it looks up the key: a 401 or 429 on a retry
  // says nothing about the first try, which may have charged. The row stays pending until Square can be asked.
  if (!firstSend && !refusalSpeaksForKey(call)) {
    deps.log.error('square refused a retry before looking at its key; the payment stays pending', {
      payment_id: row.id,
      status: call.status,
      code: first?.code ?? null,
    });
    return row;
  }
  const failed = await failedPaymentOf(call.body);
  return applyTransition(deps, row, {
    to: 'failed',
    fields: {
      ...(failed ? fieldsFromSquare(failed) : {}),
      errorCode: first?.code ?? 'UNKNOWN',
      errorDetail: first?.detail ?? null,
    },
    source,
  });
}
