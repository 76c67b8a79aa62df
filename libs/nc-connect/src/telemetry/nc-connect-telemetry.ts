import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import {
  metrics,
  SpanStatusCode,
  trace,
  type Attributes,
  type Counter,
  type Histogram,
  type ObservableCallback,
  type ObservableGauge,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { outcomeOf } from '../audit/login-events.js';
import type { NcConnectOutcome } from '../audit/nc-connect-audit-event.js';
import type { NcConnectConfig } from '../config/nc-connect-config.js';
import { NC_CONNECT_CONFIG, NC_CONNECT_SESSION_STORE } from '../nc-connect.constants.js';
import { MemorySessionStore } from '../session/memory-session.store.js';
import { SessionLifetime } from '../session/session-lifetime.js';
import type { NcConnectSessionStore } from '../session/session-store.js';
import { Attr, INSTRUMENTATION_SCOPE, MetricName } from './telemetry-names.js';

/**
 * One instance's spans and metrics, through `@opentelemetry/api` only: without an OpenTelemetry SDK
 * the API's no-op tracer and meter make every call here a few no-op calls. The instruments are made
 * when the module is created, so an app registers its SDK before creating the Nest app. @internal
 */
@Injectable()
export class NcConnectTelemetry implements OnModuleDestroy {
  readonly tracer: Tracer;
  /** `nc_connect.instance`, on every span and measurement. */
  readonly instanceAttributes: Attributes;
  readonly providerDuration: Histogram;
  private readonly logins: Counter;
  private readonly bearerChecks: Counter;
  private readonly activeSessions: ObservableGauge;
  private readonly observeSessions?: ObservableCallback;

  constructor(
    @Inject(NC_CONNECT_CONFIG) config: NcConnectConfig,
    @Inject(NC_CONNECT_SESSION_STORE) store: NcConnectSessionStore,
  ) {
    this.tracer = trace.getTracer(INSTRUMENTATION_SCOPE);
    this.instanceAttributes = Object.freeze({ [Attr.INSTANCE]: config.instance });
    const meter = metrics.getMeter(INSTRUMENTATION_SCOPE);
    this.logins = meter.createCounter(MetricName.LOGINS, {
      description: 'Logins by outcome (ok, or the NC_CONNECT_* code of the refusal or failure)',
      unit: '{login}',
    });
    this.bearerChecks = meter.createCounter(MetricName.BEARER_CHECKS, {
      description: 'Bearer access tokens checked, by outcome',
      unit: '{check}',
    });
    this.providerDuration = meter.createHistogram(MetricName.PROVIDER_REQUEST_DURATION, {
      description: 'Duration of the requests the library makes to NC Connect, by endpoint',
      unit: 's',
    });
    this.activeSessions = meter.createObservableGauge(MetricName.ACTIVE_SESSIONS, {
      description: 'Live sessions in the in-process session store',
      unit: '{session}',
    });
    if (store instanceof MemorySessionStore) {
      const lifetime = new SessionLifetime(config.session);
      this.observeSessions = (result) => {
        const now = Date.now();
        result.observe(
          store.countSessions((record) => !lifetime.expired(record, now)),
          this.instanceAttributes,
        );
      };
      this.activeSessions.addCallback(this.observeSessions);
    }
  }

  onModuleDestroy(): void {
    if (this.observeSessions) this.activeSessions.removeCallback(this.observeSessions);
  }

  /**
   * Runs `work` in an active span `name` (the parent of the provider requests it makes), which ends
   * with `nc_connect.outcome`: `ok`, or the error's code, also as `error.type` with an error status.
   */
  inSpan<T>(name: string, work: (span: Span) => Promise<T>, attributes?: Attributes): Promise<T> {
    return this.tracer.startActiveSpan(
      name,
      { attributes: attributes ? { ...this.instanceAttributes, ...attributes } : this.instanceAttributes },
      async (span) => {
        try {
          const result = await work(span);
          span.setAttribute(Attr.OUTCOME, 'ok');
          return result;
        } catch (err) {
          const outcome = outcomeOf(err);
          span.setAttributes({ [Attr.OUTCOME]: outcome, [Attr.ERROR_TYPE]: outcome });
          span.setStatus({ code: SpanStatusCode.ERROR });
          throw err;
        } finally {
          span.end();
        }
      },
    );
  }

  /** Counts a login: a callback's outcome, or a login that could not start. */
  loginCounted(stage: 'start' | 'callback', outcome: NcConnectOutcome): void {
    this.logins.add(1, { ...this.instanceAttributes, [Attr.OUTCOME]: outcome, [Attr.LOGIN_STAGE]: stage });
  }

  /** Counts a bearer token check. */
  bearerChecked(outcome: NcConnectOutcome): void {
    this.bearerChecks.add(1, { ...this.instanceAttributes, [Attr.OUTCOME]: outcome });
  }
}
