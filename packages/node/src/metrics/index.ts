export { nodePackageVersion } from './build-info.js'
export { type MetricsSources, NodeMetrics, type ScoreBand, scoreBand } from './node-metrics.js'
export { type MetricsServer, MetricsStartError, startMetricsServer } from './server.js'
