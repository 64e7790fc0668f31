import { z } from 'zod';

/** `"true"`/`"1"` → true; `"false"`/`"0"`/empty/unset → false (wrangler vars are strings). */
export const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .default('false')
  .transform((v) => v === 'true' || v === '1');

/** An unset or empty var is `undefined`. */
export const optionalString = z
  .string()
  .optional()
  .transform((v) => (v ? v : undefined));

type Issue = { path: string; message: string };

/**
 * A module's part of the worker configuration: its vars and secrets (zod fields) and the rules across
 * them, told whether this is a deployment (`staging`/`production`) where a missing secret is fatal.
 * src/config.ts merges the parts into one schema that is checked at the first request.
 */
export type ConfigPart<S extends z.ZodRawShape> = {
  shape: S;
  check?: (values: z.infer<z.ZodObject<S>>, deployed: boolean) => Issue[];
};

export function configPart<S extends z.ZodRawShape>(part: ConfigPart<S>): ConfigPart<S> {
  return part;
}
