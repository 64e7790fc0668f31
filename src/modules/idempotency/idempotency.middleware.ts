import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { ContentfulStatusCode, StatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../../env';
import { AppError } from '../../errors';
import { errorFields } from '../../lib/log';
import {
  credentialScope,
  isReplayableOutcome,
  KEY_HEADER,
  REPLAYED_HEADER,
  replayedHeaders,
  requestFingerprint,
  resolveIdempotencyKey,
} from './idempotency.rules';
import {
  type ClaimNotTaken,
  type ClaimOutcome,
  claimKey,
  completeKey,
  completeResumed,
  deferredClaim,
  type KeyScope,
  releaseKey,
  type StoredResponse,
} from './idempotency.service';

/** For a creating route's `request.headers`, so the OpenAPI document shows the header. */
export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7E]+$/)
    .optional()
    .openapi({
      description:
        'Makes the request safe to retry (IETF draft "The Idempotency-Key HTTP Header Field"): 1–255 visible ' +
        'ASCII characters, unique per request, e.g. a UUID. A retry with the same key and body returns the ' +
        'original status and body with `Idempotent-Replayed: true` and does nothing twice; JSON bodies are ' +
        'compared in canonical form (key order and spacing do not matter). The same key with a different ' +
        'body is a 422 (`idempotency_key_reused`); a retry while the first request still runs is a 409 ' +
        '(`idempotency_in_flight`). Keys are scoped to the credential (for a token: its API key, hotels and ' +
        'scopes) and remembered for 24 hours; hotel access is checked before any replay. ' +
        'Server errors (5xx) and rejected input (400) are not remembered, so a retry runs again.',
      example: '5f0c6f0e-8d5b-4a8e-9a57-0c3b8f1d2e4a',
    }),
});

/**
 * The stored answer, through c.body so that what the middleware before set for this request (the
 * RateLimit-* headers) goes out with it: a Response of our own would drop them.
 */
function replay(c: Context<AppEnv>, stored: StoredResponse): Response {
  const headers = { ...stored.headers, [REPLAYED_HEADER]: 'true' };
  // A null-body status (204, 304) cannot be constructed with a body, even an empty one.
  if (stored.body === '') return c.body(null, stored.status as StatusCode, headers);
  return c.body(stored.body, stored.status as ContentfulStatusCode, headers);
}

type Resume = (c: Context<AppEnv>, resourceId: string) => Promise<Response>;

/** What a request whose key is not free answers: the stored response, the resumed one, or a 422/409. */
async function answerClaim(
  c: Context<AppEnv>,
  claim: Exclude<ClaimOutcome, { kind: 'claimed' }>,
  scope: KeyScope,
  resume: Resume | undefined,
): Promise<Response> {
  switch (claim.kind) {
    case 'mismatch':
      throw new AppError(
        'idempotency_key_reused',
        `This ${KEY_HEADER} was already used for a different request; use a new key for a new request.`,
      );
    case 'in_flight':
      throw new AppError('idempotency_in_flight', `A request with this ${KEY_HEADER} is still being processed.`, {
        headers: { 'Retry-After': '1' },
      });
    case 'replay':
      c.get('log').info('idempotent replay', { principal_id: scope.principalId, status: claim.response.status });
      return replay(c, claim.response);
    case 'resume': {
      if (!resume) {
        throw new AppError('idempotency_in_flight', `A request with this ${KEY_HEADER} is still being processed.`, {
          headers: { 'Retry-After': '1' },
        });
      }
      const res = await resume(c, claim.resourceId);
      const stored = { status: res.status, body: await res.clone().text(), headers: replayedHeaders(res.headers) };
      await completeResumed(c.get('db'), scope, claim.resourceId, stored);
      c.get('log').warn('idempotent request resumed from its committed resource', { resource_id: claim.resourceId });
      return replay(c, stored);
    }
  }
}

/**
 * For a route whose handler claims in its own first round trip (`deferClaim`): the answer when the
 * claim it made was not its own (ClaimNotTaken), by the same rules as a claim made up front.
 */
export function answerUnclaimed(c: Context<AppEnv>, err: ClaimNotTaken): Promise<Response> {
  const pending = c.get('idempotencyDeferred');
  if (!pending) throw err;
  // PendingClaim cannot name the request's Context (env.ts imports it); it holds this module's Resume.
  return answerClaim(c, err.outcome, pending.scope, pending.resume as Resume | undefined);
}

/**
 * Makes a creating POST idempotent. Put it in the route's middleware list; it runs after
 * authentication (keys are scoped by `credentialScope`) and before the body validator, which can still
 * read the body because hono caches what this middleware read with `c.req.text()`. It replays whatever
 * the key stored, so every access check the route makes must run before it: a hotel in the path is
 * checked by securedRoute, a hotel in the body by `requireBodyHotel` placed in front of this.
 *
 * `bodyKey` names a JSON body field that may carry the key instead of the header (payments'
 * `idempotency_key`); when both are sent they must agree.
 *
 * `deferClaim`: the handler makes the claim itself, in the D1 batch of its first read (DeferredClaim,
 * set as `idempotencyDeferred`), which saves the request a round trip. The body is then validated
 * before the key is looked at: a reused key with an invalid body answers 400, not 422. The handler
 * must act only once the claim settled as its own, and answer a ClaimNotTaken with answerUnclaimed.
 */
export function idempotent(
  options: {
    bodyKey?: string;
    /**
     * For handlers that bind what they create to the claim (bindResource): answers a retry whose
     * first attempt committed but failed before its response was stored.
     */
    resume?: Resume;
    deferClaim?: boolean;
  } = {},
) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header(KEY_HEADER);
    if (header === undefined && options.bodyKey === undefined) return next();

    const bodyText = await c.req.text();
    const resolved = resolveIdempotencyKey({ header, bodyText, bodyKey: options.bodyKey });
    if (!resolved.ok) throw new AppError('validation_failed', resolved.detail, { errors: resolved.errors });
    if (resolved.value === null) return next();

    const db = c.get('db');
    const scope: KeyScope = { principalId: await credentialScope(c.get('principal')), key: resolved.value };
    // The seed paths are aliases of /api/v1: one request, one fingerprint, whichever path it used.
    const path = c.req.path.replace(/^\/api\/(?!v1\/)/, '/api/v1/');
    const fingerprint = await requestFingerprint(c.req.method, path, bodyText);
    const now = new Date();
    if (options.deferClaim) {
      const deferred = deferredClaim(db, scope, fingerprint, now, (lockedUntil) =>
        c.set('idempotency', { ...scope, lockedUntil }),
      );
      c.set('idempotencyDeferred', { ...deferred, resume: options.resume });
    } else {
      const claim = await claimKey(db, scope, fingerprint, now);
      if (claim.kind !== 'claimed') return answerClaim(c, claim, scope, options.resume);
      c.set('idempotency', { ...scope, lockedUntil: claim.lockedUntil });
    }

    try {
      await next();
    } catch (err) {
      // hono's compose hands an Error thrown downstream to app.onError and continues with its response
      // (c.res, status >= 500 for the unexpected ones); only a non-Error throw arrives here.
      const held = c.get('idempotency');
      if (held) await releaseKey(db, scope, held.lockedUntil);
      throw err;
    }

    // Never claimed (a deferred claim the handler did not reach, or one answered from the record), or
    // the handler's own write batch stored the answer with the resource (completeInBatch).
    const held = c.get('idempotency');
    if (!held || c.get('idempotencyRecorded')) return;
    const status = c.res.status;
    if (!isReplayableOutcome(status)) {
      await releaseKey(db, scope, held.lockedUntil);
      return;
    }
    const stored = {
      status,
      body: await c.res.clone().text(),
      headers: replayedHeaders(c.res.headers),
    };
    try {
      if (!(await completeKey(db, scope, held.lockedUntil, stored))) {
        c.get('log').warn('idempotency claim taken over before completion', { principal_id: scope.principalId });
      }
    } catch (err) {
      // The work is done: answer with its result rather than a 500 that invites an immediate second
      // attempt. Retries meet the in-flight claim (409) until its lock expires, then run again.
      c.get('log').error('idempotency record not stored', {
        principal_id: scope.principalId,
        // The failed UPDATE's parameters are the whole stored response: errorFields drops them.
        ...errorFields(err),
      });
    }
  });
}
