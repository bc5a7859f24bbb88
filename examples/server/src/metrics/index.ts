// Prometheus metrics of the server (GET /metrics) and the timers that feed its latencies.
export type {
  MetricsRecorder,
  PushOutcome,
  RateBudget,
  RedisCaller,
  ServerMetrics,
  ServerMetricsOptions,
} from './metrics';
export { NO_METRICS, createServerMetrics } from './metrics';
export { METRICS_PATH, metricsRoute } from './metrics-route';
export { timePgPool, timePglite, timedScriptClient } from './timers';
