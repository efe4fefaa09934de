export { type MetricsSources, NodeMetrics, type ScoreBand, scoreBand } from './node-metrics.js'
