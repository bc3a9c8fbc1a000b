import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopConfig
import PhoiHopDomain
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
        let receipt = try client(agency).record(body)
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
    /// is applied and every directive acknowledged; `quiet` leaves the announcement to the caller.
    func awaitHub(timeout: TimeInterval, quiet: Bool = false) throws {
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
                if !quiet {
                    print("Sở TT&TT đã nhận và áp dụng đủ \(status.totals.messages) thông điệp; mọi chỉ đạo đã được các đơn vị xác nhận.")
                }
                return
            }
            guard Date() < deadline else {
                throw ConsoleFailure("Sở TT&TT vẫn chờ \(behind.map(\.id.rawValue).joined(separator: ", ")) sau \(Int(timeout)) giây")
            }
            usleep(100_000)
        }
    }

    /// Once the month's acts are quiet, the hub pushes what is due soon or overdue on the 30th:
    /// waits for its first reminder, then for every reminder to be acknowledged.
    func awaitReminders(timeout: TimeInterval) throws {
        let deadline = Date().addingTimeInterval(timeout)
        let hub = try client(.hub)
        while try hub.call(ControlCommand(command: "query", type: "acts.recent", parameters: ["type": "deadline.reminded", "limit": "1"]),
                           as: [ActEntry].self).isEmpty {
            guard Date() < deadline else { throw ConsoleFailure("Sở TT&TT chưa nhắc hạn việc nào sau \(Int(timeout)) giây") }
            usleep(100_000)
        }
        try awaitHub(timeout: timeout, quiet: true)
        let reminders = try hub.call(ControlCommand(command: "query", type: "acts.recent", parameters: ["type": "deadline.reminded", "limit": "1000"]),
                                     as: [ActEntry].self)
        print("Sở TT&TT đã nhắc \(reminders.count) việc sắp đến hạn hoặc quá hạn tới các cơ quan chịu trách nhiệm.")
    }
}
