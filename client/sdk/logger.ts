export type LogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'TIME' | 'WARN' | 'ERROR' | 'OFF';

const RANK: Record<LogLevel, number> = { TRACE: 0, DEBUG: 1, INFO: 2, TIME: 2, WARN: 3, ERROR: 4, OFF: 5 };

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && value in RANK;
}

/** Console logging at or above a level (default WARN, as Telnyx's SDK). */
export class Logger {
  constructor(
    private readonly level: LogLevel = 'WARN',
    private readonly prefix = '[video-rooms]',
  ) {}

  private on(level: LogLevel): boolean {
    return RANK[level] >= RANK[this.level] && this.level !== 'OFF';
  }

  trace(...args: unknown[]): void {
    if (this.on('TRACE')) console.debug(this.prefix, ...args);
  }
  debug(...args: unknown[]): void {
    if (this.on('DEBUG')) console.debug(this.prefix, ...args);
  }
  info(...args: unknown[]): void {
    if (this.on('INFO')) console.info(this.prefix, ...args);
  }
  warn(...args: unknown[]): void {
    if (this.on('WARN')) console.warn(this.prefix, ...args);
  }
  error(...args: unknown[]): void {
    if (this.on('ERROR')) console.error(this.prefix, ...args);
  }
}
