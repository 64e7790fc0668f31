import createClient, {
  type Client,
  type ClientPathsWithMethod,
  type FetchResponse,
  type MaybeOptionalInit,
  type Middleware,
} from 'openapi-fetch';
import { WeHubError } from './errors.ts';
import { IDEMPOTENT_POSTS } from './idempotent-posts.ts';
import { DEFAULT_RETRY, type RetryOptions } from './retry.ts';
import type { paths } from './schema.d.ts';
import { abortableSleep, type Fetch, retryingFetch, type TransportOptions } from './transport.ts';

export type { FieldError, ProblemCode } from './errors.ts';
export type { RetryOptions } from './retry.ts';
export type { components, paths } from './schema.d.ts';
export { WeHubError };

export type WeHubClientOptions = {
  /** e.g. `https://api.wehub.work`; the paths of the document are appended to it. */
  baseUrl: string;
  /** Sent as `X-API-Key`. Server-side only: a browser widget uses a short-lived `token` instead. */
  apiKey?: string;
  /** A Bearer JWT (`POST /api/v1/auth/token`, OAuth), or a function asked before every request, to renew it. */
  token?: string | (() => string | Promise<string>);
  /** Per attempt, default 30 s; a call can set its own with `timeoutMs`. */
  timeoutMs?: number;
  retry?: Partial<RetryOptions>;
  /** Default: the global fetch. */
  fetch?: Fetch;
  /** Default: a timer. Tests pass one that records the delays. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Default: Math.random, for the backoff's jitter. */
  random?: () => number;
};

type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';
type Media = `${string}/${string}`;
type PathsOf<M extends Method> = ClientPathsWithMethod<Client<paths>, M>;

/** What every call accepts on top of the operation's own `params`, `body` and `headers`. */
export type CallOptions = { timeoutMs?: number };

type RequiredKeysOf<T> = { [K in keyof T]-?: Record<string, never> extends Pick<T, K> ? never : K }[keyof T];
/** The init argument is optional exactly when the operation has no required path, query or body. */
type InitArg<Init> =
  RequiredKeysOf<Init> extends never
    ? [init?: Init & CallOptions & { [key: string]: unknown }]
    : [init: Init & CallOptions & { [key: string]: unknown }];

/** The body of the operation's success answer. */
export type ResponseData<M extends Method, P extends PathsOf<M>, Init = Record<string, never>> = Extract<
  FetchResponse<paths[P][M] & Record<string | number, unknown>, Init, Media>,
  { data: unknown }
>['data'];

/** Sends the operation and resolves with its success body; anything else rejects with a WeHubError. */
type DataMethod<M extends Method> = <P extends PathsOf<M>, Init extends MaybeOptionalInit<paths[P], M>>(
  path: P,
  ...init: InitArg<Init>
) => Promise<ResponseData<M, P, Init>>;

/** GET operations answering a page `{data: [...], next_cursor}`. */
export type ListPath = {
  [P in PathsOf<'get'>]: ResponseData<'get', P> extends { data: unknown[]; next_cursor: string | null } ? P : never;
}[PathsOf<'get'>];
export type ListItem<P extends ListPath> = ResponseData<'get', P> extends { data: (infer T)[] } ? T : never;

export type WeHubClient = {
  GET: DataMethod<'get'>;
  POST: DataMethod<'post'>;
  PUT: DataMethod<'put'>;
  PATCH: DataMethod<'patch'>;
  DELETE: DataMethod<'delete'>;
  /** Every item of a list, page after page (following `next_cursor`), fetched as the loop asks for them. */
  paginate<P extends ListPath>(
    path: P,
    ...init: InitArg<MaybeOptionalInit<paths[P], 'get'>>
  ): AsyncIterable<ListItem<P>>;
  /**
   * The openapi-fetch client underneath (same auth, keys and retries), answering `{data, error, response}`
   * without throwing: for response headers such as a reservation's ETag.
   */
  raw: Client<paths>;
};

/** A payment's `idempotency_key` body field: the server refuses a header naming a different key. */
async function bodyKey(request: Request): Promise<string | null> {
  try {
    const body: unknown = await request.clone().json();
    const key = (body as { idempotency_key?: unknown } | null)?.idempotency_key;
    return typeof key === 'string' ? key : null;
  } catch {
    return null;
  }
}

/** Adds the credential and, on a creating POST, an Idempotency-Key that every retry of it reuses. */
function requestHeaders(options: WeHubClientOptions): Middleware {
  return {
    async onRequest({ request, schemaPath }) {
      if (options.apiKey !== undefined && !request.headers.has('x-api-key')) {
        request.headers.set('x-api-key', options.apiKey);
      }
      if (options.token !== undefined && !request.headers.has('authorization')) {
        const token = typeof options.token === 'string' ? options.token : await options.token();
        request.headers.set('authorization', `Bearer ${token}`);
      }
      if (request.method === 'POST' && IDEMPOTENT_POSTS.has(schemaPath) && !request.headers.has('idempotency-key')) {
        request.headers.set('idempotency-key', (await bodyKey(request)) ?? crypto.randomUUID());
      }
      return request;
    },
  };
}

type LooseCall = (
  method: string,
  path: string,
  init?: Record<string, unknown>,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

export function createWeHubClient(options: WeHubClientOptions): WeHubClient {
  const transport: TransportOptions = {
    fetch: options.fetch ?? ((request) => globalThis.fetch(request)),
    timeoutMs: options.timeoutMs ?? 30_000,
    retry: { ...DEFAULT_RETRY, ...options.retry },
    sleep: options.sleep ?? abortableSleep,
    random: options.random ?? Math.random,
  };
  const raw = createClient<paths>({ baseUrl: options.baseUrl, fetch: retryingFetch(transport) });
  raw.use(requestHeaders(options));
  const request = raw.request as unknown as LooseCall;

  async function call(method: Method, path: string, init: Record<string, unknown> & CallOptions = {}) {
    const { timeoutMs, ...rest } = init;
    const perCall = timeoutMs === undefined ? {} : { fetch: retryingFetch(transport, timeoutMs) };
    const { data, error, response } = await request(method, path, { ...rest, ...perCall });
    if (!response.ok) throw new WeHubError(response, error);
    return data;
  }

  async function* paginate(path: string, init: Record<string, unknown> & CallOptions = {}) {
    const params = (init.params ?? {}) as { query?: Record<string, unknown> };
    let cursor: string | null = null;
    do {
      const query = cursor === null ? params.query : { ...params.query, cursor };
      const page = (await call('get', path, { ...init, params: { ...params, query } })) as {
        data: unknown[];
        next_cursor: string | null;
      };
      yield* page.data;
      cursor = page.next_cursor;
    } while (cursor !== null);
  }

  const method = (m: Method) => (path: string, init?: Record<string, unknown>) => call(m, path, init);
  return {
    GET: method('get'),
    POST: method('post'),
    PUT: method('put'),
    PATCH: method('patch'),
    DELETE: method('delete'),
    paginate,
    raw,
  } as unknown as WeHubClient;
}
