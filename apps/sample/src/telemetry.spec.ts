import { afterAll, describe, expect, it } from '@jest/globals';
import { trace } from '@opentelemetry/api';
import { startTelemetry, type SampleTelemetry } from './telemetry.js';

const OTEL = ['OTEL_TRACES_EXPORTER', 'OTEL_SERVICE_NAME', 'OTEL_METRICS_EXPORTER', 'OTEL_LOGS_EXPORTER'];

describe("the sample's OpenTelemetry SDK", () => {
  const saved = Object.fromEntries(OTEL.map((name) => [name, process.env[name]]));
  let started: SampleTelemetry | undefined;
  afterAll(async () => {
    await started?.shutdown();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('is not started without an exporter in the environment: the library talks to the no-op API', async () => {
    const env: NodeJS.ProcessEnv = {};
    expect(await startTelemetry(env)).toBeUndefined();
    expect(env).toEqual({});
    expect(trace.getTracer('probe').startSpan('probe').isRecording()).toBe(false);
  });

  it('starts with OTEL_TRACES_EXPORTER=console, exporting traces only', async () => {
    for (const name of OTEL) delete process.env[name];
    process.env.OTEL_TRACES_EXPORTER = 'console';
    started = await startTelemetry();
    expect(started).toBeDefined();
    expect(process.env).toMatchObject({
      OTEL_SERVICE_NAME: 'nc-connect-sample',
      OTEL_METRICS_EXPORTER: 'none',
      OTEL_LOGS_EXPORTER: 'none',
    });
    expect(trace.getTracer('probe').startSpan('probe').isRecording()).toBe(true);
  });
});
