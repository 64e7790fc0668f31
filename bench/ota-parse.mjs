#!/usr/bin/env node
// OTA reservation parsing and answering throughput, in this Node process (no worker): one
// OTA_HotelResNotifRQ of just under 1 MB (the partner route's body limit) made of the hand-made 2015A
// Commit fixture's HotelReservation repeated with distinct ids, read with readResNotif (parse, map to
// InboundReservation, card redaction) and answered with buildResNotifRS. The TypeScript is bundled
// in memory with esbuild (installed with wrangler). Run alone: `node bench/ota-parse.mjs`; `npm run
// bench` runs it after the worker scenarios. Prints a report; never fails on the numbers.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MAX_BYTES = 1_048_576;
const RUNS = 5;

async function loadModules() {
  const result = await build({
    stdin: {
      contents: "export { readResNotif, buildResNotifRS } from './src/modules/channels/xml/res-notif.ts';",
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    write: false,
    logLevel: 'error',
  });
  const code = result.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

/** A batch of distinct reservations, as large as fits under the limit. */
function batch() {
  const fixture = readFileSync(join(ROOT, 'test/fixtures/ota/commit.xml'), 'utf8');
  const reservation = /<HotelReservation [\s\S]*<\/HotelReservation>/.exec(fixture)[0];
  const head = fixture.slice(0, fixture.indexOf('<HotelReservations>') + '<HotelReservations>'.length);
  const tail = '</HotelReservations></OTA_HotelResNotifRQ>';
  const parts = [];
  let bytes = Buffer.byteLength(head + tail);
  for (let i = 0; ; i++) {
    const id = `BENCH-${String(i).padStart(7, '0')}`;
    const part = reservation.replaceAll('FX-100234', id);
    const size = Buffer.byteLength(part);
    if (bytes + size > MAX_BYTES) break;
    parts.push(part);
    bytes += size;
  }
  return { xml: head + parts.join('') + tail, count: parts.length };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function measureOtaParse() {
  const { readResNotif, buildResNotifRS } = await loadModules();
  const { xml, count } = batch();
  const parseMs = [];
  const buildMs = [];
  let answerBytes = 0;
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const read = readResNotif(xml);
    parseMs.push(performance.now() - started);
    if (!read.ok) throw new Error(`the bench batch was refused: ${read.refusal.message}`);
    if (read.reservations.length !== count) throw new Error(`read ${read.reservations.length} of ${count}`);
    const outcomes = read.reservations.map((r, i) => ({
      channelReservationId: r.channelReservationId,
      kind: r.kind,
      status: 'imported',
      confirmationNumber: `WH-${i}`,
      error: null,
    }));
    const builtAt = performance.now();
    answerBytes = Buffer.byteLength(buildResNotifRS('OTA_HotelResNotifRQ', 'bench', outcomes));
    buildMs.push(performance.now() - builtAt);
  }
  const parse = median(parseMs);
  const answer = median(buildMs);
  return [
    `OTA reservations (Node ${process.version}, median of ${RUNS} runs): one OTA_HotelResNotifRQ of ` +
      `${(Buffer.byteLength(xml) / 1024).toFixed(0)} KiB with ${count} reservations (2 rooms each)`,
    `  parse + map: ${parse.toFixed(1)} ms, ${((count / parse) * 1000).toFixed(0)} reservations/s, ` +
      `${(Buffer.byteLength(xml) / 1024 / 1024 / (parse / 1000)).toFixed(1)} MiB/s`,
    `  answer (OTA_HotelResNotifRS, ${(answerBytes / 1024).toFixed(0)} KiB): ${answer.toFixed(1)} ms, ` +
      `${((count / answer) * 1000).toFixed(0)} reservations/s`,
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  measureOtaParse()
    .then((lines) => console.log(lines.join('\n')))
    .catch((err) => {
      console.error(`[bench] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      process.exit(1);
    });
}
