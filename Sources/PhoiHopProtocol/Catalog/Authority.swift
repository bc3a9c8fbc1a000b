/// Why a sender may not send a body, whatever its bytes. Names the permission row it breaks.
public enum AuthorityRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    case outOfRole(type: MessageType, role: Role, rule: String)
    case outOfScope(origin: AgencyID, district: AgencyID, rule: String)

    public var description: String {
        switch self {
        case let .outOfRole(type, role, rule):
            let allowed = Permissions.rule(for: type).roles.map(\.rawValue).joined(separator: ", ")
            return "rule \(rule): a \(role.rawValue) daemon may not send \(type.rawValue) (only \(allowed))"
        case let .outOfScope(origin, district, rule):
            return "rule \(rule): '\(origin)' may only speak of its own district, not of '\(district)'"
        }
    }
}

/// Who may say what, from the body alone: the permission table's roles, and the district scope
/// rule (a district speaks only of its own territory, Điều 10). The stateful scopes of the table
/// (participant, addressee …) are checked by PhoiHopDomain.
public enum Authority {
    public static func check(origin: AgencyID, role: Role, body: MessageBody) -> AuthorityRefusal? {
        let rule = Permissions.rule(for: body.type)
        guard rule.roles.contains(role) else { return .outOfRole(type: body.type, role: role, rule: rule.id) }
        if role == .district, let district = body.value.concernedDistrict, district != origin {
            return .outOfScope(origin: origin, district: district, rule: rule.id)
        }
        return nil
    }
}
