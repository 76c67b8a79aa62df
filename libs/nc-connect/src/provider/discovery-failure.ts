import * as client from 'openid-client';
import { NcConnectError } from '../errors/nc-connect-error.js';
import { mapProviderError } from './map-provider-error.js';

/** oauth4webapi's codes (openid-client does not re-export them). */
const ATTRIBUTE_MISMATCH = 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED';
const UNEXPECTED_STATUS = 'OAUTH_RESPONSE_IS_NOT_CONFORM';

/** A provider-chosen value, quoted on one line and cut short, fit for a log line. */
function quoted(value: unknown): string {
  return JSON.stringify(String(value).slice(0, 200));
}

/** Where openid-client looks for the discovery document of `issuer`. */
function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
}

/**
 * What a failed discovery means for the settings, when openid-client's message does not say it:
 * both issuers when the document names another one, the status and URL when discovery answered an
 * HTTP error (a wrong realm path answers 404). `undefined` for any other failure.
 */
export function discoveryDetail(err: unknown, issuer: string): string | undefined {
  if (!(err instanceof client.ClientError)) return undefined;
  const cause = err.cause as { attribute?: unknown; body?: { issuer?: unknown } } | undefined;
  if (err.code === ATTRIBUTE_MISMATCH && cause?.attribute === 'issuer') {
    return (
      `the discovery document names the issuer ${quoted(cause.body?.issuer)}, not the expected issuer ` +
      `${quoted(issuer)}: check the issuer setting`
    );
  }
  const response = err.cause as { status?: unknown; url?: unknown } | undefined;
  if (err.code === UNEXPECTED_STATUS && typeof response?.status === 'number') {
    const url = typeof response.url === 'string' && response.url !== '' ? response.url : discoveryUrl(issuer);
    return `GET ${url} answered HTTP ${response.status}: check the issuer setting (its realm path)`;
  }
  return undefined;
}

/**
 * A failed discovery as the library's error, whose cause (logged, never shown) says what to check
 * when it can: see {@link discoveryDetail}.
 */
export function discoveryError(err: unknown, issuer: string): NcConnectError {
  const error = mapProviderError(err, 'discovery');
  const detail = discoveryDetail(err, issuer);
  if (!detail) return error;
  return new NcConnectError(error.code, error.message, { cause: new Error(detail, { cause: err }) });
}
