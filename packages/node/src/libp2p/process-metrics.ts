/**
 * prom-client's default metrics (event-loop lag, GC, heap, handles) describe the process, not a node. Collected
 * per node, each of the 50 nodes a swarm host runs started its own 10 ms event-loop delay monitor and GC
 * PerformanceObserver, so one GC woke 50 observers. Here they are collected once per process, into one private
 * registry, and the same metric objects are registered in every node's registry, so each node's /metrics still
 * shows them.
 */
import { collectDefaultMetrics, type Metric, Registry } from 'prom-client'

let processRegistry: Registry | undefined

const EVENT_LOOP_MONITOR_MS = 100

/** The process-wide registry holding the default metrics; created (and collection started) on first use. */
export function processMetricsRegistry(): Registry {
  if (processRegistry === undefined) {
    processRegistry = new Registry()
    // The event-loop lag histogram samples with a timer: at prom-client's default 10 ms that timer alone cost
    // ~5 ms of CPU per second of an idle process here (measured: 52 ms per 10 s; 7.6 at 100 ms). Lag that matters
    // here is tens of ms to seconds, which a 100 ms timer still sees.
    collectDefaultMetrics({ register: processRegistry, eventLoopMonitoringPrecision: EVENT_LOOP_MONITOR_MS })
  }
  return processRegistry
}

/** Registers the process-wide default metrics in a node's registry (once; a second call is a no-op). */
export function shareProcessMetrics(registry: Registry): void {
  // getMetricsAsArray is typed as plain objects but returns the registered metric instances (prom-client 15).
  for (const metric of processMetricsRegistry().getMetricsAsArray()) {
    if (registry.getSingleMetric(metric.name) === undefined) registry.registerMetric(metric as unknown as Metric)
  }
}
