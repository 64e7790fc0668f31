import type { Principal } from '../../env';
import type { FieldError } from '../../errors';
import { sha256Hex } from '../../lib/crypto';

// Pure rules of the Idempotency-Key mechanism (IETF draft "The Idempotency-Key HTTP Header Field",
// draft-ietf-httpapi-idempotency-key-header). No context, no I/O: the middleware and the service
// apply them.

/** The draft leaves the expiry to the server ("Idempotency Key Validity and Expiry"); Stripe keeps 24 h. */
export const RECORD_TTL_MS = 24 * 60 * 60 * 1000;

/** How long a claim blocks retries before another request may assume its worker died and take over. */
export const LOCK_MS = 60 * 1000;

export const KEY_HEADER = 'Idempotency-Key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/** Response headers that belong to the result and are replayed with it; the rest is per request. */
const REPLAYED_RESPONSE_HEADERS = ['content-type', 'location', 'etag'] as const;

export type KeyResult = { ok: true; value: string | null } | { ok: false; detail: string; errors: FieldError[] };

const VISIBLE_ASCII = /^[\x21-\x7E]{1,255}$/;
// An RFC 8941 sf-string: the draft ("Syntax") defines the field as an Item Structured Header whose value
// is a String, so `"abc"` and Stripe-style bare `abc` name the same key.
const SF_STRING = /^"((?:[^"\\]|\\["\\])+)"$/;

function keyOf(raw: string, path: string): KeyResult {
  if (!VISIBLE_ASCII.test(raw)) {
    return {
      ok: false,
      detail: 'The idempotency key must be 1–255 visible ASCII characters.',
      errors: [{ path, message: 'must be 1–255 visible ASCII characters' }],
    };
  }
  const quoted = SF_STRING.exec(raw);
  return { ok: true, value: quoted?.[1] ? quoted[1].replace(/\\(["\\])/g, '$1') : raw };
}

function bodyField(bodyText: string, field: string): unknown {
  try {
    const parsed: unknown = JSON.parse(bodyText);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return (parsed as Record<string, unknown>)[field];
    }
  } catch {
    // Not JSON: the route's body validator answers that with malformed_json; here there is no body key.
  }
  return undefined;
}

/**
 * The request's key: the header, or the JSON body field `bodyKey` (payments' `idempotency_key`).
 * `value: null` means the request carries no key and runs without idempotency (keys are optional).
 */
export function resolveIdempotencyKey(input: {
  header: string | undefined;
  bodyText: string;
  bodyKey?: string | undefined;
}): KeyResult {
  const header = input.header === undefined ? null : keyOf(input.header, `header.${KEY_HEADER}`);
  if (header && !header.ok) return header;
  if (input.bodyKey === undefined) return header ?? { ok: true, value: null };

  const field = bodyField(input.bodyText, input.bodyKey);
  if (field === undefined || field === null) return header ?? { ok: true, value: null };
  if (typeof field !== 'string') {
    return {
      ok: false,
      detail: `The body field ${input.bodyKey} must be a string.`,
      errors: [{ path: input.bodyKey, message: 'must be a string' }],
    };
  }
  const body = keyOf(field, input.bodyKey);
  if (!body.ok) return body;
  if (header && header.value !== body.value) {
    return {
      ok: false,
      detail: `The ${KEY_HEADER} header and the body field ${input.bodyKey} name different keys.`,
      errors: [{ path: input.bodyKey, message: `must equal the ${KEY_HEADER} header when both are sent` }],
    };
  }
  return body;
}

/** JSON with object keys sorted at every level and no insignificant whitespace. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The body as it counts for "the same request": a JSON body in canonical form, so that a client
 * re-serialising the same JSON (other key order or spacing) retries rather than reuses the key. A body
 * that is not JSON is compared byte for byte; it cannot collide with a canonical JSON text.
 */
export function canonicalBody(bodyText: string): string {
  try {
    return canonicalJson(JSON.parse(bodyText));
  } catch {
    return bodyText;
  }
}

/**
 * What identifies "the same request" ("Idempotency Fingerprint" in the draft): method, path and the
 * canonical body. Newlines separate the parts because neither a method nor a URL path contains one.
 */
export function requestFingerprint(method: string, path: string, bodyText: string): Promise<string> {
  return sha256Hex(`${method.toUpperCase()}\n${path}\n${canonicalBody(bodyText)}`);
}

/**
 * The key space a credential's keys live in (Stripe: per account and API key). An API key and the
 * admin key are fixed in what they may do, so their id is enough. A token is one of many a key mints,
 * each for other hotels and scopes: its space is the key's plus what this token may reach, so a token
 * for hotel B never meets the records of a token for hotel A, while a widget that fetches a fresh token
 * for the same hotel and scopes can still retry under its key.
 */
export async function credentialScope(principal: Principal): Promise<string> {
  if (principal.kind !== 'token') return principal.id;
  const hotels = principal.hotelIds === null ? '*' : [...principal.hotelIds].sort().join(',');
  const reach = await sha256Hex(`${hotels}\n${[...principal.scopes].sort().join(' ')}`);
  return `${principal.id}#${reach.slice(0, 32)}`;
}

export type StoredRecord = {
  requestHash: string;
  state: 'in_flight' | 'completed';
  lockedUntil: Date;
  expiresAt: Date;
  resourceId: string | null;
};

export type Decision = 'expired' | 'mismatch' | 'replay' | 'resume' | 'in_flight' | 'take_over';

/** What to do with a request whose key already has a record. */
export function decide(record: StoredRecord, fingerprint: string, now: Date): Decision {
  // An expired record is forgotten, as if housekeeping had already purged it.
  if (record.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (record.requestHash !== fingerprint) return 'mismatch';
  if (record.state === 'completed') return 'replay';
  // The work committed (its resource is bound to the key) but its response was never stored.
  if (record.resourceId !== null) return 'resume';
  // A lock past its deadline means the worker that claimed the key died without finishing or releasing.
  return record.lockedUntil.getTime() > now.getTime() ? 'in_flight' : 'take_over';
}

/**
 * Whether a response is the outcome to replay. 5xx: the server failed, a retry must be able to run
 * again. 400: the request was rejected before anything ran, and the client is expected to fix the body
 * and retry under the same key (Stripe saves no result when "incoming parameters failed validation").
 * 429: the request was never processed. Every other outcome, including 404, 409 and 402, is kept.
 */
export function isReplayableOutcome(status: number): boolean {
  return status < 500 && status !== 400 && status !== 429;
}

export function replayedHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of REPLAYED_RESPONSE_HEADERS) {
    const value = headers.get(name);
    if (value !== null) kept[name] = value;
  }
  return kept;
}
