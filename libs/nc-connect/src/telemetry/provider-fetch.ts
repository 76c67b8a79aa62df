import { performance } from 'node:perf_hooks';
import { SpanKind, SpanStatusCode, type Attributes } from '@opentelemetry/api';
import type { NcConnectTelemetry } from './nc-connect-telemetry.js';
import { withoutQuery, type ProviderEndpoints } from './provider-endpoints.js';
import { Attr, SpanName } from './telemetry-names.js';

/** A `fetch` as openid-client's and jose's `customFetch` call it. */
export type ProviderFetch = (url: string, init?: object) => Promise<Response>;

/** A low-cardinality name for a request that got no answer: the system's code (`ECONNREFUSED`) or the error's name. */
function failureType(err: unknown): string {
  const code = (err as { cause?: { code?: unknown } } | null)?.cause?.code;
  if (typeof code === 'string') return code;
  return err instanceof Error ? err.name : 'Error';
}

/**
 * `fetch` traced and timed: every request the library makes to NC Connect (discovery, token,
 * userinfo, JWKS, introspection) is a client span `nc_connect.provider.<endpoint>`, a child of the
 * span that caused it (a callback, a bearer check…), and a measurement of
 * `nc_connect.provider.request.duration`. Attributes follow OpenTelemetry's HTTP conventions;
 * `url.full` has no query string, and nothing of the request or answer bodies is recorded.
 */
export function tracedProviderFetch(
  fetchFn: ProviderFetch,
  telemetry: NcConnectTelemetry,
  endpoints: ProviderEndpoints,
): ProviderFetch {
  return (url, init) => {
    const target = new URL(url);
    const endpoint = endpoints.nameOf(target);
    const method = ((init as { method?: string } | undefined)?.method ?? 'GET').toUpperCase();
    const common: Attributes = {
      ...telemetry.instanceAttributes,
      [Attr.ENDPOINT]: endpoint,
      [Attr.HTTP_METHOD]: method,
      [Attr.SERVER_ADDRESS]: target.hostname,
    };
    const spanAttributes: Attributes = {
      ...common,
      [Attr.SERVER_PORT]: Number(target.port || (target.protocol === 'https:' ? 443 : 80)),
      [Attr.URL_FULL]: withoutQuery(target),
    };
    const started = performance.now();
    return telemetry.tracer.startActiveSpan(
      `${SpanName.PROVIDER}${endpoint}`,
      { kind: SpanKind.CLIENT, attributes: spanAttributes },
      async (span) => {
        const outcome: Attributes = {};
        try {
          const response = await fetchFn(url, init);
          outcome[Attr.HTTP_STATUS] = response.status;
          if (response.status >= 400) outcome[Attr.ERROR_TYPE] = String(response.status);
          return response;
        } catch (err) {
          outcome[Attr.ERROR_TYPE] = failureType(err);
          throw err;
        } finally {
          span.setAttributes(outcome);
          if (outcome[Attr.ERROR_TYPE] !== undefined) span.setStatus({ code: SpanStatusCode.ERROR });
          span.end();
          telemetry.providerDuration.record((performance.now() - started) / 1000, { ...common, ...outcome });
        }
      },
    );
  };
}
