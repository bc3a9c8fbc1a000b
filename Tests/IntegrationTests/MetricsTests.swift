import Foundation
import PhoiHopBus
import PhoiHopConfig
import PhoiHopProtocol
import Testing
import ZeroMQ

/// What `phoihop metrics` says about real daemons: acts counted where they are applied, the
/// backlog back to nothing once they are acknowledged, a hostile input counted under its reason.
@Suite(.serialized)
struct MetricsTests {
    static let tanAn = ProvinceTests.tanAn

    /// The daemon's metrics text, as the real console prints it.
    static func metrics(_ province: Province, _ agency: AgencyID) throws -> String {
        let (status, output) = try BackupTests.console(province, ["metrics", "--control", province.controlPath(agency)])
        guard status == 0 else { throw ProvinceError("phoihop metrics exited \(status): \(output)") }
        return output
    }

    /// The value of one series (`name{labels}` exactly as rendered), or nil when it is not there.
    static func value(_ text: String, _ series: String) -> Double? {
        text.split(separator: "\n").lazy.compactMap { line -> Double? in
            guard line.hasPrefix(series + " ") else { return nil }
            return Double(line.dropFirst(series.count + 1))
        }.first
    }

    @Test func theHubCountsADistrictsActsByTypeAndItsBacklogReturnsToZero() throws {
        let province = try Province(districts: 1, today: "2026-11-20")
        defer { province.stopAll() }
        try province.start(.hub)
        try province.start(Self.tanAn)
        let acts = 5
        for i in 1...acts { try province.record(Self.tanAn, ProvinceTests.business("TA-M\(i)", in: Self.tanAn)) }

        let received = #"phoihop_messages_received_total{agency="district-tan-an",type="business.registered"}"#
        try province.waitUntil("the hub's metrics count the district's \(acts) acts", timeout: 30) {
            Self.value(try Self.metrics(province, .hub), received) == Double(acts)
        }
        let sent = #"phoihop_messages_sent_total{agency="so-tttt",type="business.registered"}"#
        #expect(Self.value(try Self.metrics(province, Self.tanAn), sent) == Double(acts))

        // Set on acknowledgement at the district, at each heartbeat at the hub.
        try province.waitUntil("the district's backlog to the hub is back to 0", timeout: 30) {
            Self.value(try Self.metrics(province, Self.tanAn), #"phoihop_backlog_messages{agency="so-tttt",direction="outbound"}"#) == 0
        }
        try province.waitUntil("the hub sees nothing held for it at the district", timeout: 30) {
            Self.value(try Self.metrics(province, .hub), #"phoihop_backlog_messages{agency="district-tan-an",direction="inbound"}"#) == 0
        }
        let hub = try Self.metrics(province, .hub)
        #expect((Self.value(hub, #"phoihop_acks_sent_total{agency="district-tan-an"}"#) ?? 0) >= 1)
        #expect((Self.value(hub, "phoihop_apply_latency_seconds_count") ?? 0) >= Double(acts))
        #expect(hub.contains(#"phoihop_apply_latency_seconds_bucket{le="0.001"}"#))
        #expect((Self.value(hub, "phoihop_database_bytes") ?? 0) > 0)
        #expect((Self.value(hub, "phoihop_log_position") ?? 0) >= Double(acts))
        #expect(Self.value(hub, #"phoihop_peer_online{agency="district-tan-an"}"#) == 1)
        let district = try Self.metrics(province, Self.tanAn)
        #expect((Self.value(district, #"phoihop_messages_acknowledged_total{agency="so-tttt"}"#) ?? 0) >= Double(acts))
    }

    @Test func aHostileInputIncrementsTheRejectedCounterUnderItsReason() throws {
        let province = try Province(districts: 1)
        defer { province.stopAll() }
        try province.start(.hub)
        let series = #"phoihop_rejected_total{reason="impersonation"}"#
        #expect(Self.value(try Self.metrics(province, .hub), series) == nil)

        // A raw client with the district's real key, claiming to be Công an (as HostileInputTests).
        let config = try DaemonConfig.load(file: province.configFile(Self.tanAn), environment: [:])
        let context = try ZMQContext()
        let socket = try ZMQSocket(context: context, type: .pub)
        defer { socket.close(); context.terminate() }
        try socket.setCurveClient(serverKey: config.hubPublicKey!, keyPair: config.keyPair)
        try socket.connect(config.endpoints.ingest)
        let impersonation = WireMessage.heartbeat(Heartbeat(
            origin: ProvinceTests.congAn, to: .hub, role: .congAn, version: "x", ts: 0, lastSeq: 0, applied: 0, pending: 0, rejected: 0))
        try province.waitUntil("the hub's metrics count the impersonation", timeout: 30) {
            try socket.send(impersonation.frames(), dontWait: true)
            return (Self.value(try Self.metrics(province, .hub), series) ?? 0) >= 1
        }
        // Once the last frames are in, the counter says what `phoihop status` says.
        try province.waitUntil("the metrics and the status count the same impersonations", timeout: 30) {
            let status = try province.status(.hub).counters.rejected["impersonation"] ?? 0
            return Self.value(try Self.metrics(province, .hub), series) == Double(status)
        }
    }
}
