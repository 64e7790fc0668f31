type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, string | number | boolean | null | undefined>;

/**
 * Structured JSON lines. Callers pass ids and counts only: guest names, emails, phones and card data
 * never go into a log line.
 */
export class Logger {
  constructor(
    private readonly level: Level,
    private readonly base: LogFields = {},
  ) {}

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
    const line = JSON.stringify({ level, msg, time: new Date().toISOString(), ...this.base, ...fields });
    if (level === 'error') console.error(line);
    else if (level === 'warn') console.warn(line);
    else console.log(line);
  }
}
