import type { Config } from './config';
import type { Db } from './db';
import type { Logger } from './lib/log';
import type { AuditActor, AuditMark } from './modules/audit/audit';
import type { ErrorRenderer } from './modules/auth/partner-route';
import type { Scope } from './modules/auth/scopes';
import type { IdempotencyClaim, PendingClaim } from './modules/idempotency/idempotency.service';
import type { RateLimitTier, RequestClass } from './modules/platform/rate-limit.rules';

/**
 * Who is calling: the platform admin, an API key, a Bearer token (ours or an external IdP's), or an
 * OAuth access token of a third-party app (`oauth`, src/modules/oauth).
 */
export type Principal = {
  kind: 'admin' | 'api_key' | 'token' | 'oauth';
  /** Stable id used for idempotency and rate limiting: 'admin', the key id, `token:<sub>` or `oauth:<grant id>`. */
  id: string;
  /** The API key behind the credential (for tokens we issued), null for the admin and external tokens. */
  keyId: string | null;
  /**
   * Who acts, when that is narrower than `id`: each token we issue (its `jti`), so two visitors of one
   * widget key are two bookers. Absent: `id`. Read it through creatorOf().
   */
  actor?: string;
  scopes: readonly Scope[];
  /** null = every hotel. */
  hotelIds: readonly string[] | null;
  allowedOrigins: readonly string[];
  /** The key's own limits per request class (`rate_limits` on the key); absent or unset: the defaults. */
  rateLimits?: Partial<Record<RequestClass, RateLimitTier>>;
};

export type AppEnv = {
  Bindings: Env;
  Variables: {
    requestId: string;
    config: Config;
    log: Logger;
    db: Db;
    principal: Principal;
    /** Set by idempotent() when this request claimed an Idempotency-Key. */
    idempotency?: IdempotencyClaim;
    /** Set by idempotent({ deferClaim: true }): the claim the handler makes in its first round trip. */
    idempotencyDeferred?: PendingClaim;
    /** Set by a handler whose write batch completed that claim with its answer (completeInBatch). */
    idempotencyRecorded?: true;
    /** Set by a partner route once its partner is verified: who the audit trail records (src/modules/audit). */
    actor?: AuditActor;
    /** Set by the audit middleware: whether the request's change wrote its audit row in its own batch. */
    auditMark?: AuditMark;
    /**
     * Set by a partner route once it knows which hotel a request is for (a verified channel's): the hotel
     * of its integration metrics and of its audit rows.
     */
    partnerHotel?: string;
    /** Set by a partner route whose partner expects errors in its own format (e.g. OTA XML). */
    renderError?: ErrorRenderer;
  };
};
