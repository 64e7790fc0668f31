#!/usr/bin/env node
// `npm run bench`: builds the worker as `wrangler deploy` does, serves it on Miniflare's own HTTP
// listener, seeds data through the public API and loads each scenario with autocannon. Prints a
// report and exits 0 whatever the numbers are; it exits 1 only when it could not measure at all.
// Settings (environment): BENCH_DURATION (s, default 10), BENCH_SLICE (s, 2), BENCH_WARMUP (s, 2),
// BENCH_CONNECTIONS (20), BENCH_PORT (8821), BENCH_SERVER (miniflare | wrangler-dev), BENCH_ONE_CONNECTION
// (s, 3), BENCH_FLOOR_PORT (BENCH_PORT + 1), BENCH_ONLY (comma-separated parts of scenario names: only
// those scenarios, and none of the sections after the table). See docs/performance.md.
import { cpus, loadavg } from 'node:os';
import { createApi, RouteMissing } from './api.mjs';
import { floorLoaders, startFloors } from './floors.mjs';
import { measureFootprint } from './footprint.mjs';
import { createLoader, measure } from './load.mjs';
import { measureOtaAri } from './ota-ari.mjs';
import { measureOtaParse } from './ota-parse.mjs';
import { formatReport } from './report.mjs';
import { BASELINE, registeredSuites, registerSuite } from './scenarios.mjs';
import { availabilitySuite } from './suites/availability.mjs';
import { bookingsSuite } from './suites/bookings.mjs';
import { measureWebhooks } from './webhooks.mjs';
import { buildBundle, startWorker } from './worker.mjs';
import { startWranglerDev } from './wrangler-dev.mjs';

registerSuite(availabilitySuite);
registerSuite(bookingsSuite);

function setting(name, fallback, min) {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min} (got "${raw}")`);
  return value;
}

/** BENCH_ONLY's name parts, lower-cased; null: everything. */
function onlyFilter() {
  const raw = (process.env.BENCH_ONLY ?? '').trim();
  if (raw === '') return null;
  return raw
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean);
}

const log = (message) => console.log(`[bench] ${message}`);
const loads = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function main() {
  const settings = {
    seconds: setting('BENCH_DURATION', 10, 1),
    sliceSeconds: setting('BENCH_SLICE', 2, 1),
    warmupSeconds: setting('BENCH_WARMUP', 2, 0),
    connections: setting('BENCH_CONNECTIONS', 20, 1),
    oneConnectionSeconds: setting('BENCH_ONE_CONNECTION', 3, 0),
  };
  const port = setting('BENCH_PORT', 8821, 1);
  const floorPort = setting('BENCH_FLOOR_PORT', port + 1, 1);

  const only = onlyFilter();
  const wanted = (name) => only === null || only.some((part) => name.toLowerCase().includes(part));

  const server = process.env.BENCH_SERVER || 'miniflare';
  if (server !== 'miniflare' && server !== 'wrangler-dev') {
    throw new Error(`BENCH_SERVER must be miniflare or wrangler-dev (got "${server}")`);
  }
  let worker;
  if (server === 'wrangler-dev') {
    log('starting wrangler dev…');
    worker = await startWranglerDev({ port });
  } else {
    log('building the worker (wrangler deploy --dry-run --outdir bench/.build)…');
    buildBundle();
    worker = await startWorker({ port });
  }
  // Floors (bench/floors.mjs): stand-in workers on the same kind of listener. Behind wrangler dev the
  // worker pays a proxy hop they would not, so there they are left out and the targets not judged.
  let floors = null;
  try {
    if (server === 'miniflare') {
      log(`starting the floors (stand-in workers) on port ${floorPort}…`);
      floors = await startFloors({ port: floorPort });
    }
  } catch (err) {
    await worker.stop();
    throw err;
  }
  try {
    const cpu = cpus();
    console.log(
      [
        '',
        `WeHub Integrations benchmark, ${new Date().toISOString()}`,
        `Node ${process.version}; ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}; load average ${loads()} (1/5/15 min)`,
        `Each scenario: ${settings.warmupSeconds} s warm-up, then ${settings.seconds} s measured in ` +
          `${settings.sliceSeconds} s slices alternating with ${BASELINE.name} and its floor; ${settings.connections} connections;`,
        `latency at one connection: ${settings.oneConnectionSeconds} s per scenario after its warm-up;`,
        `autocannon in this process → ${worker.label} listening on ${worker.url}` +
          (floors ? `; floors on the same kind of listener at ${floors.url}` : '; no floors (miniflare only)'),
        '',
      ].join('\n'),
    );
    const api = createApi(worker.url, worker.adminKey);
    const baseline = createLoader(worker.url, BASELINE, settings.connections);
    const check = await baseline.probe();
    if (check.status !== 200) throw new Error(`${BASELINE.name} answered ${check.status}: ${check.text.slice(0, 300)}`);
    if (settings.warmupSeconds > 0) await baseline.run(settings.warmupSeconds, { measured: false });
    const baselineOne =
      settings.oneConnectionSeconds > 0 ? await baseline.oneConnection(settings.oneConnectionSeconds) : null;
    const floorsUsed = floors ? floorLoaders(floors.url, settings) : null;

    const rows = [];
    for (const suite of registeredSuites()) {
      log(`preparing ${suite.name}…`);
      const started = Date.now();
      let scenarios;
      try {
        scenarios = await suite.prepare(api);
        log(`${suite.name} prepared in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      } catch (err) {
        if (!(err instanceof RouteMissing)) throw err;
        rows.push({ name: suite.name, skipped: err.message });
        continue;
      }
      for (const scenario of scenarios.filter((s) => wanted(s.name))) {
        log(`${scenario.name}…`);
        const floor = floorsUsed && scenario.floor ? await floorsUsed.get(scenario.floor) : null;
        const result = await measure(worker.url, scenario, baseline, settings, floor);
        if (floor && result.paired) floorsUsed.pair(scenario.floor, result.paired.baseline);
        if (result.skipped) {
          rows.push({ name: scenario.name, skipped: result.skipped });
          continue;
        }
        if (scenario.check) result.checks = await scenario.check(api, result);
        rows.push({ scenario, result });
      }
    }
    if (baseline.slices() === 0) {
      log(`nothing to compare with ${BASELINE.name}: measuring it alone`);
      await baseline.run(settings.seconds, { measured: true });
    }
    const base = { ...baseline.summary(), oneConnection: baselineOne };
    const floorRows = floorsUsed ? floorsUsed.rows() : [];

    console.log(`\n${formatReport([{ scenario: BASELINE, result: base }, ...floorRows, ...rows])}\n`);
    console.log(
      `${BASELINE.name} over all its slices: ${base.rps.toFixed(0)} req/s; single slices ranged ` +
        `${base.sliceRps.min.toFixed(0)}–${base.sliceRps.max.toFixed(0)} req/s (the machine's load changing).`,
    );
    const workerd = worker.workerdPeakRssMiB();
    const own = process.resourceUsage().maxRSS / 1024;
    console.log(
      `Peak RSS: workerd ${workerd === null ? 'unknown' : `${workerd.toFixed(0)} MiB`}; ` +
        `bench process (autocannon, Miniflare host) ${own.toFixed(0)} MiB.`,
    );
    if (only !== null) {
      log(`BENCH_ONLY=${process.env.BENCH_ONLY}: the webhook, OTA and footprint sections are left out`);
      return;
    }
    try {
      const lines = await measureWebhooks(api, log);
      console.log(`\n${lines.join('\n')}`);
    } catch (err) {
      if (!(err instanceof RouteMissing)) throw err;
      console.log(`\nWebhooks: skipped (${err.message}).`);
    }
    console.log(`\n${(await measureOtaParse()).join('\n')}`);
    console.log(`\n${(await measureOtaAri(log)).join('\n')}`);
    console.log(`\n${measureFootprint(log).join('\n')}`);
    console.log(`Load average at the end: ${loads()} (1/5/15 min).`);
  } finally {
    await floors?.stop();
    await worker.stop();
  }
}

main().catch((err) => {
  console.error(`[bench] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
