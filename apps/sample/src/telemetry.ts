/** A started OpenTelemetry SDK, to flush and stop when the app stops. */
export interface SampleTelemetry {
  shutdown(): Promise<void>;
}

/**
 * Starts OpenTelemetry's Node SDK when the environment asks for an exporter (`OTEL_TRACES_EXPORTER`,
 * e.g. `console`, or `OTEL_EXPORTER_OTLP_ENDPOINT`), before the app is created: the library's spans
 * and metrics then go there. Otherwise the SDK is not even loaded, and the library talks to
 * `@opentelemetry/api`'s no-op tracer and meter. The SDK reads the usual `OTEL_*` variables; metrics
 * and logs are exported only to an OTLP endpoint (or where `OTEL_METRICS_EXPORTER` says).
 */
/** @param env the environment (the SDK itself reads `process.env`) */
export async function startTelemetry(env: NodeJS.ProcessEnv = process.env): Promise<SampleTelemetry | undefined> {
  if (!env.OTEL_TRACES_EXPORTER && !env.OTEL_EXPORTER_OTLP_ENDPOINT) return undefined;
  env.OTEL_SERVICE_NAME ??= 'nc-connect-sample';
  env.OTEL_METRICS_EXPORTER ??= env.OTEL_EXPORTER_OTLP_ENDPOINT ? 'otlp' : 'none';
  env.OTEL_LOGS_EXPORTER ??= env.OTEL_EXPORTER_OTLP_ENDPOINT ? 'otlp' : 'none';
  const { NodeSDK } = await import('@opentelemetry/sdk-node');
  const sdk = new NodeSDK();
  sdk.start();
  return sdk;
}
