import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, normalize, resolve } from 'node:path';
// Node's entry point: the library validates in a worker thread, which workerd does not have.
import { validateXML } from 'xmllint-wasm/index-node.js';

/**
 * The OTA conformance material (OpenTravel 2015A and AlpineBits XSDs, sample messages) lives outside
 * the repository, in ../shared/conformance/ota (never copied in: see its SOURCES.md). Tests run in
 * workerd, which can neither read that folder nor run xmllint-wasm (it needs Node's worker threads),
 * so vitest.config.ts binds this Node function as the service `CONFORMANCE`:
 *
 * - `GET /files/<path>`: a file of the folder (a sample message), 404 if absent;
 * - `GET /list/<dir>`: the file names in a folder, as a JSON array;
 * - `POST /validate?schema=<dir>/<file>.xsd`: validates the body with libxml2 against that schema, every
 *   other .xsd of its folder preloaded (the OTA schemas include each other); answers
 *   `{valid, errors: string[]}`.
 *
 * Where the folder is absent the binding answers 503 and `TEST_CONFORMANCE` is false, so the tests that
 * need it skip with that reason (test/helpers/conformance.ts).
 */
export const CONFORMANCE_DIR = resolve(process.env.OTA_CONFORMANCE_DIR ?? '../shared/conformance/ota');
export const conformanceAvailable = existsSync(join(CONFORMANCE_DIR, 'ota-2015a'));

const schemaSets = new Map<string, { fileName: string; contents: string }[]>();

function schemasOf(dir: string) {
  let set = schemaSets.get(dir);
  if (!set) {
    const folder = join(CONFORMANCE_DIR, dir);
    set = readdirSync(folder)
      .filter((f) => f.endsWith('.xsd'))
      .map((fileName) => ({ fileName, contents: readFileSync(join(folder, fileName), 'utf8') }));
    schemaSets.set(dir, set);
  }
  return set;
}

/** A path inside the folder, or null for anything that climbs out of it. */
function inside(relative: string): string | null {
  const full = normalize(join(CONFORMANCE_DIR, decodeURIComponent(relative)));
  return full.startsWith(`${CONFORMANCE_DIR}/`) ? full : null;
}

export async function conformanceService(request: Request): Promise<Response> {
  if (!conformanceAvailable) {
    return Response.json({ error: `${CONFORMANCE_DIR} not found` }, { status: 503 });
  }
  const url = new URL(request.url);
  if (request.method === 'GET' && url.pathname.startsWith('/files/')) {
    const path = inside(url.pathname.slice('/files/'.length));
    if (!path || !existsSync(path)) return new Response('not found', { status: 404 });
    return new Response(readFileSync(path));
  }
  if (request.method === 'GET' && url.pathname.startsWith('/list/')) {
    const path = inside(url.pathname.slice('/list/'.length));
    if (!path || !existsSync(path)) return new Response('not found', { status: 404 });
    return Response.json(readdirSync(path).sort());
  }
  if (request.method === 'POST' && url.pathname === '/validate') {
    const schema = url.searchParams.get('schema') ?? '';
    const [dir, file, ...rest] = schema.split('/');
    if (!dir || !file || rest.length > 0 || !inside(schema) || !existsSync(inside(schema) as string)) {
      return Response.json({ error: `unknown schema ${schema}` }, { status: 400 });
    }
    const all = schemasOf(dir);
    const main = all.filter((s) => s.fileName === file);
    const result = await validateXML({
      xml: [{ fileName: 'message.xml', contents: await request.text() }],
      schema: main,
      preload: all.filter((s) => s.fileName !== file),
    });
    return Response.json({ valid: result.valid, errors: result.errors.map((e) => e.message) });
  }
  return new Response('not found', { status: 404 });
}
