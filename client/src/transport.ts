import { type Failure, isRetrySafe, nextDelayMs, type RetryOptions, retryAfterMs } from './retry.ts';

export type Fetch = (request: Request) => Promise<Response>;

export type TransportOptions = {
  fetch: Fetch;
  /** Per attempt: a request that has no answer by then is aborted and counts as a network failure. */
  timeoutMs: number;
  retry: RetryOptions;
  /** Waits between attempts; replaceable so tests can record delays instead of waiting. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** In [0, 1): the jitter. */
  random: () => number;
};

export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(done, ms);
    function done() {
      signal.removeEventListener('abort', aborted);
      resolve();
    }
    function aborted() {
      clearTimeout(timer);
      reject(signal.reason);
    }
    signal.addEventListener('abort', aborted, { once: true });
  });
}

/** The caller's signal or the attempt's timeout, whichever fires first. */
function attemptSignal(caller: AbortSignal, timeoutMs: number): AbortSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([caller, timeout]);
  // Safari before 17.4 (and Node before 20.3) has no AbortSignal.any; a booking widget still meets it.
  const controller = new AbortController();
  for (const signal of [caller, timeout]) {
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  }
  return controller.signal;
}

/** The problem code of a 409, which tells an idempotency key still in flight from a real conflict. */
async function conflictCode(response: Response): Promise<string | null> {
  if (response.status !== 409) return null;
  try {
    const body: unknown = await response.clone().json();
    const code = (body as { code?: unknown } | null)?.code;
    return typeof code === 'string' ? code : null;
  } catch {
    return null;
  }
}

/**
 * A fetch that sends `request` up to 1 + maxRetries times when sending it again is safe (isRetrySafe):
 * every attempt is a copy of the same request, so a creating POST keeps its Idempotency-Key and the
 * server books once however many answers were lost. The caller's own abort signal stops it at once.
 */
export function retryingFetch(options: TransportOptions, timeoutMs = options.timeoutMs): Fetch {
  return async (request) => {
    const caller = request.signal;
    const safe = isRetrySafe(request.method, request.headers.get('idempotency-key'));
    for (let retry = 0; ; retry++) {
      const attempt = new Request(request.clone(), { signal: attemptSignal(caller, timeoutMs) });
      let failure: Failure;
      let response: Response | undefined;
      try {
        response = await options.fetch(attempt);
        if (response.ok || !safe) return response;
        failure = {
          kind: 'answer',
          status: response.status,
          code: await conflictCode(response),
          retryAfterMs: retryAfterMs(response.headers.get('retry-after'), Date.now()),
        };
      } catch (err) {
        // The caller gave up: not a failure to work around.
        if (caller.aborted || !safe) throw err;
        failure = { kind: 'network' };
        const delay = nextDelayMs(retry, failure, options.retry, options.random());
        if (delay === null) throw err;
        await options.sleep(delay, caller);
        continue;
      }
      const delay = nextDelayMs(retry, failure, options.retry, options.random());
      if (delay === null) return response;
      // Free the connection of the answer we are not going to read.
      await response.body?.cancel();
      await options.sleep(delay, caller);
    }
  };
}
