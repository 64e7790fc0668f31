#!/usr/bin/env node
// Writes the worker's OpenAPI document to a file (default dist/openapi.json), as the worker serves it at
// /openapi.json: the worker is built and started by wrangler (local, no network, no state kept), asked
// once, and stopped. `npm run lint:openapi` lints the file with Redocly (redocly.yaml).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { unstable_startWorker } from 'wrangler';

const out = process.argv[2] ?? 'dist/openapi.json';
const worker = await unstable_startWorker({
  config: 'wrangler.toml',
  dev: { server: { port: 0 }, inspector: false, persist: false, logLevel: 'error' },
});
try {
  const res = await worker.fetch('http://localhost/openapi.json');
  if (!res.ok) throw new Error(`GET /openapi.json answered ${res.status}: ${await res.text()}`);
  const doc = await res.json();
  await mkdir(dirname(out), { recursive: true });
  // Pretty-printed so lint findings point at a readable line.
  await writeFile(out, `${JSON.stringify(doc, null, 2)}\n`);
  console.log(
    `openapi: wrote ${out} (${Object.keys(doc.paths).length} paths, ${Object.keys(doc.webhooks ?? {}).length} webhooks)`,
  );
} finally {
  await worker.dispose();
}
