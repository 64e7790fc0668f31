import { describe, expect, it } from 'vitest';
import {
  healthStatus,
  isIntegrationError,
  LATENCY_COLUMNS,
  latencyBucket,
  latencyPercentile,
} from '../../src/modules/metrics/metrics.rules';

/** The histogram of these latencies, as the recorder builds it call by call. */
function histogramOf(samples: number[]): number[] {
  const counts = LATENCY_COLUMNS.map(() => 0);
  for (const ms of samples) counts[latencyBucket(ms)] = (counts[latencyBucket(ms)] ?? 0) + 1;
  return counts;
}

describe('latency percentiles', () => {
  it('interpolate inside the bucket the rank falls in', () => {
    // 100 calls: 60 of 20 ms (≤ 25), 30 of 80 ms (50–100], 10 of 400 ms (250–500].
    const samples = [...Array(60).fill(20), ...Array(30).fill(80), ...Array(10).fill(400)];
    const counts = histogramOf(samples);
    // p50: rank 50 of the 60 in [0, 25] → 25 × 50/60.
    expect(latencyPercentile(counts, 0.5, 400)).toBe(21);
    // p95: rank 95, the 5th of the 10 in (250, 500] → 250 + 250 × 5/10.
    expect(latencyPercentile(counts, 0.95, 400)).toBe(375);
  });

  it('never exceed the slowest call, and end the overflow bucket there', () => {
    expect(latencyPercentile(histogramOf([30, 30, 30, 30]), 0.95, 30)).toBe(30);
    // All slower than the last bound: between 10 s and the slowest call (20 s).
    expect(latencyPercentile(histogramOf([20_000, 20_000]), 0.5, 20_000)).toBe(15_000);
  });

  it('are null without calls', () => {
    expect(latencyPercentile(histogramOf([]), 0.5, null)).toBeNull();
  });
});

describe('what counts as an integration error', () => {
  const out = (integration: string, status: number | null) =>
    isIntegrationError({ direction: 'outbound', integration, status });
  it('no answer, 5xx, redirects and credential or rate refusals always', () => {
    for (const status of [null, 500, 503, 302, 401, 403, 408, 429]) {
      expect([status, out('square', status)]).toEqual([status, true]);
      expect([status, out('webhook', status)]).toEqual([status, true]);
    }
  });
  it('not Square’s word on a request (a declined card, a bad refund), but any other partner’s 4xx', () => {
    expect(out('square', 402)).toBe(false);
    expect(out('square', 400)).toBe(false);
    expect(out('webhook', 404)).toBe(true);
    expect(out('ota:booking_com', 400)).toBe(true);
    expect(isIntegrationError({ direction: 'inbound', integration: 'square', status: 400 })).toBe(true);
    expect(out('square', 200)).toBe(false);
  });
});

describe('health status', () => {
  const at = (requests: number, errors: number, lastSuccessAt: number | null, lastErrorAt: number | null) =>
    healthStatus({ requests, errors, lastSuccessAt, lastErrorAt });
  it('follows the success rate and the latest call', () => {
    expect(at(0, 0, 5, 6)).toBe('idle');
    expect(at(10, 10, null, 6)).toBe('failing');
    expect(at(10, 6, 5, 6)).toBe('failing');
    expect(at(10, 5, 7, 6)).toBe('degraded');
    expect(at(100, 1, 5, 6)).toBe('degraded');
    expect(at(100, 1, 7, 6)).toBe('ok');
    expect(at(100, 0, 7, null)).toBe('ok');
  });
});
