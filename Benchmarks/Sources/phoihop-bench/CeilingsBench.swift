// `phoihop-bench ceilings`: what this machine can do at most, measured in the same run as the
// system's own figures (docs/PERFORMANCE.md), so each of those is read against its ceiling:
//
// * transport: raw libzmq PUSH → PULL over TCP loopback, one act's frames per message (the same
//   topic, header and body sizes as a real signed act), without and with CURVE;
// * store: SQLite inserts of an act-sized row in WAL mode with `synchronous=FULL` (the daemons'
//   `durability: full`) and `NORMAL`, one row per transaction and in batches, so the cost of a
//   commit (an fsync) is separate from the cost of a row;
// * signatures: Ed25519 sign and verify of an act's signing input, one core (`signatures`).
import Foundation
import GRDB
import PhoiHopProtocol
import Sodium
import ZeroMQ

/// The frames of one real act as the bus sends it: topic, header (with its signature), body.
func actFrames() throws -> [[UInt8]] {
    let key = SigningKeyPair.generate()
    let body = try business(1).encoded()
    let id = UUID().uuidString.lowercased()
    let ts: Int64 = 1_795_000_000_000
    let signature = key.sign(Envelope.signingInput(type: .businessRegistered, schema: 1, id: id, author: district, ts: ts, body: body))
    let envelope = Envelope(type: .businessRegistered, id: id, origin: district, to: .hub, seq: 123_456, ts: ts,
                            sig: signature.base64)
    return WireMessage.message(envelope, body: body).frames()
}

/// Messages per second through one PUSH → PULL pair over TCP loopback (libzmq's I/O threads do
/// the work; the two ends are threads of this process).
func zmqCeiling(frames: [[UInt8]], messages: Int, curve: Bool) throws -> Double {
    let context = try ZMQContext()
    defer { context.terminate() }
    let pull = try ZMQSocket(context: context, type: .pull)
    defer { pull.close() }
    let server = try CurveKeyPair.generate()
    if curve { try pull.setCurveServer(secretKey: server.secretKey) }
    try pull.bind("tcp://127.0.0.1:*")
    let endpoint = try pull.lastEndpoint
    // The sending socket belongs to the sending thread: made, used and closed there — once the
    // receiver has everything (the sockets close with no linger, dropping what is still queued).
    let received = DispatchSemaphore(value: 0)
    let sender = Thread {
        do {
            let push = try ZMQSocket(context: context, type: .push)
            defer { received.wait(); push.close() }
            if curve { try push.setCurveClient(serverKey: server.publicKey, keyPair: try CurveKeyPair.generate()) }
            try push.connect(endpoint)
            for _ in 0...messages { _ = try push.send(frames) }
        } catch { fail("zmq sender: \(error)") }
    }
    sender.start()
    // The first message waits for the connection (and the handshake): the clock starts after it.
    _ = try pull.receive()
    let start = now()
    var count = 0
    while count < messages {
        if try pull.receive() != nil { count += 1 }
    }
    let rate = Double(messages) / (now() - start)
    received.signal()
    return rate
}

/// Rows per second into an act-sized table: `batch` rows per transaction.
func sqliteCeiling(rowBytes: Int, rows: Int, batch: Int, synchronous: String) throws -> Double {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("phoihop-sqlitebench-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    var configuration = Configuration()
    configuration.prepareDatabase { db in
        try db.execute(sql: "PRAGMA journal_mode = WAL")
        try db.execute(sql: "PRAGMA synchronous = \(synchronous)")
    }
    let queue = try DatabaseQueue(path: dir.appendingPathComponent("ceiling.sqlite").path, configuration: configuration)
    try queue.write { db in
        try db.execute(sql: "CREATE TABLE log (position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, body BLOB NOT NULL)")
    }
    let payload = [UInt8](repeating: 0x61, count: rowBytes)
    let ids = (0..<rows).map { _ in UUID().uuidString.lowercased() }
    let start = now()
    var index = 0
    while index < rows {
        let end = min(index + batch, rows)
        try queue.write { db in
            let statement = try db.cachedStatement(sql: "INSERT INTO log (id, body) VALUES (?, ?)")
            for i in index..<end { try statement.execute(arguments: [ids[i], Data(payload)]) }
        }
        index = end
    }
    return Double(rows) / (now() - start)
}

func ceilings() throws {
    let frames = try actFrames()
    let size = frames.map(\.count).reduce(0, +)
    let messages = Int(environment["BENCH_ZMQ_MESSAGES"] ?? "") ?? 200_000
    print("ceilings of this machine (\(ProcessInfo.processInfo.activeProcessorCount) cores), measured now:")
    print(String(format: "libzmq PUSH→PULL, tcp loopback, one act (%d frames, %d bytes), %d messages:", frames.count, size, messages))
    for curve in [false, true] {
        let rate = try zmqCeiling(frames: frames, messages: messages, curve: curve)
        print(String(format: "  %-12@ %10.0f msg/s", (curve ? "CURVE" : "plain") as NSString, rate))
    }
    let rowBytes = frames[1].count + frames[2].count
    let version = try DatabaseQueue().read { db in try String.fetchOne(db, sql: "SELECT sqlite_version()") } ?? "?"
    print("SQLite \(version) WAL, one \(rowBytes)-byte row per act (header + body), rows/s:")
    print("  synchronous   batch 1   batch 10   batch 100   batch 1000")
    for synchronous in ["FULL", "NORMAL"] {
        var line = String(format: "  %-11@", synchronous as NSString)
        for batch in [1, 10, 100, 1000] {
            let rows = batch == 1 ? (synchronous == "FULL" ? 2_000 : 20_000) : min(200_000, batch * 2_000)
            line += String(format: " %9.0f", try sqliteCeiling(rowBytes: rowBytes, rows: rows, batch: batch, synchronous: synchronous))
        }
        print(line)
    }
    try signatures()
}

/// `phoihop-bench decode`: WireMessage.decode of one real act's frames, one core — what the
/// receiving side spends on each act's header before any store work.
func decodeRate() throws {
    let frames = try actFrames()
    let rounds = 200_000
    var decoded = 0
    let start = now()
    for _ in 0..<rounds {
        if case .message = try WireMessage.decode(frames: frames) { decoded += 1 }
    }
    guard decoded == rounds else { fail("a header failed to decode") }
    let rate = Double(rounds) / (now() - start)
    print(String(format: "WireMessage.decode, one act (%d-byte header), 1 core: %.0f/s (%.1f µs each)", frames[1].count, rate, 1e6 / rate))

    // The body: read by hand (what the daemons do), and by JSONDecoder (what they did).
    guard case let .message(envelope, body) = try WireMessage.decode(frames: frames) else { fail("not an act") }
    let byHandStart = now()
    for _ in 0..<rounds { _ = try MessageBody.decode(type: envelope.type, schema: envelope.schema, bytes: body) }
    let byHand = Double(rounds) / (now() - byHandStart)
    let decoderStart = now()
    for _ in 0..<rounds { try WireJSON.decode(body, as: BusinessRegistered.self, frame: "body").validate() }
    let decoder = Double(rounds) / (now() - decoderStart)
    print(String(format: "MessageBody.decode, one act (%d-byte %@ body), 1 core: %.0f/s (%.1f µs each); with JSONDecoder: %.0f/s (%.1f µs)",
                 body.count, envelope.type.rawValue, byHand, 1e6 / byHand, decoder, 1e6 / decoder))
}
