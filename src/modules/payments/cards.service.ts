import { and, desc, eq, lt } from 'drizzle-orm';
import { createDb, statementOf } from '../../db';
import type { Deps } from '../../deps';
import { notFound } from '../../errors';
import { newId } from '../../lib/ids';
import { commitChange, unexpectedConstraint } from '../events/commit';
import { bindResource, type IdempotencyClaim } from '../idempotency/idempotency.service';
import { findProfile } from '../reservations/guests.service';
import type { GuestRow } from '../reservations/reservations.table';
import { squareAccountFor } from './accounts';
import type { CreateCardBody } from './cards.schema';
import { createSquareCard, createSquareCustomer, disableSquareCard, squareKey } from './cards.square';
import { type GuestCardRow, guestCards, guestSquareCustomers } from './payments.table';
import type { SquareAccount } from './square.client';

/**
 * Cards on file: a guest's card stored at Square (a customer per guest and account, cards under it). We
 * keep Square's ids and what a guest recognises a card by (brand, last 4, expiry) and its fingerprint;
 * the token and verification token go to Square and nowhere else — not to D1, not to a log line.
 */
type CardDeps = Pick<
  Deps,
  'd1' | 'db' | 'config' | 'log' | 'outbound' | 'now' | 'sleep' | 'cache' | 'defer' | 'jobs' | 'subscribers' | 'actor'
>;
type CreateCard = (typeof CreateCardBody)['_output'];

export function cardView(row: GuestCardRow) {
  return {
    id: row.id,
    guest_id: row.guestId,
    square_customer_id: row.squareCustomerId,
    square_card_id: row.squareCardId,
    brand: row.brand,
    last4: row.last4,
    exp_month: row.expMonth,
    exp_year: row.expYear,
    status: row.status,
    created_at: row.createdAt.toISOString(),
  };
}

/** The guest's Square customer in this account: the one on record, else a new one (recorded once). */
async function customerFor(deps: CardDeps, account: SquareAccount, guest: GuestRow): Promise<string> {
  const key = and(eq(guestSquareCustomers.guestId, guest.id), eq(guestSquareCustomers.account, account.kind));
  const known = await deps.db.select().from(guestSquareCustomers).where(key).get();
  if (known) return known.squareCustomerId;
  const squareCustomerId = await createSquareCustomer(deps, account, guest);
  // A concurrent first card got the same customer from Square (same idempotency key): one row either way.
  await deps.db
    .insert(guestSquareCustomers)
    .values({ guestId: guest.id, account: account.kind, squareCustomerId, createdAt: deps.now() })
    .onConflictDoNothing();
  const recorded = await deps.db.select().from(guestSquareCustomers).where(key).get();
  return recorded?.squareCustomerId ?? squareCustomerId;
}

/**
 * Stores a card for a hotel's guest. With an Idempotency-Key, Square's key for CreateCard is derived
 * from it: a retry (after a 504, or a lost answer) asks Square again under the same key and gets the
 * card Square already made, never a second one.
 */
export async function createGuestCard(
  deps: CardDeps,
  hotelId: string,
  guestId: string,
  body: CreateCard,
  claim: IdempotencyClaim | undefined,
): Promise<GuestCardRow> {
  const guest = await findProfile(deps.db, hotelId, guestId);
  const account = await squareAccountFor(deps, hotelId);
  const customerId = await customerFor(deps, account, guest);
  const card = await createSquareCard(deps, account, {
    idempotencyKey: claim
      ? await squareKey('card', claim.principalId, claim.key, guest.id)
      : `card-${crypto.randomUUID()}`,
    customerId,
    guestId: guest.id,
    sourceId: body.source_id,
    verificationToken: body.verification_token,
    cardholderName: body.cardholder_name,
    billingPostalCode: body.billing_postal_code,
  });

  const session = deps.d1.withSession('first-primary');
  const db = createDb(session);
  const byCard = eq(guestCards.squareCardId, card.squareCardId);
  // The same Square card again (a retry after our answer was lost once the card was stored) keeps its row.
  const earlier = await db.select({ id: guestCards.id }).from(guestCards).where(byCard).get();
  const now = deps.now();
  const row: GuestCardRow = {
    id: earlier?.id ?? newId('guestCard'),
    hotelId,
    guestId: guest.id,
    account: account.kind,
    squareCustomerId: customerId,
    ...card,
    status: 'active',
    createdAt: now,
    updatedAt: now,
  };
  const result = await commitChange(deps, {
    hotelId,
    session,
    statements: [
      ...(earlier ? [] : [statementOf(session, db.insert(guestCards).values(row))]),
      ...(claim ? [bindResource(session, claim, row.id)] : []),
    ],
    events: [],
    affectsAvailability: false,
  });
  if (!result.ok) throw unexpectedConstraint(result.constraint);
  const stored = await db.select().from(guestCards).where(byCard).get();
  if (stored?.hotelId !== hotelId || stored.guestId !== guest.id) {
    throw new Error(`square card ${card.squareCardId} is on file for another guest`);
  }
  deps.log.info('guest card stored', { hotel_id: hotelId, guest_id: guest.id, card_id: stored.id });
  return stored;
}

/** A card of this hotel's guest, or 404 (whoever else's it is). */
export async function getGuestCard(
  deps: Pick<Deps, 'db'>,
  hotelId: string,
  guestId: string,
  cardId: string,
): Promise<GuestCardRow> {
  const row = await deps.db
    .select()
    .from(guestCards)
    .where(and(eq(guestCards.id, cardId), eq(guestCards.hotelId, hotelId), eq(guestCards.guestId, guestId)))
    .get();
  if (!row) throw notFound('Card', cardId);
  return row;
}

/** Newest first; `limit + 1` rows (toPage tells whether there is a next page). */
export async function listGuestCards(
  deps: Pick<Deps, 'db'>,
  hotelId: string,
  guestId: string,
  page: { limit: number; cursor?: string },
): Promise<GuestCardRow[]> {
  await findProfile(deps.db, hotelId, guestId);
  return deps.db
    .select()
    .from(guestCards)
    .where(
      and(
        eq(guestCards.hotelId, hotelId),
        eq(guestCards.guestId, guestId),
        page.cursor ? lt(guestCards.id, page.cursor) : undefined,
      ),
    )
    .orderBy(desc(guestCards.id))
    .limit(page.limit + 1)
    .all();
}

/** Disables the card at Square, then here; a card already disabled is answered as it is. */
export async function disableGuestCard(
  deps: CardDeps,
  hotelId: string,
  guestId: string,
  cardId: string,
): Promise<GuestCardRow> {
  const row = await getGuestCard(deps, hotelId, guestId, cardId);
  if (row.status === 'disabled') return row;
  // The account the card lives in, even if the hotel has since connected (or revoked) its own: a card of
  // a revoked connection is 503, never "gone" while it can still be charged where it lives.
  const account = await squareAccountFor(deps, hotelId, row.account);
  const outcome = await disableSquareCard(deps, account, row.squareCardId);
  const now = deps.now();
  await deps.db.update(guestCards).set({ status: 'disabled', updatedAt: now }).where(eq(guestCards.id, row.id)).run();
  deps.log.info('guest card disabled', { hotel_id: hotelId, card_id: row.id, square: outcome });
  return { ...row, status: 'disabled', updatedAt: now };
}
