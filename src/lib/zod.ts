/**
 * What `import … from 'zod'` gets in the deploy bundle (wrangler.toml's [alias]): zod itself, the same
 * `z` namespace, named and default exports as its own entry, only without `z.locales`, the ≈ 40 error
 * message translations this worker never configures (≈ 260 KB minified, ≈ 39 KiB gzip of the upload).
 * zod's own entry lets a bundler drop them while `z` is only read property by property, but
 * @hono/zod-openapi passes `z` as a value (`extendZodWithOpenApi(z)`), so esbuild must keep every
 * export of it. English messages are unaffected: zod installs them from its `en` locale module directly.
 * Types come from zod itself (tsc does not read wrangler's [alias]).
 */
import * as z from './zod-api';

export * from './zod-api';
export { z, z as default };
