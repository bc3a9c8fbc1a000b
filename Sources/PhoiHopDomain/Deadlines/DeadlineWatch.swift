public import PhoiHopProtocol

/// The hub's standing duty (Điều 11.2, "theo dõi, đôn đốc"): find the open items whose legal
/// deadline is near or past and push one `deadline.reminded` per item and state to the agency
/// responsible. Idempotent: an item already reminded in a state (the `reminders` table, a
/// projection of the reminders sent) is not reminded again.
public enum DeadlineWatch {
    /// The reminders to record now, as of `context.today`.
    ///
    /// Keyed by the item's due date as well as its state, so a deadline moved by an extension is
    /// reminded afresh. Only the hub keeps this duty; another daemon gets none.
    public static func remindersDue(_ context: ActContext) throws -> [MessageBody] {
        guard context.role == .hub else { return [] }
        var due: [MessageBody] = []
        for item in try DeadlineBoard.items(context.db, rules: context.rules, today: context.today) {
            guard let state = item.standing.reminderState,
                  // An id the wire cannot carry (over 64 characters) would stop every later reminder.
                  item.subjectID.utf8.count <= 64,
                  try !DeadlineBoard.wasReminded(context.db, item.subject, item.subjectID, state, dueOn: item.dueOn)
            else { continue }
            due.append(MessageBody(DeadlineReminded(
                subject: item.subject, subjectID: item.subjectID, responsible: item.responsible, dueOn: item.dueOn, state: state,
                remindedOn: context.today)))
        }
        return due
    }
}
