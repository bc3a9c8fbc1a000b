import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

struct DemoScenario {
    let directory: String
    let rules: ProvinceRules
    let districts: [AgencyID]
    /// The provincial departments with a configuration in the run directory (hub excluded).
    let departments: [AgencyID]

    init(directory: String) throws {
        self.directory = directory
        rules = try ProvinceRules.load(provinceFile: "\(directory)/province.yaml",
                                       rulesDirectory: "\(directory)/rules")
        let configured = Set((try? FileManager.default.contentsOfDirectory(atPath: "\(directory)/agencies")) ?? [])
        districts = rules.districts.map(\.id).filter { configured.contains("\($0).yaml") }
        departments = rules.departments.filter { $0.role != .hub }.map(\.id).filter { configured.contains("\($0).yaml") }
    }

    func client(_ agency: AgencyID) throws -> ControlClient {
        try ControlClient(path: "\(directory)/state/\(agency)/control.sock")
    }

    func record(_ agency: AgencyID, _ body: MessageBody, _ narration: String) throws {
        let receipt = try client(agency).call(ControlCommand(command: "record", type: body.type.rawValue), body: body.encoded(),
                                              as: RecordReceipt.self)
        print("  [\(agency)] \(narration)  (#\(receipt.seq))")
    }

    func day(_ d: Int) -> CivilDate { try! CivilDate(year: 2026, month: 11, day: d) }

    func code(_ district: AgencyID) -> String { district.rawValue.dropFirst("district-".count).uppercased() }

    static let vhttdl = AgencyID(rawValue: "vhttdl")!
    static let congAn = AgencyID(rawValue: "cong-an")!
    static let khdt = AgencyID(rawValue: "khdt")!
    static let taiChinh = AgencyID(rawValue: "tai-chinh")!
    static let gddt = AgencyID(rawValue: "gddt")!
    static let tinhDoan = AgencyID(rawValue: "tinh-doan")!

    /// The scripted month, phase by phase; each group of the catalog has its phase in `Demo/`.
    func play() throws {
        print("Tháng 11/2026 — \(districts.count) huyện, thị xã, thành phố; \(departments.count) sở, ngành; Sở TT&TT")
        try playRegistry()
        try playGuidance()
        try playInspections()
        try playFireSafety()
        try playComplaints()
        try playSecurity()
        try playGames()
        try playReporting()
        try playOutreach()
    }

    /// Polls the hub (there is no event to await across processes) until every agency's stream
    /// is applied and every directive acknowledged.
    func awaitHub(timeout: TimeInterval) throws {
        let deadline = Date().addingTimeInterval(timeout)
        let hub = try client(.hub)
        var expected: [AgencyID: UInt64] = [:]
        for agency in departments + districts {
            let status = try client(agency).call(ControlCommand(command: "status"), as: DaemonStatus.self)
            expected[agency] = status.peers.first { $0.id == .hub }?.outboundLastSeq ?? 0
        }
        while true {
            let status = try hub.call(ControlCommand(command: "status"), as: DaemonStatus.self)
            let behind = status.peers.filter { $0.applied < expected[$0.id, default: 0] || $0.outboundPending > 0 }
            if behind.isEmpty {
                print("Sở TT&TT đã nhận và áp dụng đủ \(status.totals.messages) thông điệp; mọi chỉ đạo đã được các đơn vị xác nhận.")
                return
            }
            guard Date() < deadline else {
                throw ConsoleFailure("the hub still waits for \(behind.map(\.id.rawValue).joined(separator: ", ")) after \(Int(timeout)) s")
            }
            usleep(100_000)
        }
    }
}
