/**
 * Scenarios are data: what the load generator sends and what the result is held against.
 *
 * @typedef {object} Scenario
 * @property {string} name
 * @property {string} method
 * @property {string} path
 * @property {Record<string, string>} [headers]
 * @property {string} [body]      sent with every request (a repeated request: a cache hit after the first)
 * @property {string[]} [bodies]  each sent at most once, in order (no two requests alike); the run ends
 *                                early rather than repeat one
 * @property {string} [floor]     the stand-in worker it is held against, a key of FLOORS (./floors.mjs): what a
 *                                request of its kind cannot avoid, measured in the same alternating rounds
 * @property {number|null} [target]  the least throughput acceptable, as a fraction of its floor's;
 *                                `null`: deliberately none (a race for a fixed stock), shown as "–"
 * @property {string[]} [expectedOutcomes]  answers that are results, not failures: a status, or a status and
 *                                the problem `code` (`['201', '409 sold_out']`); any 2xx when absent
 * @property {boolean} [idempotencyKeys]  send a fresh `Idempotency-Key` with every request, as real clients do
 * @property {boolean} [singleRun] send each of `bodies` exactly once in one run: no probe, no warm-up, no /health
 *                                slices, so every answer counts (a race for a fixed stock)
 * @property {number} [connections]  instead of BENCH_CONNECTIONS
 * @property {(api: ReturnType<import('./api.mjs').createApi>, result: object) => Promise<Check[]>} [check]
 *                                correctness checks after the run, printed as PASS/FAIL under the tables
 *
 * @typedef {{ ok: boolean, text: string }} Check
 *
 * A suite prepares what its scenarios need once, through the public API as the platform admin
 * (seed data, credentials), and returns them. It throws `RouteMissing` (./api.mjs) when an
 * endpoint it needs is not built yet; the runner then skips its scenarios and says why.
 *
 * @typedef {object} Suite
 * @property {string} name
 * @property {(api: ReturnType<import('./api.mjs').createApi>) => Promise<Scenario[]>} prepare
 */

/** @type {Scenario} The baseline every ratio is taken against: the cheapest route there is. */
export const BASELINE = { name: 'GET /health', method: 'GET', path: '/health' };

/** @type {Suite[]} */
const suites = [];

/** Adds a suite; `npm run bench` runs suites in the order they were registered. */
export function registerSuite(suite) {
  suites.push(suite);
}

export function registeredSuites() {
  return [...suites];
}
