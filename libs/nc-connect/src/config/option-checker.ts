import type { NcConnectOptionProblem } from './nc-connect-config.js';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** True for `localhost`, `127.0.0.0/8` and `[::1]`. */
function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** Collects the problems of the options, each naming its option, while reading them. */
export class Checker {
  readonly problems: NcConnectOptionProblem[] = [];

  fail(option: string, message: string): void {
    this.problems.push({ option, message });
  }

  /** A required non-empty string. */
  text(option: string, value: unknown): value is string {
    if (value === undefined || value === null || value === '') {
      this.fail(option, 'required');
      return false;
    }
    if (typeof value !== 'string' || value.trim() !== value) {
      this.fail(option, 'must be a string without surrounding spaces');
      return false;
    }
    return true;
  }

  /** An absolute URL, https unless on a loopback host, without a fragment. */
  url(option: string, value: unknown, { required }: { required: boolean }): URL | undefined {
    if (!required && (value === undefined || value === '')) return undefined;
    if (!this.text(option, value)) return undefined;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      this.fail(option, `must be an absolute URL, got "${value}"`);
      return undefined;
    }
    if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
      this.fail(option, 'must use https (plain http is accepted only on localhost, 127.0.0.1 and [::1])');
    } else if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      this.fail(option, 'must be an https URL');
    }
    if (url.hash !== '' || value.includes('#')) this.fail(option, 'must not contain a fragment (#)');
    if (url.username !== '' || url.password !== '') this.fail(option, 'must not contain credentials');
    return url;
  }

  /** A whole number between `min` and `max`. */
  number(option: string, value: unknown, fallback: number, min: number, max: number, unit: string): number {
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.fail(option, `must be a whole number of ${unit} between ${min} and ${max}`);
      return fallback;
    }
    return value;
  }
}
