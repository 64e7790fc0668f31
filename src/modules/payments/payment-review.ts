import type { Deps } from '../../deps';
import type { Principal } from '../../env';
import { AppError } from '../../errors';
import { squareAccountFor } from './accounts';
import { claimPayment, releasePayment } from './payment-resolve';
import { applyTransition, fieldsFromSquare } from './payment-state';
import { paymentFor } from './payments.query';
import type { PaymentRow } from './payments.table';
import { cancelOnSquare, completeOnSquare } from './square-payments';

export type ReviewAction = 'complete' | 'cancel';

const TARGET = { complete: 'completed', cancel: 'canceled' } as const;

/**
 * Captures or voids an authorised (`approved`) payment: a deposit taken with `autocomplete: false`, or
 * one held for review because Square rated it high risk. Asking again for what already happened answers
 * the payment as it is (a retry after a lost answer); any other state is 409 invalid_state.
 */
export async function reviewPayment(
  deps: Deps,
  principal: Principal,
  id: string,
  action: ReviewAction,
): Promise<PaymentRow> {
  const row = await paymentFor(deps.db, principal, id);
  if (row.status === TARGET[action]) return row;
  if (row.status !== 'approved' || !row.providerPaymentId) {
    throw new AppError('invalid_state', `Payment ${id} is ${row.status}; only an approved payment can ${action}.`);
  }
  if (!(await claimPayment(deps, row.id))) {
    throw new AppError('idempotency_in_flight', `Payment ${id} is being changed by another request.`, {
      headers: { 'Retry-After': '1' },
    });
  }
  try {
    const account = await squareAccountFor(deps, row.hotelId, row.account);
    const call =
      action === 'complete'
        ? await completeOnSquare(deps, account, row.providerPaymentId)
        : await cancelOnSquare(deps, account, row.providerPaymentId);
    if (call.ok && call.value) {
      const fields = fieldsFromSquare(call.value);
      return await applyTransition(deps, row, { to: fields.status, fields, source: 'api' });
    }
    if (!call.ok && call.kind === 'refused') {
      const code = call.errors[0]?.code ?? 'UNKNOWN';
      throw new AppError('gateway_error', `Square refused to ${action} payment ${id} (${code}).`, {
        gateway_code: code,
      });
    }
    // Completing or cancelling twice is harmless at Square: a retry of this call is safe.
    throw new AppError('gateway_timeout', `Square did not answer; payment ${id} is unchanged. Retry the request.`, {
      payment_id: id,
      headers: { 'Retry-After': '5' },
    });
  } finally {
    await releasePayment(deps, row.id);
  }
}
