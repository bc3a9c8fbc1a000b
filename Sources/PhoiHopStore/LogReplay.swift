public import GRDB
import Foundation

/// The state as of one log position, rebuilt from the log alone: a scratch in-memory database
/// holding the log's entries up to that position, their hash chain recomputed from their content
/// (not read from the stored hashes), and the aggregate tables replayed from them
/// (``Projection/rebuild(_:)``). What a stored report is verified against: editing the live
/// aggregate tables changes nothing here; editing a logged entry changes the chain head.
public struct LogReplay {
    /// The scratch database: the log up to `position` and its projection.
    public let database: PhoiHopDatabase
    public let position: Int64
    /// The chain hash at `position`, recomputed from every entry's content from the first.
    public let chainHead: [UInt8]
    /// How many entries were copied (== `position` when none is missing).
    public let entries: Int64
    /// The first entry whose content no longer matches the leaf hash stored with it, if any.
    public let firstAlteredPosition: Int64?

    /// Replays `db`'s log up to and including `position` into a fresh in-memory database.
    public static func replay(_ db: Database, upTo position: Int64) throws -> LogReplay {
        let scratch = try PhoiHopDatabase(inMemory: "replay-\(UUID().uuidString)")
        var head = LogChain.genesis
        var copied: Int64 = 0
        var altered: Int64?
        var after: Int64 = 0
        try scratch.write { target in
            while true {
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM message_log WHERE position > ? AND position <= ? ORDER BY position LIMIT 5000",
                                            arguments: [after, position])
                guard let last = rows.last else { break }
                for row in rows {
                    let names = Array(row.columnNames)
                    try target.execute(
                        sql: "INSERT INTO message_log (\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))",
                        arguments: StatementArguments(Array(row.databaseValues)))
                    let (entry, storedLeaf, _) = LogChain.entry(row)
                    let leaf = entry.leafHash
                    if altered == nil, storedLeaf != leaf { altered = entry.position }
                    head = LogChain.link(head, leaf)
                    copied += 1
                }
                after = last["position"]
            }
            try Projection.rebuild(target)
        }
        return LogReplay(database: scratch, position: position, chainHead: head, entries: copied, firstAlteredPosition: altered)
    }
}
