import { AppError } from '../../errors';
import { sha256Hex } from '../../lib/crypto';
import type { GuestRow } from '../reservations/reservations.table';
import { callSquare, type SquareAccount, type SquareCall, type SquareDeps } from './square.client';
import type { SquareApi } from './square-sdk';

/**
 * The Customers and Cards API calls behind cards on file, and what their refusals mean to our caller.
 * Every mutating call carries an idempotency key that a retry reproduces, so a call whose answer was lost
 * is simply made again: Square answers the second time with what it did the first.
 */

/** Square's idempotency keys are at most 45 characters: a prefix and 128 bits of a digest. */
export async function squareKey(prefix: string, ...parts: string[]): Promise<string> {
  return `${prefix}-${(await sha256Hex(parts.join('\u0000'))).slice(0, 32)}`;
}

/**
 * One call, made again once with the same idempotency key when its outcome is unknown (timeout, lost
 * connection, 5xx): Square answers the repeat with what it did the first time.
 */
async function callResolved<T>(
  deps: SquareDeps,
  account: SquareAccount,
  what: string,
  fn: (client: SquareApi) => Promise<T>,
): Promise<SquareCall<T>> {
  const call = await callSquare(deps, account, fn);
  if (call.ok || call.kind !== 'unknown') return call;
  deps.log.warn('square outcome unknown, asking again with the same idempotency key', { call: what });
  return callSquare(deps, account, fn);
}

/**
 * The value, or the error for the caller. Two unknowns in a row → 504: a retry with the caller's
 * Idempotency-Key reproduces our idempotency keys, so it cannot store anything twice.
 */
function answerOf<T>(what: string, call: SquareCall<T>): T {
  if (call.ok) return call.value;
  if (call.kind === 'unknown') {
    throw new AppError(
      'gateway_timeout',
      `Square did not answer (${what}); nothing changed here. Retrying (with the same Idempotency-Key) is safe.`,
    );
  }
  throw refusalError(what, call.status, call.errors);
}

/**
 * A declined card is the guest's to fix (402 with Square's code as the problem's `code`, like a payment
 * decline); a bad or spent token is the caller's (400); the same Idempotency-Key sent again with other
 * details is 422; anything else Square refuses is ours or the account's (502).
 */
function refusalError(
  what: string,
  status: number,
  errors: readonly { category: string; code: string; detail?: string; field?: string }[],
): AppError {
  const first = errors[0] ?? { category: 'API_ERROR', code: 'UNKNOWN' };
  const declined = errors.find((e) => e.category === 'PAYMENT_METHOD_ERROR');
  if (declined) {
    return new AppError('payment_declined', `The card was declined (${declined.code}); nothing was stored.`, {
      code: declined.code,
    });
  }
  if (first.code === 'IDEMPOTENCY_KEY_REUSED') {
    return new AppError(
      'idempotency_key_reused',
      'This Idempotency-Key was already used to store another card; use a new key for a new card.',
    );
  }
  if (first.field === 'source_id' || first.field === 'verification_token') {
    const message = `Square refused it: ${first.code}`;
    return new AppError('validation_failed', `The ${first.field} cannot be stored as a card (${first.code}).`, {
      errors: [{ path: first.field, message }],
    });
  }
  return new AppError('gateway_error', `Square refused to ${what} (HTTP ${status}, ${first.code}).`);
}

/**
 * The Square customer for a guest. Its idempotency key is derived from the guest and what is sent, so
 * concurrent first cards of one guest ask Square for the same customer and get the same one back.
 */
export async function createSquareCustomer(deps: SquareDeps, account: SquareAccount, guest: GuestRow): Promise<string> {
  const body = {
    givenName: guest.firstName,
    familyName: guest.lastName,
    emailAddress: guest.email,
    referenceId: guest.id,
  };
  const idempotencyKey = await squareKey(
    'cust',
    account.kind,
    guest.id,
    body.givenName,
    body.familyName,
    body.emailAddress,
  );
  const what = 'create a customer';
  const id = answerOf(
    what,
    await callResolved(deps, account, what, async (client) => {
      const res = await client.customers.create({ idempotencyKey, ...body });
      return res.customer?.id;
    }),
  );
  if (!id) throw new AppError('gateway_error', 'Square created a customer but did not say which.');
  return id;
}

export type StoredCard = {
  squareCardId: string;
  brand: string | null;
  last4: string | null;
  expMonth: number | null;
  expYear: number | null;
  fingerprint: string | null;
};

export type CardRequest = {
  idempotencyKey: string;
  customerId: string;
  guestId: string;
  sourceId: string;
  verificationToken?: string;
  cardholderName?: string;
  billingPostalCode?: string;
};

/** CreateCard: the token (and 3-D Secure verification token) becomes a card on file of the customer. */
export async function createSquareCard(deps: SquareDeps, account: SquareAccount, r: CardRequest): Promise<StoredCard> {
  const what = 'store the card';
  const call = await callResolved(deps, account, what, async (client) => {
    const res = await client.cards.create({
      idempotencyKey: r.idempotencyKey,
      sourceId: r.sourceId,
      ...(r.verificationToken ? { verificationToken: r.verificationToken } : {}),
      card: {
        customerId: r.customerId,
        referenceId: r.guestId,
        ...(r.cardholderName ? { cardholderName: r.cardholderName } : {}),
        ...(r.billingPostalCode ? { billingAddress: { postalCode: r.billingPostalCode } } : {}),
      },
    });
    const c = res.card;
    return c?.id
      ? {
          squareCardId: c.id,
          brand: c.cardBrand ?? null,
          last4: c.last4 ?? null,
          expMonth: c.expMonth === undefined || c.expMonth === null ? null : Number(c.expMonth),
          expYear: c.expYear === undefined || c.expYear === null ? null : Number(c.expYear),
          fingerprint: c.fingerprint ?? null,
        }
      : null;
  });
  const card = answerOf(what, call);
  if (!card) throw new AppError('gateway_error', 'Square stored the card but did not say which.');
  return card;
}

/**
 * DisableCard (disabling a disabled card changes nothing at Square). A card Square no longer knows
 * cannot be charged either: `gone`.
 */
export async function disableSquareCard(
  deps: SquareDeps,
  account: SquareAccount,
  squareCardId: string,
): Promise<'disabled' | 'gone'> {
  const what = 'disable the card';
  const call = await callResolved(deps, account, what, async (client) => {
    await client.cards.disable({ cardId: squareCardId });
  });
  if (!call.ok && call.kind === 'refused' && call.errors.some((e) => e.code === 'NOT_FOUND')) return 'gone';
  answerOf(what, call);
  return 'disabled';
}
