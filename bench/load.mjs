// Drives one scenario with autocannon in this process: a probe request, a warm-up, the measured run.
import autocannon from 'autocannon';
import { isRouteMissing } from './api.mjs';

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

async function probe(url, scenario, body) {
  const res = await fetch(`${url}${scenario.path}`, { method: scenario.method, headers: scenario.headers, body });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, missing: isRouteMissing(res.status, json), text };
}

function run(url, scenario, feed, { seconds, connections }) {
  const cache = {};
  const request = {
    method: scenario.method,
    path: scenario.path,
    headers: scenario.headers ?? {},
    body: scenario.body,
    // Absent, not undefined: an undefined key would override autocannon's default.
    ...(scenario.bodies && { setupRequest: (req) => ({ ...req, body: feed.next() }) }),
    // The search answers X-Cache: HIT|MISS|BYPASS; counting it shows whether "cached" and
    // "uncached" measured what they claim. Every scenario pays for this callback alike.
    onResponse: (_status, _body, _context, headers) => {
      const value = headers['x-cache'] ?? headers['X-Cache'];
      if (value) cache[value] = (cache[value] ?? 0) + 1;
    },
  };
  const options = { url, connections, duration: seconds, requests: [request] };
  // autocannon builds each connection's next request ahead of time: keep that many bodies spare.
  if (scenario.bodies) options.maxOverallRequests = feed.left() - connections;
  return autocannon(options).then((result) => ({ result, cache }));
}

/**
 * Measures a scenario. Returns `{ skipped }` when its endpoint answers 404 "No route", otherwise
 * throughput, latency and status counts of the measured run (the warm-up is not counted).
 */
export async function measure(url, scenario, { seconds, warmupSeconds, connections }) {
  const feed = bodyFeed(scenario);
  const first = await probe(url, scenario, feed.next());
  if (first.missing) return { skipped: `${scenario.method} ${scenario.path} answers 404 "No route" (not built yet)` };
  if (warmupSeconds > 0) await run(url, scenario, feed, { seconds: warmupSeconds, connections });
  if (feed.left() < 2 * connections) return { skipped: `only ${feed.left()} unused bodies left after the warm-up` };

  const { result, cache } = await run(url, scenario, feed, { seconds, connections });
  const otherStatuses = Object.entries(result.statusCodeStats)
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, { count }]) => `${code}×${count}`);
  return {
    requests: result.requests.total,
    seconds: result.duration,
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    otherStatuses,
    cache,
    reused: feed.reused(),
    probe: first.status >= 200 && first.status < 300 ? null : `${first.status} ${first.text.slice(0, 300)}`,
  };
}
