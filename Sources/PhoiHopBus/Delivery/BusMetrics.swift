import Metrics
package import PhoiHopProtocol

/// What a bus node records in the process's swift-metrics system: the names, types and labels
/// of docs/METRICS.md. Without a bootstrapped backend (a test, the benchmark's own process) every
/// metric is swift-metrics' no-op.
///
/// The bus targets 100k messages a second, so a metric object is made once per label set and
/// kept in a dictionary: the hot path is a lookup and an atomic add, never a registry lookup
/// under its lock. Loop-confined, like the ``BusNode`` that owns it.
package struct BusMetrics {
    /// One peer's stream of one message type: the labels of the message counters.
    struct StreamType: Hashable {
        let agency: AgencyID
        let type: MessageType
    }

    private var received: [StreamType: Counter] = [:]
    private var sent: [StreamType: Counter] = [:]
    private var resent: [AgencyID: Counter] = [:]
    private var acknowledged: [AgencyID: Counter] = [:]
    private var acksSent: [AgencyID: Counter] = [:]
    private var rejected: [String: Counter] = [:]
    private var outboundBacklog: [AgencyID: Gauge] = [:]
    private var inboundBacklog: [AgencyID: Gauge] = [:]
    private var online: [AgencyID: Gauge] = [:]
    /// From a message's receipt off the socket to the commit that made its apply durable.
    private let applyLatency = Timer(label: "phoihop_apply_latency_seconds")

    package init() {}

    /// An act of `agency`'s stream applied here (a relay counts under the hub that relayed it).
    package mutating func countReceived(from agency: AgencyID, type: MessageType) {
        Self.counter(&received, StreamType(agency: agency, type: type), "phoihop_messages_received_total").increment()
    }

    /// An act queued, durably, in the outbox for `agency`.
    package mutating func countSent(to agency: AgencyID, type: MessageType) {
        Self.counter(&sent, StreamType(agency: agency, type: type), "phoihop_messages_sent_total").increment()
    }

    /// Messages put on the wire to `agency` again (go-back-N after a resend request or a timeout).
    package mutating func countResent(to agency: AgencyID, _ count: Int) {
        Self.counter(&resent, agency, "phoihop_messages_resent_total").increment(by: count)
    }

    /// Messages of ours that `agency` acknowledged for the first time.
    package mutating func countAcknowledged(by agency: AgencyID, _ count: UInt64) {
        Self.counter(&acknowledged, agency, "phoihop_messages_acknowledged_total").increment(by: count)
    }

    /// A cumulative acknowledgement this node sent to `agency`.
    package mutating func countAckSent(to agency: AgencyID) {
        Self.counter(&acksSent, agency, "phoihop_acks_sent_total").increment()
    }

    /// An input refused, under the reason the `rejections` table stores.
    package mutating func countRejected(_ reason: String, by count: Int = 1) {
        if let existing = rejected[reason] { return existing.increment(by: count) }
        let made = Counter(label: "phoihop_rejected_total", dimensions: [("reason", reason)])
        rejected[reason] = made
        made.increment(by: count)
    }

    /// How long a message waited between its receipt and its durable apply.
    package func recordApplyLatency(_ duration: Duration) {
        applyLatency.record(duration: duration)
    }

    /// The backlog on both of `agency`'s streams: ours to it not yet acknowledged, and what it
    /// says it holds for us that we have not applied.
    package mutating func setBacklog(_ agency: AgencyID, outbound: UInt64, inbound: UInt64?) {
        Self.gauge(&outboundBacklog, agency, "phoihop_backlog_messages", direction: "outbound").record(outbound)
        if let inbound { Self.gauge(&inboundBacklog, agency, "phoihop_backlog_messages", direction: "inbound").record(inbound) }
    }

    /// Whether `agency` was heard within three heartbeat intervals (1) or not (0).
    package mutating func setOnline(_ agency: AgencyID, _ isOnline: Bool) {
        Self.gauge(&online, agency, "phoihop_peer_online", direction: nil).record(isOnline ? 1 : 0)
    }

    private static func counter(_ cache: inout [StreamType: Counter], _ key: StreamType, _ label: String) -> Counter {
        if let existing = cache[key] { return existing }
        let made = Counter(label: label, dimensions: [("agency", key.agency.rawValue), ("type", key.type.rawValue)])
        cache[key] = made
        return made
    }

    private static func counter(_ cache: inout [AgencyID: Counter], _ agency: AgencyID, _ label: String) -> Counter {
        if let existing = cache[agency] { return existing }
        let made = Counter(label: label, dimensions: [("agency", agency.rawValue)])
        cache[agency] = made
        return made
    }

    private static func gauge(_ cache: inout [AgencyID: Gauge], _ agency: AgencyID, _ label: String, direction: String?) -> Gauge {
        if let existing = cache[agency] { return existing }
        let made = Gauge(label: label, dimensions: [("agency", agency.rawValue)] + (direction.map { [("direction", $0)] } ?? []))
        cache[agency] = made
        return made
    }
}
