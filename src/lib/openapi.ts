import { OpenAPIHono, type z } from '@hono/zod-openapi';
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
