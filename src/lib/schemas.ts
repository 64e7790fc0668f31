import { z } from '@hono/zod-openapi';
import { ERROR_CODES } from '../errors';
import { dateWindowProblem, EARLIEST_DATE, MAX_DAYS_AFTER_TODAY } from './dates';

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(ERROR_CODES),
    request_id: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (`validation_failed` with `errors[]`, or `malformed_json`).',
  401: 'Missing, invalid or expired credential.',
  402: 'Payment declined.',
  403: 'Missing scope, or another tenant’s hotel.',
  404: 'Unknown id.',
  409: 'Conflicting state (sold out, invalid transition, request in flight).',
  412: 'Stale `If-Match`.',
  413: 'Body larger than 1 MB.',
  415: 'Body is not `application/json`.',
  422: 'Idempotency key reused with a different body, or a value this API knows but does not support yet (`not_supported`).',
  429: 'Rate limited; see `Retry-After`.',
  502: 'The payment gateway refused the request (`gateway_error`).',
  503: 'Not configured or temporarily unavailable.',
  504: 'The payment gateway did not answer in time (`gateway_timeout`).',
};

/** Problem+json responses for the given statuses, for a route's `responses`. */
export function errorResponses(...statuses: number[]) {
  const out: Record<
    number,
    { description: string; content: { 'application/problem+json': { schema: typeof ProblemSchema } } }
  > = {};
  for (const s of [...new Set([400, 401, 403, 429, ...statuses])]) {
    out[s] = {
      description: DESCRIPTIONS[s] ?? 'Error',
      content: { 'application/problem+json': { schema: ProblemSchema } },
    };
  }
  return out;
}

export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } };
}

export const PaginationQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).openapi({ description: '1–100, default 20' }),
  cursor: z.string().min(1).max(200).optional().openapi({ description: '`next_cursor` of the previous page' }),
});

export function pageOf<T extends z.ZodType>(item: T, name: string) {
  return z.object({ data: z.array(item), next_cursor: z.string().nullable() }).openapi(name);
}

const DATE_WINDOW = `from ${EARLIEST_DATE} to ${MAX_DAYS_AFTER_TODAY} days after today (UTC)`;

/** The one rule for every `YYYY-MM-DD` the API accepts: a real calendar date inside the window. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD', abort: true })
  .refine(
    (s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
    },
    { message: 'must be a real calendar date', abort: true },
  )
  .superRefine((s, ctx) => {
    const problem = dateWindowProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .openapi({ example: '2027-03-01', format: 'date', description: `A calendar date ${DATE_WINDOW}` });

/** An RFC 3339 UTC instant whose date lies in the same window as IsoDate. */
export const IsoInstant = z.iso
  .datetime({ abort: true })
  .superRefine((s, ctx) => {
    const problem = dateWindowProblem(s.slice(0, 10));
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .openapi({ example: '2027-03-01T12:00:00Z', format: 'date-time', description: `RFC 3339, ${DATE_WINDOW}` });

export const CurrencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD')
  .openapi({ example: 'USD' });

/** Unix ms → RFC 3339 UTC. */
export function iso(d: Date | null | undefined): string | null {
  return d ? d.toISOString() : null;
}
