public import Logging
public import PhoiHopConfig
public import PhoiHopProtocol
public import PhoiHopStore

/// What a role's housekeeping and its own control commands work with, on the loop thread: the
/// daemon's database and configuration in force, its date and the wall clock.
public struct RoleContext {
    public let database: PhoiHopDatabase
    public let config: DaemonConfig
    /// Today in Vietnam, or the drill date of `PHOIHOP_TODAY`.
    public let today: CivilDate
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public let now: Int64
    public let logger: Logger
    /// The control command's parameters (empty for housekeeping).
    public let parameters: [String: String]

    public init(database: PhoiHopDatabase, config: DaemonConfig, today: CivilDate, now: Int64, logger: Logger,
                parameters: [String: String] = [:]) {
        self.database = database; self.config = config; self.today = today; self.now = now; self.logger = logger
        self.parameters = parameters
    }
}
