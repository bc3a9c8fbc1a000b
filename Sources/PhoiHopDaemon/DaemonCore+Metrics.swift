import GRDB
import Logging
import Metrics
import PhoiHopBus
import PhoiHopMetrics
import PhoiHopStore

/// What the daemon itself (not its bus node) reports to the process's metrics (docs/METRICS.md):
/// the store's size and the log's head, read every ``DaemonCore/metricsRefreshInterval`` and
/// before the `metrics` command answers, and the hub's refused handshakes, which its ZAP gate
/// counts outside the bus node.
struct DaemonMetrics {
    /// page_count × page_size: the database's logical size, pages still in the write-ahead log
    /// included (not the -wal file's own size on disk).
    let databaseBytes = Gauge(label: "phoihop_database_bytes")
    /// The message log's last position: the acts this daemon holds, recorded and applied.
    let logPosition = Gauge(label: "phoihop_log_position")
    /// The same series the bus node counts its rejections in, under the gate's reason.
    let refusedHandshakes = Counter(label: "phoihop_rejected_total", dimensions: [("reason", "refused-handshake")])
    /// What the gate had counted at the last refresh: the counter takes only what is new.
    var refusedHandshakesCounted: UInt64 = 0
}

extension DaemonCore {
    /// How often the store's gauges are read: two cheap statements, not worth doing per act.
    static let metricsRefreshInterval: Duration = .seconds(10)

    /// Reads the store's size and the log's head into their gauges, and counts the handshakes the
    /// gate refused since the last call. A failed read is logged; the gauges keep their last value.
    func refreshMetrics() {
        do {
            let (bytes, head) = try database.read { db in
                let pages = try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0
                let pageSize = try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 0
                return (pages * pageSize, try Int64.fetchOne(db, sql: "SELECT max(position) FROM message_log") ?? 0)
            }
            metrics.databaseBytes.record(bytes)
            metrics.logPosition.record(head)
        } catch {
            logger.warning("could not read the store's size for the metrics", metadata: ["error": "\(error)"])
        }
        if let refused = bus.gate?.refused, refused > metrics.refusedHandshakesCounted {
            metrics.refusedHandshakes.increment(by: refused - metrics.refusedHandshakesCounted)
            metrics.refusedHandshakesCounted = refused
        }
    }

    /// The `metrics` command: every metric of this process in the Prometheus text format, the
    /// store's gauges read just now.
    func metricsReply() -> [UInt8] {
        refreshMetrics()
        return ControlServer.success(PhoiHopMetrics.render())
    }
}
