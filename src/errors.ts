import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from './env';
import { OutboundPaced } from './lib/pacing';

export const ERROR_CODES = [
  'validation_failed',
  'malformed_json',
  'unsupported_media_type',
  'payload_too_large',
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'sold_out',
  'stay_restricted',
  'invalid_state',
  'refund_exceeds_balance',
  'idempotency_key_reused',
  'not_supported',
  'idempotency_in_flight',
  'precondition_failed',
  'rate_limited',
  'payment_declined',
  'payment_velocity_exceeded',
  'gateway_error',
  'gateway_timeout',
  'service_unavailable',
  'internal_error',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type FieldError = { path: string; message: string };

export function statusOf(code: ErrorCode): ContentfulStatusCode {
  switch (code) {
    case 'validation_failed':
    case 'malformed_json':
      return 400;
    case 'unauthorized':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'method_not_allowed':
      return 405;
    case 'conflict':
    case 'sold_out':
    case 'stay_restricted':
    case 'invalid_state':
    case 'refund_exceeds_balance':
    case 'idempotency_in_flight':
      return 409;
    case 'precondition_failed':
      return 412;
    case 'payload_too_large':
      return 413;
    case 'unsupported_media_type':
      return 415;
    case 'idempotency_key_reused':
    case 'not_supported':
      return 422;
    case 'payment_declined':
      return 402;
    case 'rate_limited':
    case 'payment_velocity_exceeded':
      return 429;
    case 'gateway_error':
      return 502;
    case 'gateway_timeout':
      return 504;
    case 'service_unavailable':
      return 503;
    case 'internal_error':
      return 500;
  }
}

const TITLES: Record<ErrorCode, string> = {
  validation_failed: 'Validation failed',
  malformed_json: 'Malformed JSON',
  unsupported_media_type: 'Unsupported media type',
  payload_too_large: 'Payload too large',
  unauthorized: 'Unauthorized',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  conflict: 'Conflict',
  sold_out: 'Sold out',
  stay_restricted: 'Stay restricted',
  invalid_state: 'Invalid state',
  refund_exceeds_balance: 'Refund exceeds the refundable amount',
  idempotency_key_reused: 'Idempotency key reused',
  not_supported: 'Not supported',
  idempotency_in_flight: 'Request in flight',
  precondition_failed: 'Precondition failed',
  rate_limited: 'Too many requests',
  payment_declined: 'Payment declined',
  payment_velocity_exceeded: 'Too many payment attempts',
  gateway_error: 'Payment gateway error',
  gateway_timeout: 'Payment gateway timeout',
  service_unavailable: 'Service unavailable',
  internal_error: 'Internal server error',
};

export class AppError extends Error {
  readonly status: ContentfulStatusCode;
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string>; [key: string]: unknown } = {},
  ) {
    super(detail);
    this.status = statusOf(code);
  }
}

export function notFound(what: string, id: string): AppError {
  return new AppError('not_found', `${what} ${id} does not exist.`);
}

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  request_id: string;
  errors?: FieldError[];
  [key: string]: unknown;
};

export function problemBody(err: AppError, requestId: string): Problem {
  const { headers: _headers, ...extra } = err.extra;
  return {
    type: `https://docs.wehub.work/errors/${err.code}`,
    title: TITLES[err.code],
    status: err.status,
    detail: err.detail,
    code: err.code,
    request_id: requestId,
    ...extra,
  };
}

export function problemResponse(c: Context<AppEnv>, err: AppError): Response {
  const body = problemBody(err, c.get('requestId') ?? 'unknown');
  const res = c.json(body, err.status, { 'Content-Type': 'application/problem+json', ...err.extra.headers });
  return res;
}

/** Maps anything thrown to an AppError; unknown errors become an opaque 500. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  // A partner call this request needed was not made (its pace, or the partner asked us to wait).
  if (err instanceof OutboundPaced) {
    return new AppError('service_unavailable', 'A partner this request needs is busy; try again later.', {
      headers: { 'Retry-After': String(err.retryAfterSeconds) },
    });
  }
  if (err instanceof HTTPException) {
    if (err.status === 400 && /json/i.test(err.message)) {
      return new AppError('malformed_json', 'The request body is not valid JSON.');
    }
    if (err.status === 413) return new AppError('payload_too_large', 'The request body exceeds 1 MB.');
    if (err.status === 401) return new AppError('unauthorized', err.message || 'Authentication required.');
    if (err.status === 400) return new AppError('validation_failed', err.message || 'Bad request.');
  }
  return new AppError('internal_error', 'An unexpected error occurred. Quote the request_id when contacting support.');
}
