import { env } from 'cloudflare:workers';

/**
 * The OTA conformance material (../shared/conformance/ota) through the Node service vitest.config.ts
 * binds as CONFORMANCE. Where the folder is absent, `SKIP_CONFORMANCE` says so and tests that need it
 * skip: `describe.skipIf(SKIP_CONFORMANCE)(…)` and `it.skipIf(…)` print the reason in their title.
 */
export const SKIP_CONFORMANCE = !env.TEST_CONFORMANCE;
export const CONFORMANCE_SKIP_REASON = '(skipped: ../shared/conformance/ota is absent)';

export type SchemaName =
  | `ota-2015a/${string}.xsd`
  | 'alpinebits-2018-10/alpinebits.xsd'
  | 'alpinebits-2020-10/alpinebits.xsd'
  | 'alpinebits-2022-10/alpinebits.xsd'
  | 'alpinebits-2024-10/alpinebits.xsd';

/** libxml2's verdict on `xml` against a schema of the folder (OTA: the XSD named after the root). */
export async function validateXsd(xml: string, schema: SchemaName): Promise<{ valid: boolean; errors: string[] }> {
  const response = await env.CONFORMANCE.fetch(`http://conformance/validate?schema=${encodeURIComponent(schema)}`, {
    method: 'POST',
    body: xml,
  });
  if (!response.ok) throw new Error(`conformance service: ${response.status} ${await response.text()}`);
  return response.json();
}

/** The OTA 2015A schema for a message: the XSD named after its root element. */
export function otaSchemaFor(xml: string): SchemaName {
  const root = /<(?:[\w-]+:)?(OTA_\w+)[\s>/]/.exec(xml)?.[1];
  if (!root) throw new Error('no OTA root element in the message');
  return `ota-2015a/${root}.xsd`;
}

/** Asserts-friendly: validates against the XSD named after the root; returns libxml2's errors (empty = valid). */
export async function otaSchemaErrors(xml: string): Promise<string[]> {
  return (await validateXsd(xml, otaSchemaFor(xml))).errors;
}

export async function listSamples(dir: string): Promise<string[]> {
  const response = await env.CONFORMANCE.fetch(`http://conformance/list/${dir}`);
  if (!response.ok) throw new Error(`conformance service: ${response.status}`);
  return response.json();
}

export async function readSample(path: string): Promise<string> {
  const response = await env.CONFORMANCE.fetch(`http://conformance/files/${path}`);
  if (!response.ok) throw new Error(`conformance service: ${response.status} for ${path}`);
  return response.text();
}
