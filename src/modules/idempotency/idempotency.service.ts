import { and, eq, isNull } from 'drizzle-orm';
import { type Db, statementOf } from '../../db';
import { decide, LOCK_MS, RECORD_TTL_MS } from './idempotency.rules';
import { idempotencyKeys } from './idempotency.table';

export type KeyScope = { principalId: string; key: string };

export type StoredResponse = { status: number; body: string; headers: Record<string, string> };

/**
 * `lockedUntil` is the claim's fencing token: completing or releasing only touches the row while it
 * still carries that value, so a worker whose lock was taken over cannot overwrite the new owner.
 */
export type ClaimOutcome =
  | { kind: 'claimed'; lockedUntil: Date }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'resume'; resourceId: string }
  | { kind: 'mismatch' }
  | { kind: 'in_flight' };

function byScope(scope: KeyScope) {
  return and(eq(idempotencyKeys.principalId, scope.principalId), eq(idempotencyKeys.key, scope.key));
}

// Each round either claims, answers from the existing row, or clears an expired/vanished row and tries
// again; losing three races in a row means other requests keep winning the key: report it as in flight.
const CLAIM_ROUNDS = 3;

/**
 * The claim's INSERT: the primary key (principal_id, key) makes it atomic, so of two concurrent
 * requests exactly one inserts, and the other sees the conflict and reads the winner's row.
 */
function claimInsert(db: Db, scope: KeyScope, fingerprint: string, now: Date) {
  return db
    .insert(idempotencyKeys)
    .values({
      ...scope,
      requestHash: fingerprint,
      state: 'in_flight',
      lockedUntil: new Date(now.getTime() + LOCK_MS),
      createdAt: now,
      expiresAt: new Date(now.getTime() + RECORD_TTL_MS),
    })
    .onConflictDoNothing();
}

/** Claims the key for this request, or says why it cannot run (replay, mismatch, in flight). */
export async function claimKey(db: Db, scope: KeyScope, fingerprint: string, now: Date): Promise<ClaimOutcome> {
  const lockedUntil = new Date(now.getTime() + LOCK_MS);
  for (let round = 0; round < CLAIM_ROUNDS; round++) {
    const inserted = await claimInsert(db, scope, fingerprint, now).run();
    if (inserted.meta.changes === 1) return { kind: 'claimed', lockedUntil };

    const row = await db.select().from(idempotencyKeys).where(byScope(scope)).get();
    if (!row) continue;
    switch (decide(row, fingerprint, now)) {
      case 'expired':
        await db
          .delete(idempotencyKeys)
          .where(and(byScope(scope), eq(idempotencyKeys.expiresAt, row.expiresAt)))
          .run();
        continue;
      case 'mismatch':
        return { kind: 'mismatch' };
      case 'in_flight':
        return { kind: 'in_flight' };
      case 'replay':
        return { kind: 'replay', response: storedResponse(row) };
      case 'resume':
        return { kind: 'resume', resourceId: row.resourceId as string };
      case 'take_over': {
        const taken = await db
          .update(idempotencyKeys)
          .set({ lockedUntil })
          .where(
            and(
              byScope(scope),
              eq(idempotencyKeys.state, 'in_flight'),
              eq(idempotencyKeys.lockedUntil, row.lockedUntil),
            ),
          )
          .run();
        // Zero rows: another retry took the abandoned claim first (or its owner finished meanwhile).
        return taken.meta.changes === 1 ? { kind: 'claimed', lockedUntil } : { kind: 'in_flight' };
      }
    }
  }
  return { kind: 'in_flight' };
}

function storedResponse(row: typeof idempotencyKeys.$inferSelect): StoredResponse {
  if (row.responseStatus === null || row.responseBody === null) {
    // completeKey writes state, status and body in one UPDATE, so this is a corrupted row.
    throw new Error(`completed idempotency record without a response (principal ${row.principalId})`);
  }
  return { status: row.responseStatus, body: row.responseBody, headers: row.responseHeaders ?? {} };
}

function completed(response: StoredResponse) {
  return {
    state: 'completed' as const,
    responseStatus: response.status,
    responseBody: response.body,
    responseHeaders: response.headers,
  };
}

/** Stores the outcome to replay. False when the claim was lost to a takeover meanwhile. */
export async function completeKey(
  db: Db,
  scope: KeyScope,
  lockedUntil: Date,
  response: StoredResponse,
): Promise<boolean> {
  const result = await db
    .update(idempotencyKeys)
    .set(completed(response))
    .where(and(byScope(scope), eq(idempotencyKeys.state, 'in_flight'), eq(idempotencyKeys.lockedUntil, lockedUntil)))
    .run();
  return result.meta.changes === 1;
}

/**
 * Forgets the claim so that a retry runs the request again (the server failed, nothing to replay) —
 * unless the work already committed and bound its resource: then the claim stays for a retry to resume.
 */
export async function releaseKey(db: Db, scope: KeyScope, lockedUntil: Date): Promise<boolean> {
  const result = await db
    .delete(idempotencyKeys)
    .where(
      and(
        byScope(scope),
        eq(idempotencyKeys.state, 'in_flight'),
        eq(idempotencyKeys.lockedUntil, lockedUntil),
        isNull(idempotencyKeys.resourceId),
      ),
    )
    .run();
  return result.meta.changes === 1;
}

/** Stores the response a resumed request answered with, so later retries replay it directly. */
export async function completeResumed(db: Db, scope: KeyScope, resourceId: string, response: StoredResponse) {
  await db
    .update(idempotencyKeys)
    .set(completed(response))
    .where(and(byScope(scope), eq(idempotencyKeys.state, 'in_flight'), eq(idempotencyKeys.resourceId, resourceId)))
    .run();
}

/** The claim a creating handler binds its resource to (set on the context by `idempotent()`). */
export type IdempotencyClaim = KeyScope & { lockedUntil: Date };

/**
 * Binds what a request created to its idempotency claim; the caller puts this statement in the same
 * D1 batch as the creation, so the key and the resource commit together or not at all.
 */
export function bindResource(d1: D1DatabaseSession, claim: IdempotencyClaim, resourceId: string): D1PreparedStatement {
  return d1
    .prepare('UPDATE idempotency_keys SET resource_id = ? WHERE principal_id = ? AND key = ? AND locked_until = ?')
    .bind(resourceId, claim.principalId, claim.key, claim.lockedUntil.getTime());
}

/**
 * Fails the creating batch unless the claim is still this request's: a request that outlived its lock
 * (LOCK_MS) while a retry took the key over must not create a second resource beside the retry's.
 * The batch fails with the `claim_lost` constraint (commit.ts) and nothing of it is written.
 */
function fenceClaim(d1: D1DatabaseSession, claim: IdempotencyClaim): D1PreparedStatement {
  return d1
    .prepare(
      `INSERT INTO claim_fences (lost) SELECT 1 WHERE NOT EXISTS (
         SELECT 1 FROM idempotency_keys
         WHERE principal_id = ? AND key = ? AND locked_until = ? AND state = 'in_flight')`,
    )
    .bind(claim.principalId, claim.key, claim.lockedUntil.getTime());
}

/**
 * A value of the stored answer that only the creating batch knows (an id SQL picks): its place in the
 * answer's text holds `placeholder`, and SQL puts in the value of `sql` (one parameter, `param`).
 */
export type BatchFill = { placeholder: string; sql: string; param: unknown };

/**
 * Binds what a request created to its claim AND completes it with the answer, in statements of the
 * creating batch: the resource, the record and the answer commit together, and the request needs no
 * round trip of its own to store its outcome (tell the middleware with `idempotencyRecorded`). Fenced
 * (`fenceClaim`): when a retry took the claim over meanwhile, the whole batch fails and creates
 * nothing; when it succeeds, the record was completed.
 */
export function completeInBatch(
  d1: D1DatabaseSession,
  claim: IdempotencyClaim,
  resourceId: string,
  response: StoredResponse,
  fill?: BatchFill,
): D1PreparedStatement[] {
  const body = fill ? `replace(?, ?, ${fill.sql})` : '?';
  const complete = d1
    .prepare(
      `UPDATE idempotency_keys SET resource_id = ?, state = 'completed', response_status = ?,
         response_body = ${body}, response_headers = ?
       WHERE principal_id = ? AND key = ? AND locked_until = ? AND state = 'in_flight'`,
    )
    .bind(
      resourceId,
      response.status,
      response.body,
      ...(fill ? [fill.placeholder, fill.param] : []),
      JSON.stringify(response.headers),
      claim.principalId,
      claim.key,
      claim.lockedUntil.getTime(),
    );
  return [fenceClaim(d1, claim), complete];
}

/**
 * A claim the handler makes in its own first round trip (idempotent({ deferClaim: true })): it runs
 * `statement` in the same D1 batch as its first read and hands `settle` whether the INSERT inserted.
 * Most requests claim right there; a key already in use goes through claimKey, which decides (replay,
 * mismatch, in flight, a take-over). Only what `settle` answered `claimed` may be acted on.
 */
export type DeferredClaim = {
  scope: KeyScope;
  statement: (d1: D1Database | D1DatabaseSession) => D1PreparedStatement;
  settle: (inserted: boolean) => Promise<ClaimOutcome>;
};

/** `onClaimed` hears the lock of a claim that settled as this request's. */
export function deferredClaim(
  db: Db,
  scope: KeyScope,
  fingerprint: string,
  now: Date,
  onClaimed: (lockedUntil: Date) => void,
): DeferredClaim {
  return {
    scope,
    statement: (d1) => statementOf(d1, claimInsert(db, scope, fingerprint, now)),
    settle: async (inserted) => {
      const outcome: ClaimOutcome = inserted
        ? { kind: 'claimed', lockedUntil: new Date(now.getTime() + LOCK_MS) }
        : await claimKey(db, scope, fingerprint, now);
      if (outcome.kind === 'claimed') onClaimed(outcome.lockedUntil);
      return outcome;
    },
  };
}

/** A deferred claim as the request holds it, with what answerUnclaimed needs. */
export type PendingClaim = DeferredClaim & {
  resume: ((c: never, resourceId: string) => Promise<Response>) | undefined;
};

/** Thrown where a deferred claim was not this request's: the route answers `outcome` (idempotent's answerClaim). */
export class ClaimNotTaken extends Error {
  override readonly name = 'ClaimNotTaken';
  constructor(readonly outcome: Exclude<ClaimOutcome, { kind: 'claimed' }>) {
    super(`Idempotency-Key not claimed: ${outcome.kind}`);
  }
}
