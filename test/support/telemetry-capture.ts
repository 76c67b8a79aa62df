import { context, metrics, trace, type Attributes } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type DataPoint,
} from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace';

/** One metric data point as exported: the metric's name, its attributes and its value. */
export interface CapturedPoint {
  name: string;
  attributes: Attributes;
  value: DataPoint<unknown>['value'];
}

/**
 * An OpenTelemetry SDK registered globally for this test file (as an app's `main.ts` would, before
 * the Nest app is created), exporting to the SDK's in-memory exporters: the spans the library ends,
 * and the metrics it records, collected on demand.
 */
export class TelemetryCapture {
  private readonly spanExporter = new InMemorySpanExporter();
  private readonly metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  private readonly reader = new PeriodicExportingMetricReader({
    exporter: this.metricExporter,
    exportIntervalMillis: 3_600_000,
  });
  private readonly tracerProvider = new TracerProvider({
    spanProcessors: [new SimpleSpanProcessor({ exporter: this.spanExporter })],
  });
  private readonly meterProvider = new MeterProvider({ readers: [this.reader] });
  private readonly contextManager = new AsyncLocalStorageContextManager().enable();

  constructor() {
    context.setGlobalContextManager(this.contextManager);
    trace.setGlobalTracerProvider(this.tracerProvider);
    metrics.setGlobalMeterProvider(this.meterProvider);
  }

  /** The spans ended so far. */
  spans(): ReadableSpan[] {
    return this.spanExporter.getFinishedSpans();
  }

  /** The ended spans named `name`. */
  spansNamed(name: string): ReadableSpan[] {
    return this.spans().filter((span) => span.name === name);
  }

  /** The spans whose parent is `parent`. */
  childrenOf(parent: ReadableSpan): ReadableSpan[] {
    return this.spans().filter((span) => span.parentSpanContext?.spanId === parent.spanContext().spanId);
  }

  /** Every metric data point recorded so far (cumulative), collected now. */
  async points(): Promise<CapturedPoint[]> {
    this.metricExporter.reset();
    await this.reader.forceFlush();
    return this.metricExporter
      .getMetrics()
      .flatMap((resource) => resource.scopeMetrics)
      .flatMap((scope) => scope.metrics)
      .flatMap((metric) =>
        metric.dataPoints.map((point) => ({
          name: metric.descriptor.name,
          attributes: point.attributes,
          value: point.value as DataPoint<unknown>['value'],
        })),
      );
  }

  /** Forgets the spans ended so far. */
  resetSpans(): void {
    this.spanExporter.reset();
  }

  async shutdown(): Promise<void> {
    await this.meterProvider.shutdown();
    await this.tracerProvider.shutdown();
    this.contextManager.disable();
    trace.disable();
    metrics.disable();
    context.disable();
  }
}
