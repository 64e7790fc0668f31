type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** Field names that hold guest or card data; the logger writes `[redacted]` whatever a caller passes. */
const PII_FIELDS = new Set([
  'email',
  'phone',
  'first_name',
  'last_name',
  'name',
  'guest',
  'guest_name',
  'guest_email',
  'guest_phone',
  'card',
  'card_number',
  'special_requests',
]);

// drizzle's DrizzleQueryError reads "Failed query: <sql>\nparams: <bound values>": the values (guest
// emails, names, a stored idempotent response) run to the end of the message.
const DRIZZLE_PARAMS = /(^|\n)params: [\s\S]*$/;
// D1_TYPE_ERROR "Type 'object' not supported for value '…'" quotes the value, at the end of the message.
const D1_VALUE = /for value '[\s\S]*$/;
// Belt and braces for anything else that quotes input: no e-mail address reaches a log line.
const EMAIL = /[^\s@"'<>()[\],;:]+@[^\s@"'<>()[\],;:]+\.[A-Za-z]{2,}/g;

/**
 * Strips bound parameters and e-mail addresses from a text that is about to be logged. The markers it
 * leaves do not match its own patterns, so redacting twice changes nothing.
 */
export function redact(text: string): string {
  return text
    .replace(DRIZZLE_PARAMS, '$1[params redacted]')
    .replace(D1_VALUE, 'for a [redacted] value')
    .replace(EMAIL, '[redacted email]');
}

/** The stack starts with the message; that part is replaced by the redacted message, frames are kept. */
function redactStack(err: Error, message: string): string | null {
  if (!err.stack) return null;
  const at = err.stack.indexOf(err.message);
  if (at === -1 || err.message === '') {
    const frames = err.stack.split('\n').filter((line) => /^\s+at /.test(line));
    return redact([`${err.name}: ${message}`, ...frames].join('\n'));
  }
  return redact(err.stack.slice(0, at) + message + err.stack.slice(at + err.message.length));
}

/**
 * The one way an error goes into a log line: name, message, cause and stack, each without the query
 * parameters a database error carries.
 */
export function errorFields(err: unknown): LogFields {
  if (!(err instanceof Error)) return { error: 'unknown', message: redact(String(err)) };
  const message = redact(err.message);
  return {
    error: err.name,
    message,
    cause: err.cause === undefined ? null : redact(err.cause instanceof Error ? err.cause.message : String(err.cause)),
    stack: redactStack(err, message),
  };
}

function scrub(fields: LogFields | undefined): LogFields {
  const clean: LogFields = {};
  for (const [name, value] of Object.entries(fields ?? {})) {
    clean[name] = PII_FIELDS.has(name.toLowerCase()) ? '[redacted]' : typeof value === 'string' ? redact(value) : value;
  }
  return clean;
}

/**
 * Structured JSON lines. Callers pass ids and counts only; errors go through `errorFields`. As a
 * second line of defence every line is scrubbed: PII field names are blanked, bound query parameters
 * and e-mail addresses removed from every string.
 */
export class Logger {
  private readonly base: LogFields;
  constructor(
    private readonly level: Level,
    base: LogFields = {},
  ) {
    this.base = scrub(base);
  }

  child(fields: LogFields): Logger {
    return new Logger(this.level, { ...this.base, ...fields });
  }

  debug(msg: string, fields?: LogFields) {
    this.write('debug', msg, fields);
  }
  info(msg: string, fields?: LogFields) {
    this.write('info', msg, fields);
  }
  warn(msg: string, fields?: LogFields) {
    this.write('warn', msg, fields);
  }
  error(msg: string, fields?: LogFields) {
    this.write('error', msg, fields);
  }

  private write(level: Level, msg: string, fields?: LogFields) {
    if (ORDER[level] < ORDER[this.level]) return;
    const line = JSON.stringify({
      level,
      msg: redact(msg),
      time: new Date().toISOString(),
      ...this.base,
      ...scrub(fields),
    });
    if (level === 'error') console.error(line);
    else if (level === 'warn') console.warn(line);
    else console.log(line);
  }
}
