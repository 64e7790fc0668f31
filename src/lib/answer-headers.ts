import type { Context } from 'hono';
import type { AppEnv } from '../env';

/**
 * Sets (or appends) a header on a finished answer in place. hono's c.header() once the handler has
 * answered copies the whole Response to add one header (a search answer of 23–62 KB, on every request);
 * only an answer whose headers are immutable (one passed through from fetch) needs that copy.
 */
export function headerOnAnswer(
  c: Context<AppEnv>,
  name: string,
  value: string,
  options: { append?: boolean } = {},
): void {
  try {
    if (options.append) c.res.headers.append(name, value);
    else c.res.headers.set(name, value);
  } catch {
    c.header(name, value, options);
  }
}
