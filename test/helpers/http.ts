import { env, exports } from 'cloudflare:workers';

export const ADMIN_KEY = env.ADMIN_API_KEY;

export type Auth = { apiKey?: string; bearer?: string } | null;

export type CallOptions = {
  auth?: Auth;
  body?: unknown;
  headers?: Record<string, string>;
};

/** Sends a request through the worker's real fetch handler. Default credential: the platform admin. */
export async function call(method: string, path: string, options: CallOptions = {}): Promise<Response> {
  const headers = new Headers(options.headers);
  const auth = options.auth === undefined ? { apiKey: ADMIN_KEY } : options.auth;
  if (auth?.apiKey) headers.set('x-api-key', auth.apiKey);
  if (auth?.bearer) headers.set('authorization', `Bearer ${auth.bearer}`);
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  return exports.default.fetch(new Request(`http://localhost${path}`, { method, headers, body }));
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
