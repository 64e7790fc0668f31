#!/usr/bin/env node
// `npm run bench`: builds the worker as `wrangler deploy` does, serves it on Miniflare's own HTTP
// listener, seeds data through the public API and loads each scenario with autocannon. Prints a
// report and exits 0 whatever the numbers are; it exits 1 only when it could not measure at all.
// Settings (environment): BENCH_DURATION (s, default 10), BENCH_WARMUP (s, 2),
// BENCH_CONNECTIONS (20), BENCH_PORT (8821). See docs/performance.md.
import { cpus, loadavg } from 'node:os';
import { createApi, RouteMissing } from './api.mjs';
import { measure } from './load.mjs';
import { formatReport } from './report.mjs';
import { BASELINE, registeredSuites, registerSuite } from './scenarios.mjs';
import { availabilitySuite } from './suites/availability.mjs';
import { buildBundle, startWorker } from './worker.mjs';

registerSuite(availabilitySuite);

function setting(name, fallback, min) {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min} (got "${raw}")`);
  return value;
}

const log = (message) => console.log(`[bench] ${message}`);
const loads = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function main() {
  const settings = {
    seconds: setting('BENCH_DURATION', 10, 1),
    warmupSeconds: setting('BENCH_WARMUP', 2, 0),
    connections: setting('BENCH_CONNECTIONS', 20, 1),
  };
  const port = setting('BENCH_PORT', 8821, 1);

  log('building the worker (wrangler deploy --dry-run --outdir bench/.build)…');
  buildBundle();
  const worker = await startWorker({ port });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await worker.stop();
  };
  process.once('SIGINT', () => stop().finally(() => process.exit(130)));
  process.once('SIGTERM', () => stop().finally(() => process.exit(143)));

  try {
    const cpu = cpus();
    console.log(
      [
        '',
        `WeHub Integrations benchmark, ${new Date().toISOString()}`,
        `Node ${process.version}; ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}; load average ${loads()} (1/5/15 min)`,
        `${settings.seconds} s per scenario after ${settings.warmupSeconds} s of warm-up, ${settings.connections} connections;`,
        `autocannon in this process → Miniflare (workerd) listening on ${worker.url}`,
        '',
      ].join('\n'),
    );
    const api = createApi(worker.url, worker.adminKey);
    const rows = [];
    const runScenario = async (scenario) => {
      log(`${scenario.name}…`);
      const result = await measure(worker.url, scenario, settings);
      rows.push(result.skipped ? { name: scenario.name, skipped: result.skipped } : { scenario, result });
      return result;
    };

    // The baseline runs first and last; ratios use the mean, which evens out drift in the
    // machine's load over the run.
    const before = await runScenario({ ...BASELINE, name: `${BASELINE.name} (first)` });
    for (const suite of registeredSuites()) {
      log(`preparing ${suite.name}…`);
      let scenarios;
      try {
        scenarios = await suite.prepare(api);
      } catch (err) {
        if (!(err instanceof RouteMissing)) throw err;
        rows.push({ name: suite.name, skipped: err.message });
        continue;
      }
      for (const scenario of scenarios) await runScenario(scenario);
    }
    const after = await runScenario({ ...BASELINE, name: `${BASELINE.name} (last)` });

    const baselineRps = (before.rps + after.rps) / 2;
    console.log(`\n${formatReport(rows, baselineRps)}\n`);
    console.log(`Baseline: ${baselineRps.toFixed(0)} req/s (mean of first and last /health runs).`);
    const workerd = worker.workerdPeakRssMiB();
    const own = process.resourceUsage().maxRSS / 1024;
    console.log(
      `Peak RSS: workerd ${workerd === null ? 'unknown' : `${workerd.toFixed(0)} MiB`}; ` +
        `bench process (autocannon, Miniflare host) ${own.toFixed(0)} MiB.`,
    );
    console.log(`Load average at the end: ${loads()} (1/5/15 min).`);
  } finally {
    await stop();
  }
}

main().catch((err) => {
  console.error(`[bench] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
