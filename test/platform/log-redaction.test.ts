import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { afterEach, describe, expect, it, vi } from 'vitest';
import worker from '../../src/index';
import { errorFields, Logger, redact } from '../../src/lib/log';
import { hotelBody } from '../helpers/builders';
import { ADMIN_KEY } from '../helpers/http';
import { bookableHotel } from '../helpers/reservations';

const GUEST = {
  first_name: 'Zephyrine',
  last_name: 'Quillfeather',
  email: 'zq.guest@pii.example',
  phone: '+43 660 9876543',
};
const PII = [GUEST.first_name, GUEST.last_name, GUEST.email, GUEST.phone, 'pii.example'];

afterEach(() => {
  vi.restoreAllMocks();
});

/** Every console line written while `run` runs. */
async function captured(run: () => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  for (const method of ['log', 'warn', 'error'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    });
  }
  await run();
  vi.restoreAllMocks();
  return lines;
}

function expectNoPii(lines: string[]) {
  for (const line of lines) {
    for (const value of PII) expect(line.toLowerCase(), line).not.toContain(value.toLowerCase());
  }
}

/** env.DB, except that statements whose SQL matches `failing` reject like a D1 error. */
function dbFailingOn(failing: RegExp): D1Database {
  const fail = () => Promise.reject(new Error('D1_ERROR: simulated failure: SQLITE_IOERR'));
  return new Proxy(env.DB, {
    get(target, prop) {
      if (prop === 'prepare') {
        return (sql: string) => {
          const statement = target.prepare(sql);
          if (!failing.test(sql)) return statement;
          const broken = { bind: () => broken, run: fail, all: fail, first: fail, raw: fail };
          return broken;
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The worker's fetch with every log level on and the given D1. */
async function send(path: string, init: RequestInit, db: D1Database): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('x-api-key', ADMIN_KEY);
  if (init.body) headers.set('content-type', 'application/json');
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(`http://localhost${path}`, { ...init, headers }) as Request<unknown, IncomingRequestCfProperties>,
    { ...env, LOG_LEVEL: 'debug', DB: db },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

describe('logs never carry guest data', () => {
  it('a failed idempotency save logs the error without the stored response', async () => {
    // A booking stores its answer in its own write batch (no separate save to fail); a hotel's creation
    // saves it after the handler, with its name and contact details in the stored response.
    let res: Response | undefined;
    const lines = await captured(async () => {
      res = await send(
        '/api/v1/hotels',
        {
          method: 'POST',
          body: JSON.stringify(
            hotelBody({
              name: `${GUEST.first_name} ${GUEST.last_name} Lodge`,
              contact: { email: GUEST.email, phone: GUEST.phone },
            }),
          ),
          headers: { 'idempotency-key': crypto.randomUUID() },
        },
        dbFailingOn(/^update "idempotency_keys" set "state"/),
      );
    });
    expect(res?.status).toBe(201);
    const failure = lines.find((l) => l.includes('idempotency record not stored'));
    expect(failure).toBeDefined();
    expect(failure).toContain('[params redacted]');
    expectNoPii(lines);
  });

  it('a 500 from a query over guest data logs the error without its parameters', async () => {
    const h = await bookableHotel();
    const lines = await captured(async () => {
      const res = await send(
        `/api/v1/hotels/${h.hotel.id}/reservations?q=${encodeURIComponent(GUEST.email)}`,
        { method: 'GET' },
        dbFailingOn(/from "reservations" where .*instr\(/s),
      );
      expect(res.status).toBe(500);
      const searchByName = await send(
        `/api/v1/hotels/${h.hotel.id}/reservations?q=${GUEST.last_name}`,
        { method: 'GET' },
        dbFailingOn(/from "reservations" where .*instr\(/s),
      );
      expect(searchByName.status).toBe(500);
    });
    const failures = lines.filter((l) => l.includes('unhandled error'));
    expect(failures).toHaveLength(2);
    for (const line of failures)
      expect(JSON.parse(line)).toMatchObject({
        message: expect.stringMatching(/^Failed query: .*\n\[params redacted\]$/s),
        cause: expect.stringContaining('SQLITE_IOERR'),
      });
    expectNoPii(lines);
  });
});

describe('redaction', () => {
  const query = 'insert into "guests" ("email", "first_name") values (?, ?)';
  const drizzleError = () =>
    new DrizzleQueryError(query, [GUEST.email, `${GUEST.first_name}\nparams: x`], new Error('D1_ERROR: boom'));

  it('strips drizzle bound parameters from message and stack, keeping the query and the frames', () => {
    const fields = errorFields(drizzleError());
    expect(fields.message).toBe(`Failed query: ${query}\n[params redacted]`);
    expect(fields.cause).toBe('D1_ERROR: boom');
    expect(fields.stack).toContain('[params redacted]');
    expect(fields.stack).toMatch(/\n\s+at /);
    expectNoPii([JSON.stringify(fields)]);
  });

  it('strips the value D1 quotes in a type error, and any e-mail address', () => {
    expect(redact("D1_TYPE_ERROR: Type 'object' not supported for value 'zq.guest@pii.example'")).toBe(
      "D1_TYPE_ERROR: Type 'object' not supported for a [redacted] value",
    );
    expect(redact('mail to zq.guest@pii.example failed')).toBe('mail to [redacted email] failed');
    expect(redact(redact(drizzleError().message))).toBe(redact(drizzleError().message));
  });

  it('the logger blanks guest fields and redacts every string it writes', async () => {
    const lines = await captured(async () => {
      const log = new Logger('debug', { request_id: 'r1' });
      log.info('guest', {
        email: GUEST.email,
        first_name: GUEST.first_name,
        phone: GUEST.phone,
        name: GUEST.last_name,
      });
      log.error('failed', { detail: drizzleError().message });
    });
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ email: '[redacted]', phone: '[redacted]', request_id: 'r1' });
    expectNoPii(lines);
  });
});
