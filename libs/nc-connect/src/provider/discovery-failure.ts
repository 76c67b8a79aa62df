import * as client from 'openid-client';
import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';
import { failureKindOfStatus, type FailureKind } from './failure-kind.js';
import { mapProviderError } from './map-provider-error.js';

/** oauth4webapi's codes (openid-client does not re-export them). */
const ATTRIBUTE_MISMATCH = 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED';
const UNEXPECTED_STATUS = 'OAUTH_RESPONSE_IS_NOT_CONFORM';

/** A failed discovery: the library's error (whose cause, logged, says what to check) and its kind. */
export interface DiscoveryFailure {
  error: NcConnectError;
  kind: FailureKind;
}

/** A provider-chosen value, quoted on one line and cut short, fit for a log line. */
function quoted(value: unknown): string {
  return JSON.stringify(String(value).slice(0, 200));
}

/** Where openid-client looks for the discovery document of `issuer`. */
function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
}

function misconfigured(detail: string, err: unknown): DiscoveryFailure {
  const error = new NcConnectError(
    Code.ISSUER_MISCONFIGURED,
    "The issuer setting does not lead to NC Connect's discovery document; the service's settings need fixing.",
    { cause: new Error(detail, { cause: err }) },
  );
  return { error, kind: 'configuration' };
}

/**
 * What a failed discovery means, by openid-client's error codes: a document naming another issuer
 * (both issuers named) or an HTTP 4xx (the status and URL named; a wrong realm path answers 404) is
 * a configuration error, `NC_CONNECT_ISSUER_MISCONFIGURED`; anything else (unreachable, 5xx, a
 * malformed document) an outage, as {@link mapProviderError} says.
 */
export function discoveryFailure(err: unknown, issuer: string): DiscoveryFailure {
  if (err instanceof client.ClientError) {
    const cause = err.cause as { attribute?: unknown; body?: { issuer?: unknown } } | undefined;
    if (err.code === ATTRIBUTE_MISMATCH && cause?.attribute === 'issuer') {
      const detail =
        `the discovery document names the issuer ${quoted(cause.body?.issuer)}, not the expected issuer ` +
        `${quoted(issuer)}: check the issuer setting`;
      return misconfigured(detail, err);
    }
    const response = err.cause as { status?: unknown; url?: unknown } | undefined;
    if (err.code === UNEXPECTED_STATUS && typeof response?.status === 'number') {
      const url = typeof response.url === 'string' && response.url !== '' ? response.url : discoveryUrl(issuer);
      const detail = `GET ${url} answered HTTP ${response.status}`;
      if (failureKindOfStatus(response.status) === 'configuration') {
        return misconfigured(`${detail}: check the issuer setting (its realm path)`, err);
      }
      const error = mapProviderError(err, 'discovery');
      return {
        error: new NcConnectError(error.code, error.message, { cause: new Error(detail, { cause: err }) }),
        kind: 'outage',
      };
    }
  }
  return { error: mapProviderError(err, 'discovery'), kind: 'outage' };
}
