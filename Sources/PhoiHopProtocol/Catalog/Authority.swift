/// Why a sender may not send a body, whatever its bytes.
public enum AuthorityRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    case outOfRole(type: MessageType, role: Role)
    case outOfScope(origin: AgencyID, district: AgencyID)

    public var description: String {
        switch self {
        case let .outOfRole(type, role): "a \(role.rawValue) daemon may not send \(type.rawValue)"
        case let .outOfScope(origin, district): "'\(origin)' may only speak of its own district, not of '\(district)'"
        }
    }
}

/// Who may say what: the catalog's sender roles plus the district scope rule (a district speaks
/// only of its own territory, Điều 10).
public enum Authority {
    public static func check(origin: AgencyID, role: Role, body: MessageBody) -> AuthorityRefusal? {
        guard body.type.senders.contains(role) else { return .outOfRole(type: body.type, role: role) }
        if role == .district, let district = body.value.concernedDistrict, district != origin {
            return .outOfScope(origin: origin, district: district)
        }
        return nil
    }
}
