import { z } from 'zod';
import type { Deps } from '../../deps';
import { defineJob, retryDelaySeconds } from '../../lib/job';
import { type AuditActor, type AuditEntry, auditStatement } from '../audit/audit';
import { refreshAccessToken } from './square-oauth';
import { decryptToken, encryptToken } from './token-crypto';

/**
 * Keeps hotels' Square access tokens alive. Square's OAuth access tokens live 30 days; the hourly sweep
 * queues a refresh for every connection whose token expires within SQUARE_OAUTH_REFRESH_WITHIN_DAYS (and
 * whose backoff has passed), and purges abandoned authorisations.
 *
 * A refresh first CLAIMS its row (a guarded update that sets a lease): Square's PKCE refresh tokens are
 * single-use, so a second refresher of the same row — a duplicate queue message, an overlapping sweep —
 * finds it claimed and does nothing instead of spending the same refresh token. Square's answer is
 * stored under the same lease. A failure marks the row `refresh_failed` with Square's code (never a
 * token) and sets the next try with exponential backoff; the sweep takes it up again then. The access
 * token keeps paying until it expires (accounts.ts), so a failed refresh is a warning, not an outage.
 */
const LEASE_MS = 2 * 60_000;
const BATCH = 100;
const BACKOFF = { baseSeconds: 300, capSeconds: 12 * 3600, maxAttempts: Number.POSITIVE_INFINITY };

type RefreshDeps = Pick<Deps, 'd1' | 'config' | 'outbound' | 'log' | 'jobs' | 'actor'>;

/** Square's side of an exchange, in the audit trail. */
const SQUARE_ACTOR = (base: AuditActor): AuditActor => ({ ...base, type: 'square', id: 'square' });

/**
 * A refresh is an exchange with Square, recorded against it (outcome and error; never a token) ahead of
 * the connection's update and under that update's guard: a refresh whose lease was lost records nothing.
 */
function refreshAudit(deps: RefreshDeps, hotelId: string, at: number, lease: number, error: string | null) {
  const entry: AuditEntry = {
    hotelId,
    action: error === null ? 'payment_connection.refreshed' : 'payment_connection.refresh_failed',
    entityType: 'payment_connection',
    entityId: hotelId,
    ...(error === null ? {} : { after: { last_error: error } }),
    outcome: error === null ? 'success' : 'failed',
  };
  return auditStatement(deps.d1, SQUARE_ACTOR(deps.actor), entry, new Date(at), {
    sql: "EXISTS (SELECT 1 FROM payment_connections WHERE hotel_id = ? AND refresh_lease_until = ? AND status != 'revoked')",
    params: [hotelId, lease],
  });
}

const DUE = `status IN ('active', 'refresh_failed') AND refresh_token_enc IS NOT NULL
  AND access_token_expires_at <= ?2 AND (next_refresh_at IS NULL OR next_refresh_at <= ?1)
  AND (refresh_lease_until IS NULL OR refresh_lease_until <= ?1)`;

function windowEnd(deps: Pick<Deps, 'config'>, at: number): number {
  return at + deps.config.SQUARE_OAUTH_REFRESH_WITHIN_DAYS * 86_400_000;
}

export const refreshConnectionJob = defineJob({
  type: 'payments.connection.refresh',
  schema: z.object({ hotel_id: z.string().min(1), at: z.number() }),
  retry: { baseSeconds: 30, capSeconds: 600, maxAttempts: 5 },
  handle: async ({ hotel_id: hotelId }, deps) => {
    await refreshConnection(deps, hotelId, Date.now());
  },
});

export const sweepConnectionsJob = defineJob({
  type: 'payments.connection.sweep',
  schema: z.object({ at: z.number() }),
  retry: { baseSeconds: 30, capSeconds: 600, maxAttempts: 3 },
  handle: async ({ at }, deps) => {
    const [, due] = await deps.d1.batch([
      deps.d1.prepare('DELETE FROM payment_oauth_states WHERE expires_at <= ?').bind(at),
      deps.d1
        .prepare(`SELECT hotel_id FROM payment_connections WHERE ${DUE} ORDER BY access_token_expires_at LIMIT ?3`)
        .bind(at, windowEnd(deps, at), BATCH),
    ]);
    const hotels = ((due?.results ?? []) as { hotel_id: string }[]).map((r) => r.hotel_id);
    if (hotels.length > 0) {
      await deps.jobs.sendBatch(hotels.map((id) => refreshConnectionJob.message({ hotel_id: id, at })));
    }
  },
});

type Claimed = {
  merchant_id: string;
  refresh_token_enc: string;
  refresh_failures: number;
  refresh_lease_until: number;
};

export type RefreshOutcome = 'refreshed' | 'not_due' | 'failed';

/** Refreshes one hotel's connection if it is due and nobody else holds it. */
export async function refreshConnection(deps: RefreshDeps, hotelId: string, at: number): Promise<RefreshOutcome> {
  const { SQUARE_APPLICATION_ID: applicationId, PAYMENT_TOKEN_ENCRYPTION_KEY: key } = deps.config;
  if (!applicationId || !key) return 'not_due';
  const lease = at + LEASE_MS;
  const claimed = await deps.d1
    .prepare(
      `UPDATE payment_connections SET refresh_lease_until = ?3 WHERE hotel_id = ?4 AND ${DUE}
       RETURNING merchant_id, refresh_token_enc, refresh_failures, refresh_lease_until`,
    )
    .bind(at, windowEnd(deps, at), lease, hotelId)
    .first<Claimed>();
  if (!claimed) return 'not_due';

  const fail = async (error: string) => {
    const failures = claimed.refresh_failures + 1;
    const next = at + retryDelaySeconds(BACKOFF, failures) * 1000;
    await deps.d1.batch([
      refreshAudit(deps, hotelId, at, lease, error),
      deps.d1
        .prepare(
          `UPDATE payment_connections SET status = 'refresh_failed', last_error = ?1, refresh_failures = ?2,
             next_refresh_at = ?3, refresh_lease_until = NULL, updated_at = ?4
           WHERE hotel_id = ?5 AND refresh_lease_until = ?6 AND status != 'revoked'`,
        )
        .bind(error, failures, next, at, hotelId, lease),
    ]);
    deps.log.warn('square token refresh failed', { hotel_id: hotelId, error, failures });
    return 'failed' as const;
  };

  const refreshToken = await decryptToken(key, hotelId, claimed.refresh_token_enc);
  if (!refreshToken.ok) return fail(`refresh token unreadable (${refreshToken.error})`);
  const answer = await refreshAccessToken(deps, { applicationId }, refreshToken.value);
  if (!answer.ok) {
    return fail(
      answer.kind === 'refused'
        ? `square refused: ${answer.errors[0]?.code ?? `HTTP_${answer.status}`}`
        : `square unreachable: ${answer.reason}`,
    );
  }
  if (!answer.value) return fail('square answered without a token');
  const token = answer.value;
  if (token.merchantId !== claimed.merchant_id) return fail('square answered for another merchant');
  const accessTokenEnc = await encryptToken(key, hotelId, token.accessToken);
  // Code-flow refreshes answer the same refresh token; PKCE ones a new one, which replaces the spent one.
  const refreshTokenEnc = token.refreshToken ? await encryptToken(key, hotelId, token.refreshToken) : null;
  const [, stored] = await deps.d1.batch([
    refreshAudit(deps, hotelId, at, lease, null),
    deps.d1
      .prepare(
        `UPDATE payment_connections SET status = 'active', access_token_enc = ?1,
           refresh_token_enc = COALESCE(?2, refresh_token_enc), access_token_expires_at = ?3, last_refreshed_at = ?4,
           last_error = NULL, refresh_failures = 0, next_refresh_at = NULL, refresh_lease_until = NULL, updated_at = ?4
         WHERE hotel_id = ?5 AND refresh_lease_until = ?6 AND status != 'revoked'`,
      )
      .bind(accessTokenEnc, refreshTokenEnc, token.expiresAt, at, hotelId, lease),
  ]);
  if (!stored?.meta.changes) {
    // Disconnected while Square answered: the new tokens are not kept (the revoke ended them at Square).
    deps.log.warn('square token refresh discarded', { hotel_id: hotelId });
    return 'failed';
  }
  deps.log.info('square token refreshed', { hotel_id: hotelId });
  return 'refreshed';
}
