/// # PhoiHopMetrics
///
/// What a daemon counts about itself, for the operator's Prometheus (`GET /metrics` on the hub's
/// dashboard): the code that does the work records through the swift-metrics API (`Counter`,
/// `Timer`, `Gauge` with a label and dimensions), and this module bootstraps the process's
/// metrics system with swift-prometheus's registry once, at start, and renders that registry in
/// the Prometheus text exposition format. Nothing here knows the bus or the store.
public import Prometheus
import Metrics

public enum PhoiHopMetrics {
    /// The process's registry; every metric recorded through swift-metrics after
    /// ``bootstrap()`` lands here.
    public static let registry = PrometheusCollectorRegistry()

    /// Makes swift-metrics record into ``registry``, once per process: a second call (a test
    /// suite's next test) does nothing, where swift-metrics itself would stop the process. Call
    /// it before the first metric is made; a metric made before records into swift-metrics'
    /// no-op backend for good. A daemon's `main` does it.
    public static func bootstrap() {
        _ = bootstrapped
    }

    /// Every `Timer` of the process is a histogram with these buckets: what the bus measures
    /// (an apply's latency) runs from under a millisecond (a batch applied at once) to seconds
    /// (a disk that fsyncs slowly, a backlog after an outage).
    public static let durationBuckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500),
        .seconds(5), .seconds(10),
    ]

    /// Swift initialises a static `let` once, thread-safely: the one bootstrap of the process.
    private static let bootstrapped: Void = {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = durationBuckets
        MetricsSystem.bootstrap(factory)
    }()

    /// The registry in the Prometheus text exposition format (version 0.0.4).
    public static func render() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}
