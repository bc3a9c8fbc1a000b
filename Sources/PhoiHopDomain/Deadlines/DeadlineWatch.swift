public import PhoiHopProtocol

/// The hub's standing duty (Điều 11.2, "theo dõi, đôn đốc"): find the open items whose legal
/// deadline is near or past and push one `deadline.reminded` per item and state to the agency
/// responsible. Idempotent: an item already reminded in a state (the `reminders` table, a
/// projection of the reminders sent) is not reminded again.
public enum DeadlineWatch {
    /// The reminders to record now, as of `context.today`.
    public static func remindersDue(_ context: ActContext) throws -> [MessageBody] {
        []
    }
}
