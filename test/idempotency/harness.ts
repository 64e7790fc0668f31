import { env } from 'cloudflare:workers';
import { createRoute, z } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import { createDb } from '../../src/db';
import type { AppEnv, Principal } from '../../src/env';
import { AppError, problemResponse, toAppError } from '../../src/errors';
import { Logger } from '../../src/lib/log';
import { createRouter } from '../../src/lib/openapi';
import { jsonBody, jsonContent } from '../../src/lib/schemas';
import { IdempotencyHeaders, idempotent } from '../../src/modules/idempotency/idempotency.middleware';

/** What the handler does once past the (optional) gate: answer 201, 409, 500, or throw. */
export type Behaviour = 'create' | 'sold_out' | 'return_500' | 'throw' | 'throw_non_error';

export type Deferred = { promise: Promise<void>; resolve: () => void };

export function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const ThingBody = z.object({ name: z.string().min(1), idempotency_key: z.string().optional() });
const Thing = z.object({ id: z.string(), name: z.string() });

function principal(id: string): Principal {
  return { kind: 'api_key', id, keyId: id, scopes: [], hotelIds: null, allowedOrigins: [] };
}

/**
 * A small app shaped like src/app.ts around one creating route per key mode: request context, a fake
 * principal (header `x-test-principal`, default `key_a`), problem+json errors, the body validator
 * after `idempotent()`. The handler counts its runs and can be steered per test.
 */
export function harness() {
  const state = { calls: 0, behaviour: 'create' as Behaviour, gate: null as Deferred | null, entered: deferred() };

  const app = createRouter();
  app.use(
    '*',
    createMiddleware<AppEnv>(async (c, next) => {
      c.set('requestId', `req_${crypto.randomUUID()}`);
      c.set('db', createDb(env.DB));
      c.set('log', new Logger('error'));
      c.set('principal', principal(c.req.header('x-test-principal') ?? 'key_a'));
      await next();
    }),
  );
  app.onError((err, c) => problemResponse(c, toAppError(err)));

  for (const [path, middleware] of [
    ['/things', idempotent()],
    ['/payments', idempotent({ bodyKey: 'idempotency_key' })],
  ] as const) {
    const route = createRoute({
      method: 'post',
      path,
      middleware: [middleware],
      request: { headers: IdempotencyHeaders, body: jsonBody(ThingBody) },
      responses: { 201: jsonContent(Thing, 'Created'), 500: jsonContent(Thing, 'A server failure') },
    });
    app.openapi(route, async (c) => {
      state.calls++;
      const { name } = c.req.valid('json');
      state.entered.resolve();
      if (state.gate) await state.gate.promise;
      switch (state.behaviour) {
        case 'sold_out':
          throw new AppError('sold_out', 'Nothing left.');
        case 'return_500':
          return c.json({ id: 'none', name }, 500);
        case 'throw':
          throw new Error('handler crashed');
        case 'throw_non_error':
          throw 'handler crashed without an Error';
        case 'create': {
          const id = `thg_${crypto.randomUUID()}`;
          return c.json({ id, name }, 201, { Location: `${path}/${id}`, ETag: `"${id}"` });
        }
      }
    });
  }

  function post(
    path: '/things' | '/payments',
    body: unknown,
    options: { key?: string; principal?: string } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.key !== undefined) headers['idempotency-key'] = options.key;
    if (options.principal) headers['x-test-principal'] = options.principal;
    return Promise.resolve(
      app.request(path, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) }),
    );
  }

  return { app, state, post };
}

export function newKey(): string {
  return `key-${crypto.randomUUID()}`;
}
