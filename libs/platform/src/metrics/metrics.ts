import { Counter, Gauge, Histogram, register, type CounterConfiguration, type GaugeConfiguration, type HistogramConfiguration } from 'prom-client';

// One process may host several app modules (npm start), and tests boot apps repeatedly:
// metrics are created once per name on the default registry and shared.
function once<T>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

export const metrics = {
  counter: <L extends string>(config: CounterConfiguration<L>) => once(config.name, () => new Counter(config)),
  gauge: <L extends string>(config: GaugeConfiguration<L>) => once(config.name, () => new Gauge(config)),
  histogram: <L extends string>(config: HistogramConfiguration<L>) => once(config.name, () => new Histogram(config)),
};

export const httpRequestDuration = metrics.histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request latency by method, route and status code',
  labelNames: ['method', 'route', 'status_code'],
  buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
});
