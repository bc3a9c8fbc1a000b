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

    /// Makes swift-metrics record into ``registry``. Call once, before the first metric is made;
    /// a daemon's `main` does it.
    public static func bootstrap() {
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    }

    /// The registry in the Prometheus text exposition format (version 0.0.4).
    public static func render() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}
