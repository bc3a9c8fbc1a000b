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
}
