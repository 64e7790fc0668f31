import { env, exports } from 'cloudflare:workers';
import { expect } from 'vitest';

export const ADMIN_KEY = env.ADMIN_API_KEY;

export type Auth = { apiKey?: string; bearer?: string } | null;

export type CallOptions = {
  auth?: Auth;
  body?: unknown;
  headers?: Record<string, string>;
};

/** The request `call` sends: credential headers (default: the platform admin) and a JSON body. */
export function requestOf(method: string, path: string, options: CallOptions = {}): Request {
  const headers = new Headers(options.headers);
  const auth = options.auth === undefined ? { apiKey: ADMIN_KEY } : options.auth;
  if (auth?.apiKey) headers.set('x-api-key', auth.apiKey);
  if (auth?.bearer) headers.set('authorization', `Bearer ${auth.bearer}`);
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  return new Request(`http://localhost${path}`, { method, headers, body });
}

/** Sends a request through the worker's real fetch handler. Default credential: the platform admin. */
export async function call(method: string, path: string, options: CallOptions = {}): Promise<Response> {
  return exports.default.fetch(requestOf(method, path, options));
}

export async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/** Calls and asserts the status, returning the parsed body; the message shows the body on mismatch. */
export async function expectStatus<T = any>(res: Response | Promise<Response>, status: number): Promise<T> {
  const r = await res;
  const text = await r.text();
  if (r.status !== status) {
    throw new Error(`expected HTTP ${status}, got ${r.status}: ${text}`);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * Asserts the RFC 9457 shape every error shares (problem+json, request id, `type` from the code) and
 * returns the body. `status` may list several acceptable statuses; the code, when given, must match.
 */
export async function expectProblem<T = any>(
  res: Response | Promise<Response>,
  status: number | readonly number[],
  code?: string,
  label = '',
): Promise<T> {
  const r = await res;
  const text = await r.text();
  const statuses = typeof status === 'number' ? [status] : status;
  expect(statuses, `${label} got HTTP ${r.status}: ${text}`).toContain(r.status);
  expect(r.headers.get('content-type'), label).toMatch(/^application\/problem\+json/);
  const requestId = r.headers.get('x-request-id');
  expect(requestId, label).toBeTruthy();
  const body = JSON.parse(text);
  expect(body, label).toMatchObject({
    type: expect.stringMatching(/^https:\/\/docs\.wehub\.work\/errors\/[a-z_]+$/),
    title: expect.any(String),
    status: r.status,
    detail: expect.any(String),
    code: code ?? expect.any(String),
    request_id: requestId,
  });
  expect(body.type, label).toBe(`https://docs.wehub.work/errors/${body.code}`);
  return body as T;
}
