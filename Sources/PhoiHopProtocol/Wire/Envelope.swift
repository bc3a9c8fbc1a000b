/// The header of a catalog message: everything but the body.
///
/// `seq` numbers the messages of one stream — one origin to one recipient — from 1 without
/// gaps; the receiver applies them in that order, exactly once. Agencies send to the hub only,
/// so for them it is the per-origin sequence number; the hub's directives have a stream per
/// recipient.
public struct Envelope: Codable, Sendable, Equatable {
    public var type: MessageType
    public var schema: Int
    /// A UUID, lower case: the message's identity across resends and in the log.
    public var id: String
    public var origin: AgencyID
    public var to: AgencyID
    public var seq: UInt64
    /// When the act was recorded at its origin: milliseconds since 1970-01-01T00:00:00Z.
    public var ts: Int64
    /// Set only on a relay: the agency that recorded the act, when the hub passes it on to the
    /// agencies it concerns. Absent, the author is `origin`. Only the hub relays.
    public var author: AgencyID?
    /// Set only by the hub on a **handover**: an act of its log sent again to an agency that
    /// joined late or lost its database, so it holds what concerns it. The receiver applies it
    /// unless its log already has the `id` (then it is skipped without a rejection), and never
    /// passes it on. A handover may return an agency's own act (`author == to`).
    public var handover: Bool?
    /// The author's Ed25519 signature of ``signingInput(body:)``, standard base64 (88
    /// characters), or, for an act recorded in a batch, the signature of the batch's Merkle root
    /// followed by the act's inclusion proof (Sodium's `ActSignature`). It covers what stays the
    /// same when the hub relays or hands over the act, so it travels with the act unchanged and
    /// proves, at every receiver and later in the hub's log, who recorded it.
    public var sig: String?

    public init(
        type: MessageType, id: String, origin: AgencyID, to: AgencyID, seq: UInt64, ts: Int64, author: AgencyID? = nil,
        handover: Bool? = nil, sig: String? = nil
    ) {
        self.type = type; self.schema = type.schemaVersion; self.id = id
        self.origin = origin; self.to = to; self.seq = seq; self.ts = ts; self.author = author; self.handover = handover
        self.sig = sig
    }

    /// What the author signs: a domain tag, then `type`, `schema`, `id`, the author, `ts`, each
    /// followed by a NUL byte, then the body bytes exactly as sent. Not `origin`, `to`, `seq` or
    /// `handover`: those change when the hub relays the act.
    public static func signingInput(type: MessageType, schema: Int, id: String, author: AgencyID, ts: Int64, body: [UInt8]) -> [UInt8] {
        var input = Array("phoihop-act-v1".utf8) + [0]
        for field in [type.rawValue, String(schema), id, author.rawValue, String(ts)] {
            input += Array(field.utf8) + [0]
        }
        return input + body
    }

    /// ``signingInput(type:schema:id:author:ts:body:)`` of this envelope, with `body`.
    public func signingInput(body: [UInt8]) -> [UInt8] {
        Self.signingInput(type: type, schema: schema, id: id, author: recordedBy, ts: ts, body: body)
    }

    /// Whether this is a handover (``handover``).
    public var isHandover: Bool { handover == true }

    /// Who recorded the act: the author of a relay, else the origin.
    public var recordedBy: AgencyID { author ?? origin }

    func validate() throws(ProtocolError) {
        guard seq >= 1 else { throw .invalidField("seq", "must be 1 or more") }
        guard Envelope.isUUID(id) else { throw .invalidField("id", "'\(id.prefix(60))' is not a lower-case UUID") }
        guard origin != to else { throw .invalidField("to", "a message cannot be addressed to its origin") }
        if let author {
            guard author != origin else { throw .invalidField("author", "is set only on a relay, where it differs from origin") }
            guard author != to || isHandover else {
                throw .invalidField("author", "an act is never relayed back to its author, except in a handover")
            }
        }
    }

    static func isUUID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (i, b) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(i) { if b != 0x2D { return false } }
            else if !((b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x66)) { return false }
        }
        return true
    }
}

/// `ack`: "I have durably applied your messages to me up to and including `applied`".
public struct Ack: Codable, Sendable, Equatable {
    public var origin: AgencyID
    public var to: AgencyID
    public var applied: UInt64
    public init(origin: AgencyID, to: AgencyID, applied: UInt64) { self.origin = origin; self.to = to; self.applied = applied }
}

/// `resend`: "send me your stream again starting at `from`" — sent on a detected gap.
public struct ResendRequest: Codable, Sendable, Equatable {
    public var origin: AgencyID
    public var to: AgencyID
    public var from: UInt64
    public init(origin: AgencyID, to: AgencyID, from: UInt64) { self.origin = origin; self.to = to; self.from = from }
}

/// `heartbeat`: liveness plus both stream positions, so a lost tail is noticed without traffic.
public struct Heartbeat: Codable, Sendable, Equatable {
    public var origin: AgencyID
    public var to: AgencyID
    public var role: Role
    public var version: String
    public var ts: Int64
    /// The highest seq the origin has recorded on its stream to `to`.
    public var lastSeq: UInt64
    /// The highest seq of `to`'s stream to the origin that the origin has applied.
    public var applied: UInt64
    /// Messages recorded by the origin for `to` and not yet acknowledged.
    public var pending: UInt64
    /// Inputs the origin has rejected since it started.
    public var rejected: UInt64
    /// Set (`true`) by an agency whose store lost acts it had sent to `to` — it learned, from
    /// `to`'s heartbeat, that `to` applied more of its stream than it holds (restored from an
    /// older backup, or a new database) — until the first act of `to`'s handover arrives.
    /// Absent: nothing lost.
    public var lost: Bool?

    public init(origin: AgencyID, to: AgencyID, role: Role, version: String, ts: Int64, lastSeq: UInt64,
                applied: UInt64, pending: UInt64, rejected: UInt64, lost: Bool? = nil) {
        self.origin = origin; self.to = to; self.role = role; self.version = version; self.ts = ts
        self.lastSeq = lastSeq; self.applied = applied; self.pending = pending; self.rejected = rejected; self.lost = lost
    }
}
