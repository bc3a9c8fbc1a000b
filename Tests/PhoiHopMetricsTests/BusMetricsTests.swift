import Metrics
import PhoiHopBus
import PhoiHopMetrics
import PhoiHopProtocol
import Testing

/// The bus's metrics come out under the names, types and labels docs/METRICS.md gives. Each test
/// uses agencies of its own, so tests running at once in this process never share a series.
struct BusMetricsTests {
    init() { PhoiHopMetrics.bootstrap() }

    func agency(_ name: String) -> AgencyID { AgencyID(rawValue: "district-\(name)")! }

    @Test func messagesReceivedAndSentAreCountedPerAgencyAndType() {
        var metrics = BusMetrics()
        let from = agency("metrics-received"), to = agency("metrics-sent")
        metrics.countReceived(from: from, type: .businessRegistered)
        metrics.countReceived(from: from, type: .businessRegistered)
        metrics.countReceived(from: from, type: .businessClosed)
        metrics.countSent(to: to, type: .inspectionPlanned)
        let text = PhoiHopMetrics.render()
        #expect(text.contains("# TYPE phoihop_messages_received_total counter"))
        #expect(text.contains(#"phoihop_messages_received_total{agency="district-metrics-received",type="business.registered"} 2"#))
        #expect(text.contains(#"phoihop_messages_received_total{agency="district-metrics-received",type="business.closed"} 1"#))
        #expect(text.contains("# TYPE phoihop_messages_sent_total counter"))
        #expect(text.contains(#"phoihop_messages_sent_total{agency="district-metrics-sent",type="inspection.planned"} 1"#))
    }

    @Test func resendsAndAcknowledgementsAreCountedPerAgency() {
        var metrics = BusMetrics()
        let peer = agency("metrics-acks")
        metrics.countResent(to: peer, 4)
        metrics.countAcknowledged(by: peer, 7)
        metrics.countAckSent(to: peer)
        let text = PhoiHopMetrics.render()
        #expect(text.contains(#"phoihop_messages_resent_total{agency="district-metrics-acks"} 4"#))
        #expect(text.contains(#"phoihop_messages_acknowledged_total{agency="district-metrics-acks"} 7"#))
        #expect(text.contains(#"phoihop_acks_sent_total{agency="district-metrics-acks"} 1"#))
    }

    @Test func rejectionsAreCountedByTheReasonTheRejectionsTableStores() {
        var metrics = BusMetrics()
        metrics.countRejected("metrics-test-reason")
        metrics.countRejected("metrics-test-reason", by: 2)
        let text = PhoiHopMetrics.render()
        #expect(text.contains("# TYPE phoihop_rejected_total counter"))
        #expect(text.contains(#"phoihop_rejected_total{reason="metrics-test-reason"} 3"#))
    }

    @Test func backlogAndOnlineAreGaugesPerAgencyAndDirection() {
        var metrics = BusMetrics()
        let peer = agency("metrics-backlog")
        metrics.setBacklog(peer, outbound: 12, inbound: 3)
        metrics.setBacklog(peer, outbound: 0, inbound: nil)
        metrics.setOnline(peer, true)
        let text = PhoiHopMetrics.render()
        #expect(text.contains("# TYPE phoihop_backlog_messages gauge"))
        #expect(text.contains(#"phoihop_backlog_messages{agency="district-metrics-backlog",direction="outbound"} 0.0"#))
        #expect(text.contains(#"phoihop_backlog_messages{agency="district-metrics-backlog",direction="inbound"} 3.0"#))
        #expect(text.contains(#"phoihop_peer_online{agency="district-metrics-backlog"} 1.0"#))
    }

    @Test func applyLatencyIsAHistogramInSecondsWithBucketsFromMillisecondsToSeconds() {
        let metrics = BusMetrics()
        metrics.recordApplyLatency(.milliseconds(3))
        let text = PhoiHopMetrics.render()
        #expect(text.contains("# TYPE phoihop_apply_latency_seconds histogram"))
        for bound in ["0.0005", "0.001", "0.005", "0.1", "1.0", "2.5", "10.0", "+Inf"] {
            #expect(text.contains(#"phoihop_apply_latency_seconds_bucket{le="\#(bound)"}"#), "no bucket le=\(bound)")
        }
        #expect(text.contains(#"phoihop_apply_latency_seconds_bucket{le="0.002"} 0"#))
        #expect(text.contains(#"phoihop_apply_latency_seconds_bucket{le="0.005"} 1"#))
        #expect(text.contains("phoihop_apply_latency_seconds_count 1"))
    }

    @Test func bootstrappingTwiceKeepsTheFirstRegistry() {
        PhoiHopMetrics.bootstrap()
        Counter(label: "phoihop_metrics_test_bootstrap_total").increment()
        #expect(PhoiHopMetrics.render().contains("phoihop_metrics_test_bootstrap_total 1"))
    }
}
