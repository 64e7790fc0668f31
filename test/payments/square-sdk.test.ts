import { serialization as sdkSerialization } from 'square';
import { describe, expect, it } from 'vitest';
import { SquareResources } from '../../src/modules/payments/square-sdk';
import * as narrowed from '../../src/modules/payments/square-serialization';

// square-sdk.ts builds Square's resource clients itself, and wrangler.toml's [alias] gives them
// square-serialization.ts instead of the SDK's whole serialization index. Both are only right while the
// generated module holds exactly what the clients refer to: a Square upgrade that changes that fails here.

/** Every client reachable from `client` through its getters (a resource's sub-resources), itself first. */
function clientsOf(client: object): object[] {
  const proto = Object.getPrototypeOf(client);
  const subs = Object.entries(Object.getOwnPropertyDescriptors(proto))
    .filter(([, d]) => d.get)
    .map(([name]) => (client as Record<string, unknown>)[name])
    .filter((v): v is object => typeof v === 'object' && v !== null && v.constructor.name.endsWith('Client'));
  return [client, ...subs.flatMap(clientsOf)];
}

/** `serializers.X` / `serializers.namespace.X` in a client class's own code. */
function referencesOf(client: object): string[] {
  return [...client.constructor.toString().matchAll(/\bserializers\.(\w+)(?:\.(\w+))?/g)].map((m) =>
    /^[a-z]/.test(m[1] ?? '') && m[2] ? `${m[1]}.${m[2]}` : (m[1] ?? ''),
  );
}

function lookup(from: object, ref: string): unknown {
  return ref.split('.').reduce<unknown>((o, key) => (o as Record<string, unknown> | undefined)?.[key], from);
}

describe('the Square SDK, narrowed to what we use', () => {
  const resources = new SquareResources({ token: 't', baseUrl: 'http://square.test' });
  // Every resource SquareResources offers, read from its getters rather than listed here: a resource added
  // there is checked without anyone remembering this test (the tests' clients get the SDK's whole index).
  const clients = clientsOf(resources).filter((c) => c !== resources);
  const references = [...new Set(clients.flatMap(referencesOf))].sort();

  it('builds the resource clients SquareClient would, sub-resources included', () => {
    expect(clients.map((c) => c.constructor.name)).toEqual(
      expect.arrayContaining(['PaymentsClient', 'RefundsClient', 'CardsClient', 'CustomersClient', 'OAuthClient']),
    );
    expect(clients.length).toBeGreaterThan(6);
    expect(references).toContain('CreatePaymentRequest');
  });

  it('gives those clients every serializer they refer to, the SDK’s own, and nothing else', () => {
    const regenerate = 'run `node scripts/square-serialization.mjs`';
    type Schema = { getType(): unknown } | undefined;
    for (const ref of references) {
      const sdks = lookup(sdkSerialization, ref) as Schema;
      expect(sdks, ref).toBeDefined();
      // The same file of the SDK, loaded twice here (by `import` and by `require`), so equal but not identical.
      expect((lookup(narrowed, ref) as Schema)?.getType(), `${ref} is missing: ${regenerate}`).toBe(sdks?.getType());
    }
    const provided = Object.entries(narrowed).flatMap(([key, value]) =>
      /^[a-z]/.test(key) ? Object.keys(value).map((k) => `${key}.${k}`) : [key],
    );
    expect(provided.sort(), `square-serialization.ts is stale: ${regenerate}`).toEqual(references);
  });
});
