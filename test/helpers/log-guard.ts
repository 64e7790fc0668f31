import { afterEach, expect } from 'vitest';

/**
 * Guest data the test suites book with (bookingBody's default guest, the list tests' second guest).
 * Any e-mail address at all is refused too.
 */
const KNOWN_GUEST_DATA = [/lovelace/i, /\+43 1 234/, /hopper/i];
const EMAIL = /[^\s@"'<>()[\],;:]+@[^\s@"'<>()[\],;:]+\.[A-Za-z]{2,}/;
/** Square payment tokens (card and bank nonces) and 3-D Secure verification tokens: never logged. */
const PAYMENT_TOKEN = /\b(cnon|bnon|verf):/;

// One buffer per isolate: setup runs once per test file, and files may share an isolate.
const state = globalThis as typeof globalThis & { __loggedLines?: string[] };

/**
 * Wraps console.log/warn/error for the whole test file (the worker runs in the test's isolate): every
 * line the worker logs is kept, and after each test none may carry guest data or a payment token.
 * Wrapped by hand rather than with vi.spyOn so that a test's vi.restoreAllMocks() does not remove the guard.
 */
export function guardLogsAgainstGuestData(): void {
  const written = state.__loggedLines ?? wrapConsole();
  afterEach(() => {
    const leaked = written.filter(
      (line) => EMAIL.test(line) || PAYMENT_TOKEN.test(line) || KNOWN_GUEST_DATA.some((p) => p.test(line)),
    );
    written.length = 0;
    expect(leaked, 'log lines carrying guest data').toEqual([]);
  });
}

/** What the worker has logged so far in this test (a test can look for a value it knows). */
export function loggedLines(): readonly string[] {
  return [...(state.__loggedLines ?? [])];
}

function wrapConsole(): string[] {
  const written: string[] = [];
  state.__loggedLines = written;
  for (const method of ['log', 'warn', 'error'] as const) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]) => {
      written.push(args.map(String).join(' '));
      original(...args);
    };
  }
  return written;
}
