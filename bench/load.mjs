// Drives scenarios with autocannon in this process. A scenario and the /health baseline are measured
// in alternating short slices, so both see the same mix of load from whatever else the machine runs.
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { isRouteMissing } from './api.mjs';

const MAX_SETTLE_MS = 5_000;

/**
 * Client addresses the requests come from, in turn. Booking widgets are many visitors sharing one
 * hotel key, and the rate limit counts per credential and address (CONTRACT: rate limits): from a
 * single address the limit, not the worker, would set the throughput. The limiter still runs on
 * every request, so its cost stays in the numbers. 1,024 addresses × wrangler.toml's limit (1,200
 * a minute when this was written) leave room for ~20,000 req/s. A scenario may set its own
 * `cf-connecting-ip` header instead.
 */
const VISITORS = Array.from({ length: 1_024 }, (_, i) => `10.77.${i >> 8}.${i & 255}`);

/** Hands out request bodies: the scenario's one `body` every time, or each of its `bodies` once. */
function bodyFeed({ body, bodies }) {
  if (!bodies) return { next: () => body, left: () => Number.POSITIVE_INFINITY, reused: () => 0 };
  let sent = 0;
  return {
    // Past the end it wraps rather than stall autocannon; `reused` makes that visible in the report.
    next: () => bodies[sent++ % bodies.length],
    left: () => Math.max(0, bodies.length - sent),
    reused: () => Math.max(0, sent - bodies.length),
  };
}

/** Headers that differ per request: a fresh Idempotency-Key when the scenario sends them. */
const perRequestHeaders = (scenario) => (scenario.idempotencyKeys ? { 'idempotency-key': randomUUID() } : {});

/** What an answer was: its status, and for a non-2xx the problem `code` too (`409 sold_out`). */
function outcomeOf(status, body) {
  if (status >= 200 && status < 300) return String(status);
  try {
    const { code } = JSON.parse(body);
    return typeof code === 'string' ? `${status} ${code}` : String(status);
  } catch {
    return String(status);
  }
}

async function probe(url, scenario, body) {
  const headers = { ...scenario.headers, ...perRequestHeaders(scenario) };
  const res = await fetch(`${url}${scenario.path}`, { method: scenario.method, headers, body });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, missing: isRouteMissing(res.status, json), text };
}

/** Runs of one scenario: warm-ups are discarded, measured slices are kept and summed up. */
export function createLoader(url, scenario, connections) {
  const feed = bodyFeed(scenario);
  const slices = [];
  const cache = {};
  const outcomes = {};
  let counting = false;
  const dynamic = scenario.bodies || scenario.idempotencyKeys;
  const request = {
    method: scenario.method,
    path: scenario.path,
    body: scenario.body,
    // Absent, not undefined: an undefined key would override autocannon's default.
    ...(dynamic && {
      setupRequest: (req) => ({
        ...req,
        ...(scenario.bodies && { body: feed.next() }),
        headers: { ...req.headers, ...perRequestHeaders(scenario) },
      }),
    }),
    // Outcomes tell a sold-out 409 from any other failure. The search answers X-Cache: HIT|MISS|BYPASS;
    // counting it shows whether "cached" and "uncached" measured what they claim. Every scenario pays
    // for this callback alike.
    onResponse: (status, body, _context, headers) => {
      if (!counting) return;
      const outcome = outcomeOf(status, body);
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      const value = headers['x-cache'] ?? headers['X-Cache'];
      if (value) cache[value] = (cache[value] ?? 0) + 1;
    },
  };
  // One request template per visitor address; each connection cycles through them, so the
  // templates of a static body are built once, not per request.
  const requests = VISITORS.map((address) => ({
    ...request,
    headers: { 'cf-connecting-ip': address, ...scenario.headers },
  }));
  const options = { url, connections, requests, skipAggregateResult: true };

  return {
    probe: () => probe(url, scenario, feed.next()),
    /** False once too few unused bodies are left for another run (autocannon builds requests ahead). */
    canRun: () => feed.left() >= 2 * connections,
    async run(seconds, { measured }) {
      counting = measured;
      const run = { ...options, duration: seconds };
      if (scenario.bodies) run.maxOverallRequests = feed.left() - connections;
      const result = await autocannon(run);
      if (measured) slices.push(result);
      return result;
    },
    /**
     * Latency at one connection (what a single visitor waits): `seconds` of requests one after
     * another, kept apart from the slices and outcomes. Uses up bodies like any run.
     */
    async oneConnection(seconds) {
      counting = false;
      const run = { ...options, connections: 1, duration: seconds };
      if (scenario.bodies) run.maxOverallRequests = Math.max(1, feed.left() - 1);
      const result = await autocannon(run);
      const { latency } = autocannon.aggregateResult([structuredClone(result)], {
        url: 'http://bench',
        connections: 1,
      });
      await settle(result);
      // Nothing completed (a very loaded machine): no latency to report rather than autocannon's 0.
      const none = result.totalCompletedRequests === 0;
      return {
        requests: result.totalCompletedRequests,
        p50: none ? null : latency.p50,
        p99: none ? null : latency.p99,
        non2xx: result.non2xx,
      };
    },
    /** Sends every unused body once, all of it measured (autocannon's `amount`: no request built ahead). */
    async runAll() {
      counting = true;
      const result = await autocannon({ ...options, amount: feed.left() });
      slices.push(result);
      return result;
    },
    slices: () => slices.length,
    /** The measured slices themselves, in the order they ran (for per-round ratios). */
    measuredSlices: () => [...slices],
    summary: () => ({
      ...summarize(slices, connections),
      outcomes,
      unexpected: unexpectedOf(outcomes, scenario.expectedOutcomes),
      cache,
      reused: feed.reused(),
    }),
  };
}

/** The outcomes outside the scenario's expected ones (any 2xx when it lists none), with their counts. */
function unexpectedOf(outcomes, expected) {
  const isExpected = (outcome) => (expected ? expected.includes(outcome) : outcome.startsWith('2'));
  return Object.fromEntries(Object.entries(outcomes).filter(([outcome]) => !isExpected(outcome)));
}

export const rpsOf = (slices) =>
  slices.reduce((n, s) => n + s.totalCompletedRequests, 0) / slices.reduce((n, s) => n + s.duration, 0);

/**
 * The ratio of `slices` to `against`, taken round by round (slice i with slice i: the two ran next to
 * each other) and summed up by the median: `{ median, min, max, rounds }`, or null without pairs. A
 * round in which one side met a burst of other work (a disk flush, a queue consumer's backlog, another
 * process) moves one ratio, not the result, where the ratio of the totals takes every burst in.
 */
export function roundRatios(slices, against) {
  const ratios = [];
  for (let i = 0; i < Math.min(slices.length, against.length); i++) {
    const denominator = rpsOf([against[i]]);
    if (denominator > 0) ratios.push(rpsOf([slices[i]]) / denominator);
  }
  if (ratios.length === 0) return null;
  ratios.sort((a, b) => a - b);
  const middle = ratios.length >> 1;
  const median = ratios.length % 2 === 1 ? ratios[middle] : (ratios[middle - 1] + ratios[middle]) / 2;
  return { median, min: ratios[0], max: ratios.at(-1), rounds: ratios.length };
}

function summarize(slices, connections) {
  const seconds = slices.reduce((n, s) => n + s.duration, 0);
  const rps = rpsOf(slices);
  // aggregateResult merges the latency histograms; it sums neither durations nor keeps the slices intact.
  const merged = autocannon.aggregateResult(structuredClone(slices), { url: 'http://bench', connections });
  const perSlice = slices.map((s) => s.totalCompletedRequests / s.duration);
  return {
    requests: merged.requests.total,
    seconds,
    rps,
    sliceRps: { min: Math.min(...perSlice), max: Math.max(...perSlice) },
    p50: merged.latency.p50,
    p99: merged.latency.p99,
    errors: merged.errors + merged.timeouts,
  };
}

/**
 * Waits as long as the slice's slowest request took. A slice ends with requests in flight that the
 * worker keeps serving (and cache writes it finishes in waitUntil); without the pause that work
 * would be counted against the next slice, which is the other scenario.
 */
export function settle(slice) {
  const { latency } = autocannon.aggregateResult([structuredClone(slice)], { url: 'http://bench' });
  return new Promise((resolve) => setTimeout(resolve, Math.min(MAX_SETTLE_MS, latency.max)));
}

/**
 * Measures `scenario` against `baseline` (a loader for /health) and, when given, `floor` (a loader for
 * its stand-in worker, bench/floors.mjs): a probe request (404 "No route" → `{ skipped }`), a warm-up,
 * `oneConnectionSeconds` at one connection for latency, then `seconds` of each in alternating slices of
 * `sliceSeconds` (/health, floor, scenario in every round). Returns the scenario's summary plus
 * `baselineRps` and `floorRps`, the throughput of the baseline and floor slices paired with it,
 * `toBaseline` and `toFloor`, its ratios to them round by round (`roundRatios`: median and range),
 * `oneConnection` ({ p50, p99, requests, non2xx } or null), and the `paired` slices themselves.
 * A `singleRun` scenario instead sends its bodies in one run and has no baseline, floor or latency pass.
 */
export async function measure(
  url,
  scenario,
  baseline,
  { seconds, sliceSeconds, warmupSeconds, connections, oneConnectionSeconds = 0 },
  floor = null,
) {
  const loader = createLoader(url, scenario, scenario.connections ?? connections);
  if (scenario.singleRun) {
    await settle(await loader.runAll());
    return { ...loader.summary(), baselineRps: null, floorRps: null, oneConnection: null, probe: null };
  }
  const first = await loader.probe();
  if (first.missing) return { skipped: `${scenario.method} ${scenario.path} answers 404 "No route" (not built yet)` };
  if (warmupSeconds > 0) await settle(await loader.run(warmupSeconds, { measured: false }));
  // Before the rounds: a scenario with unique bodies may use them all up in its rounds.
  const oneConnection = oneConnectionSeconds > 0 ? await loader.oneConnection(oneConnectionSeconds) : null;
  const paired = [];
  const pairedFloor = [];
  const rounds = Math.max(1, Math.round(seconds / sliceSeconds));
  for (let i = 0; i < rounds && loader.canRun(); i++) {
    const base = await baseline.run(sliceSeconds, { measured: true });
    paired.push(base);
    await settle(base);
    if (floor) {
      const slice = await floor.run(sliceSeconds, { measured: true });
      pairedFloor.push(slice);
      await settle(slice);
    }
    await settle(await loader.run(sliceSeconds, { measured: true }));
  }
  if (loader.slices() === 0) return { skipped: 'its unique bodies were used up by the warm-up' };
  const own = loader.measuredSlices();
  return {
    ...loader.summary(),
    baselineRps: rpsOf(paired),
    floorRps: floor ? rpsOf(pairedFloor) : null,
    toBaseline: roundRatios(own, paired),
    toFloor: floor ? roundRatios(own, pairedFloor) : null,
    // The raw slices, so the runner can give each floor its own row against the /health slices it met.
    paired: { baseline: paired, floor: pairedFloor },
    oneConnection,
    probe: first.status >= 200 && first.status < 300 ? null : `${first.status} ${first.text.slice(0, 300)}`,
  };
}
