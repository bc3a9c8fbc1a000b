public import PhoiHopProtocol
public import PhoiHopStore

/// The first frame of a control request: `{"command": "...", "type": "..."}`; a `record`
/// request carries the act's body JSON as a second frame; a `query` names the query in `type`
/// and its filters in `parameters`.
public struct ControlCommand: Codable, Sendable {
    public var command: String
    public var type: String?
    public var parameters: [String: String]?
    public init(command: String, type: String? = nil, parameters: [String: String]? = nil) {
        self.command = command; self.type = type; self.parameters = parameters
    }
}

/// The reply frame: `{"ok": true, "result": …}` or `{"ok": false, "error": "…"}`.
public struct ControlReply<Result: Codable & Sendable>: Codable, Sendable {
    public var ok: Bool
    public var error: String?
    public var result: Result?
    public init(ok: Bool, error: String? = nil, result: Result? = nil) { self.ok = ok; self.error = error; self.result = result }
}

/// `status`: the daemon and every peer it knows.
public struct DaemonStatus: Codable, Sendable {
    public var agency: AgencyID
    public var role: Role
    public var version: String
    public var startedAt: Int64
    public var now: Int64
    public var counters: BusCounters
    public var peers: [PeerStatus]
    public var totals: ProvinceTotals
    /// The date the daemon counts deadlines from (a drill date under `PHOIHOP_TODAY`).
    public var today: CivilDate?
    /// Set while the daemon's store cannot be written (its last write failed on a full disk or a
    /// read-only or failing filesystem); nil once a write succeeds again. Absent from older daemons.
    public var storeWriteFailure: StoreWriteFailure?
    public init(agency: AgencyID, role: Role, version: String, startedAt: Int64, now: Int64, counters: BusCounters,
                peers: [PeerStatus], totals: ProvinceTotals, today: CivilDate? = nil, storeWriteFailure: StoreWriteFailure? = nil) {
        self.agency = agency; self.role = role; self.version = version; self.startedAt = startedAt; self.now = now
        self.counters = counters; self.peers = peers; self.totals = totals; self.today = today
        self.storeWriteFailure = storeWriteFailure
    }
}

/// The store failing to write, in `status`: what failed, since when, how often. While it is set,
/// nothing new is recorded or applied (acts are refused, peers' messages are not acknowledged and
/// will be resent); what was acknowledged before is safe on disk.
public struct StoreWriteFailure: Codable, Sendable, Equatable {
    /// `disk-full` or `not-writable`.
    public var kind: PhoiHopDatabase.WriteFailure
    /// The same in English, e.g. "the disk is full".
    public var problem: String
    /// The database file.
    public var database: String
    /// When the first write of this run of failures failed, and the latest (ms since the epoch).
    public var since: Int64
    public var last: Int64
    /// How many writes failed since `since`.
    public var failedWrites: Int
    public init(kind: PhoiHopDatabase.WriteFailure, database: String, since: Int64, last: Int64, failedWrites: Int) {
        self.kind = kind; self.problem = kind.english; self.database = database
        self.since = since; self.last = last; self.failedWrites = failedWrites
    }
}

/// `report`: counts per district and message type, with headline totals and district names.
public struct ProvinceReportData: Codable, Sendable {
    public var agency: AgencyID
    public var province: String
    public var generatedAt: Int64
    public var totals: ProvinceTotals
    public var counts: [DistrictTypeCount]
    public var districtNames: [String: String]
    /// District ids in the province file's order: the order of the report's rows.
    public var districtOrder: [String]
    public init(agency: AgencyID, province: String, generatedAt: Int64, totals: ProvinceTotals,
                counts: [DistrictTypeCount], districtNames: [String: String], districtOrder: [String]) {
        self.agency = agency; self.province = province; self.generatedAt = generatedAt; self.totals = totals
        self.counts = counts; self.districtNames = districtNames; self.districtOrder = districtOrder
    }
}

/// `backup`: `{"command":"backup","parameters":{"path":"/abs/file.sqlite","overwrite":"true"}}` —
/// an online, consistent copy of the daemon's database (every act acknowledged before the call).
public struct BackupResult: Codable, Sendable, Equatable {
    public var agency: AgencyID
    /// The backup file's absolute path.
    public var path: String
    /// Its size in bytes.
    public var bytes: Int64
    /// The acts in its message log.
    public var messages: Int
    /// How long the copy took, in milliseconds.
    public var milliseconds: Int64
    public init(agency: AgencyID, path: String, bytes: Int64, messages: Int, milliseconds: Int64) {
        self.agency = agency; self.path = path; self.bytes = bytes; self.messages = messages; self.milliseconds = milliseconds
    }
}

/// `reload` (and SIGHUP): what the daemon applied from its configuration file. Only the trust
/// parts are applied live; `restartRequired` names the other settings that changed.
public struct ReloadResult: Codable, Sendable, Equatable {
    public var agency: AgencyID
    /// Agencies added to the allow-list (hub) — admitted at their next handshake.
    public var admitted: [AgencyID]
    /// Agencies removed from the allow-list (hub): their messages are refused from now on.
    public var revoked: [AgencyID]
    /// Agencies whose admitted CURVE key is no longer listed (removed or rotated).
    public var keysWithdrawn: [AgencyID]
    /// Agencies whose role changed (hub).
    public var rolesChanged: [AgencyID]
    /// Authors whose listed signing keys changed.
    public var signersChanged: [AgencyID]
    /// Whether the hub closed every bus connection so each handshake is checked again.
    public var connectionsDropped: Bool
    /// Acts queued in handovers to newly admitted agencies the hub had never served.
    public var handedOver: Int
    /// Settings that changed in the file but are applied only by a restart.
    public var restartRequired: [String]
    /// The log level now in force, when the reload changed it.
    public var logLevel: String?
    public init(agency: AgencyID, admitted: [AgencyID], revoked: [AgencyID], keysWithdrawn: [AgencyID], rolesChanged: [AgencyID],
                signersChanged: [AgencyID], connectionsDropped: Bool, handedOver: Int, restartRequired: [String], logLevel: String? = nil) {
        self.agency = agency; self.admitted = admitted; self.revoked = revoked; self.keysWithdrawn = keysWithdrawn
        self.rolesChanged = rolesChanged; self.signersChanged = signersChanged; self.connectionsDropped = connectionsDropped
        self.handedOver = handedOver; self.restartRequired = restartRequired; self.logLevel = logLevel
    }
}

/// One act's outcome in a `record-many` reply: its receipt, or why it was not recorded (the
/// other acts of the request are recorded regardless).
public struct RecordOutcome: Codable, Sendable, Equatable {
    public var receipt: RecordReceipt?
    public var error: String?
    public init(receipt: RecordReceipt? = nil, error: String? = nil) { self.receipt = receipt; self.error = error }
}
