import type { LoggerService } from '@nestjs/common';

/** A Nest logger that keeps every line, so that tests can read what the app logged. */
export class LogCollector implements LoggerService {
  readonly lines: string[] = [];

  private add(level: string, message: unknown, context: unknown[]): void {
    const ctx = context.filter((c) => typeof c === 'string').join(' ');
    this.lines.push(`${level} [${ctx}] ${message instanceof Error ? message.stack : String(message)}`);
  }

  log(message: unknown, ...context: unknown[]): void {
    this.add('log', message, context);
  }
  error(message: unknown, ...context: unknown[]): void {
    this.add('error', message, context);
  }
  warn(message: unknown, ...context: unknown[]): void {
    this.add('warn', message, context);
  }
  debug(message: unknown, ...context: unknown[]): void {
    this.add('debug', message, context);
  }
  verbose(message: unknown, ...context: unknown[]): void {
    this.add('verbose', message, context);
  }

  /** Lines logged by the library (context `NcConnect`). */
  library(): string[] {
    return this.lines.filter((line) => line.includes('[NcConnect]'));
  }
}
