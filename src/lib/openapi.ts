import { OpenAPIHono, type z } from '@hono/zod-openapi';
import type { Schema } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { AppError, type FieldError } from '../errors';

export function fieldErrors(error: z.ZodError, prefix?: string): FieldError[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return { path: prefix ? (path ? `${prefix}.${path}` : prefix) : path, message: issue.message };
  });
}

/** A sub-app whose request validation failures become one `validation_failed` problem. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const target = result.target === 'json' ? 'body' : result.target;
        throw new AppError('validation_failed', `The request ${target} is invalid.`, {
          errors: fieldErrors(result.error, target === 'body' ? undefined : target),
        });
      }
    },
  });
}

/** Appended to the operation ids of a router mounted again at a seed (unversioned) path. */
export const UNVERSIONED_SUFFIX = 'Unversioned';

/**
 * Mounts `router` a second time at the seed's unversioned `prefix` (CONTRACT: the seed's paths are aliases
 * served by the same router). Its operations are documented there too, but an operationId names one
 * operation in the whole document, so the alias's ids get UNVERSIONED_SUFFIX (`createReservation` at
 * /api/v1/booking-engine, `createReservationUnversioned` at /api/booking-engine).
 */
export function routeAlias<S extends Schema, B extends string>(
  app: OpenAPIHono<AppEnv>,
  prefix: string,
  router: OpenAPIHono<AppEnv, S, B>,
) {
  const before = app.openAPIRegistry.definitions.length;
  app.route(prefix, router);
  // route() registered copies of the router's definitions: renaming them leaves the versioned ones alone.
  for (const def of app.openAPIRegistry.definitions.slice(before)) {
    if (def.type === 'route' && def.route.operationId) def.route.operationId += UNVERSIONED_SUFFIX;
  }
}

const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i;

/** JSON APIs take JSON: a body in another media type is a 415, not a parse error deep inside. */
export const jsonOnly = createMiddleware<AppEnv>(async (c, next) => {
  const method = c.req.method;
  if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
    const length = c.req.header('content-length');
    const hasBody = (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined;
    const type = c.req.header('content-type') ?? '';
    if (hasBody && !JSON_TYPE.test(type)) {
      throw new AppError('unsupported_media_type', `Send the body as application/json (got "${type || 'none'}").`);
    }
  }
  await next();
});
