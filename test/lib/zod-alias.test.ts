import { z as openApiZ } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import * as entry from 'zod';
import * as zod from 'zod/v4';
import * as zodCore from 'zod/v4/core';
import * as ours from '../../src/lib/zod';

// wrangler.toml's [alias] gives every `import … from 'zod'` src/lib/zod.ts: zod without `locales`. It is
// zod's own API only while its export lists are zod's: a zod upgrade that changes them fails here.

const regenerate = 'run `node scripts/zod-without-locales.mjs`';
const withoutLocales = (module: object) =>
  Object.keys(module)
    .filter((name) => name !== 'locales')
    .sort();

describe('zod without its locales (src/lib/zod.ts)', () => {
  it('exports what zod exports, but `locales`, each zod’s own', () => {
    expect(Object.keys(ours).sort(), regenerate).toEqual(withoutLocales(zod));
    const theirs = new Map(Object.entries(zod));
    for (const [name, value] of Object.entries(ours)) {
      if (name !== 'core' && name !== 'z' && name !== 'default') expect(value, name).toBe(theirs.get(name));
    }
    expect('locales' in ours.z).toBe(false);
  });

  it('has the same `z` and default export shape, and a `z.core` without locales', () => {
    expect(ours.default).toBe(ours.z);
    expect(Object.keys(ours.z).sort()).toEqual(withoutLocales(zod.z));
    expect(Object.keys(ours.z.core).sort(), regenerate).toEqual(withoutLocales(zodCore));
    const theirs = new Map(Object.entries(zodCore));
    for (const [name, value] of Object.entries(ours.z.core)) expect(value, `core.${name}`).toBe(theirs.get(name));
  });

  it('keeps zod’s English messages', () => {
    const messages = (z: typeof ours.z) => [
      z.string().safeParse(1).error?.issues[0]?.message,
      z.object({ n: z.number().int().min(2) }).safeParse({ n: 1 }).error?.issues[0]?.message,
      z.enum(['a', 'b']).safeParse('c').error?.issues[0]?.message,
    ];
    expect(messages(ours.z)).toEqual([
      'Invalid input: expected string, received number',
      'Too small: expected number to be >=2',
      'Invalid option: expected one of "a"|"b"',
    ]);
    expect(messages(ours.z)).toEqual(messages(zod.z));
  });

  it('is what `zod` means in the tests too, as in the deploy bundle (vitest.config.ts applies the [alias])', () => {
    expect(entry.z).toBe(ours.z);
    // …from a package too: @hono/zod-openapi's `z` is ours, extended with `.openapi()`.
    expect(openApiZ).toBe(ours.z);
    expect(typeof ours.z.string().openapi).toBe('function');
  });
});
