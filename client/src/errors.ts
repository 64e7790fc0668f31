import type { components } from './schema.d.ts';

/** The codes the API documents; a newer server may send others, so `code` also takes any string. */
export type ProblemCode = components['schemas']['Problem']['code'];

export type FieldError = { path: string; message: string };

/** What every API error carries (RFC 9457 problem+json: `type`, `title`, `detail` and the fields below). */
type ProblemBody = {
  type?: unknown;
  title?: unknown;
  detail?: unknown;
  code?: unknown;
  request_id?: unknown;
  errors?: unknown;
};

function isFieldError(value: unknown): value is FieldError {
  const e = value as Partial<FieldError> | null;
  return typeof e === 'object' && e !== null && typeof e.path === 'string' && typeof e.message === 'string';
}

/**
 * An API answer that was not a success, after the client's own retries. `code` is the problem's
 * machine-readable code (`sold_out`, `validation_failed`, …) or `http_error` when the answer was not
 * problem+json (a proxy's HTML page, an OTA route's XML); `errors` lists the invalid fields of a 400/422.
 */
export class WeHubError extends Error {
  override readonly name = 'WeHubError';
  readonly status: number;
  readonly code: ProblemCode | 'http_error' | (string & {});
  readonly title: string;
  readonly detail: string;
  /** Quote it to support: every log line of the request carries it. */
  readonly requestId: string | null;
  readonly errors: FieldError[];
  /** The answer's body as parsed (the whole problem, with any extra members such as a decline's `decline_code`). */
  readonly body: unknown;
  readonly headers: Headers;

  constructor(response: Response, body: unknown) {
    const problem: ProblemBody = typeof body === 'object' && body !== null ? (body as ProblemBody) : {};
    const code = typeof problem.code === 'string' ? problem.code : 'http_error';
    const title = typeof problem.title === 'string' ? problem.title : response.statusText || `HTTP ${response.status}`;
    const detail =
      typeof problem.detail === 'string' ? problem.detail : typeof body === 'string' ? body.slice(0, 500) : title;
    super(`${response.status} ${code}: ${detail}`);
    this.status = response.status;
    this.code = code;
    this.title = title;
    this.detail = detail;
    this.requestId = typeof problem.request_id === 'string' ? problem.request_id : response.headers.get('x-request-id');
    this.errors = Array.isArray(problem.errors) ? problem.errors.filter(isFieldError) : [];
    this.body = body;
    this.headers = response.headers;
  }
}
