import Metrics
import PhoiHopMetrics
import Testing

/// Metrics recorded through swift-metrics come out of the registry in the Prometheus text format.
struct MetricsRenderTests {
    @Test func aCounterRecordedAfterBootstrapIsRenderedWithItsLabelsAndValue() {
        PhoiHopMetrics.bootstrap()
        Counter(label: "phoihop_test_total", dimensions: [("agency", "district-tan-an")]).increment(by: 3)
        let text = PhoiHopMetrics.render()
        #expect(text.contains("# TYPE phoihop_test_total counter"))
        #expect(text.contains(#"phoihop_test_total{agency="district-tan-an"} 3"#))
    }
}
