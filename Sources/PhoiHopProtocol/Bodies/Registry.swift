/// What kind of Internet business a registry entry is (Decree 72/2013 as amended; RULES.md).
public enum BusinessKind: String, Codable, Sendable, CaseIterable {
    case isp
    case internetAgent = "internet-agent"
    case publicAccessPoint = "public-access-point"
    case gamePoint = "game-point"

    public var vietnameseName: String {
        switch self {
        case .isp: "Doanh nghiệp cung cấp dịch vụ Internet"
        case .internetAgent: "Đại lý Internet"
        case .publicAccessPoint: "Điểm truy nhập Internet công cộng"
        case .gamePoint: "Điểm cung cấp dịch vụ trò chơi điện tử công cộng"
        }
    }
}

/// `business.registered`: a district enters a business of its territory in the registry.
public struct BusinessRegistered: CatalogBody {
    public static let messageType = MessageType.businessRegistered
    public var businessID: String
    public var name: String
    public var kind: BusinessKind
    public var district: AgencyID
    public var address: String
    public var owner: String
    public var machines: Int
    public var ispContract: String?
    public var registeredOn: CivilDate

    public init(businessID: String, name: String, kind: BusinessKind, district: AgencyID, address: String,
                owner: String, machines: Int, ispContract: String? = nil, registeredOn: CivilDate) {
        self.businessID = businessID; self.name = name; self.kind = kind; self.district = district
        self.address = address; self.owner = owner; self.machines = machines
        self.ispContract = ispContract; self.registeredOn = registeredOn
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(businessID, "businessID")
        try Check.text(name, "name")
        try Check.text(address, "address")
        try Check.text(owner, "owner")
        guard (0...100_000).contains(machines) else { throw .invalidField("machines", "\(machines) is outside 0…100000") }
        if let contract = ispContract { try Check.text(contract, "ispContract") }
    }

    public var concernedDistrict: AgencyID? { district }
    public var concernedBusiness: String? { businessID }
}

/// `business.changed`: a district records a change to a registered business. Only the fields
/// present change; at least one must be.
public struct BusinessChanged: CatalogBody {
    public static let messageType = MessageType.businessChanged
    public var businessID: String
    public var district: AgencyID
    public var changedOn: CivilDate
    public var name: String?
    public var address: String?
    public var owner: String?
    public var machines: Int?
    public var ispContract: String?

    public init(businessID: String, district: AgencyID, changedOn: CivilDate, name: String? = nil, address: String? = nil,
                owner: String? = nil, machines: Int? = nil, ispContract: String? = nil) {
        self.businessID = businessID; self.district = district; self.changedOn = changedOn; self.name = name
        self.address = address; self.owner = owner; self.machines = machines; self.ispContract = ispContract
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(businessID, "businessID")
        try Check.optionalText(name, "name")
        try Check.optionalText(address, "address")
        try Check.optionalText(owner, "owner")
        try Check.optionalText(ispContract, "ispContract")
        if let machines, !(0...100_000).contains(machines) { throw .invalidField("machines", "\(machines) is outside 0…100000") }
        guard name != nil || address != nil || owner != nil || machines != nil || ispContract != nil else {
            throw .invalidField("changes", "name at least one of name, address, owner, machines, ispContract")
        }
    }

    public var concernedDistrict: AgencyID? { district }
    public var concernedBusiness: String? { businessID }
}

/// `business.closed`: the business stopped operating (closure, owner's request, or revocation).
public struct BusinessClosed: CatalogBody {
    public static let messageType = MessageType.businessClosed
    public var businessID: String
    public var district: AgencyID
    public var closedOn: CivilDate
    public var reason: String

    public init(businessID: String, district: AgencyID, closedOn: CivilDate, reason: String) {
        self.businessID = businessID; self.district = district; self.closedOn = closedOn; self.reason = reason
    }

    public func validate() throws(ProtocolError) {
        try Check.identifier(businessID, "businessID")
        try Check.text(reason, "reason")
    }

    public var concernedDistrict: AgencyID? { district }
    public var concernedBusiness: String? { businessID }
}
