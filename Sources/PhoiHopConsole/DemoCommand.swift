import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore

/// `phoihop demo run`: drives a scripted month of a province's coordination through the real
/// daemons of a run directory made by `phoihop province init`, narrating each act, then waits
/// until the hub has applied every act and every directive is acknowledged.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Drive a scripted month of activity through a provisioned province.", subcommands: [Run.self])

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a month of acts at every agency of DIR, then wait for the hub to hold them all.")
        @Option(help: "Run directory made by 'phoihop province init'.") var dir: String
        @Option(help: "Give up waiting for the hub after this many seconds.") var timeout = 120

        func run() throws {
            let scenario = try DemoScenario(directory: dir)
            try scenario.play()
            try scenario.awaitHub(timeout: TimeInterval(timeout))
        }
    }
}

struct DemoScenario {
    let directory: String
    let rules: ProvinceRules
    let districts: [AgencyID]

    init(directory: String) throws {
        self.directory = directory
        rules = try ProvinceRules.load(provinceFile: "\(directory)/province.yaml",
                                       rulesDirectory: "\(directory)/rules")
        let configured = Set((try? FileManager.default.contentsOfDirectory(atPath: "\(directory)/agencies")) ?? [])
        districts = rules.districts.map(\.id).filter { configured.contains("\($0).yaml") }
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

    func play() throws {
        let vhttdl = AgencyID(rawValue: "vhttdl")!, congAn = AgencyID(rawValue: "cong-an")!
        let kinds: [BusinessKind] = [.internetAgent, .gamePoint, .publicAccessPoint]
        print("Tháng 11/2026 — \(districts.count) huyện, thị xã, thành phố; Công an; Sở VH-TT-DL (Đội 814); Sở KH-ĐT; Sở TT&TT")
        print("Ngày 01–05: các huyện đăng ký điểm kinh doanh dịch vụ Internet")
        for district in districts {
            let name = rules.district(district)?.name ?? district.rawValue
            for (i, kind) in kinds.enumerated() {
                let id = "\(code(district))-\(i + 1)"
                try record(district, MessageBody(BusinessRegistered(
                    businessID: id, name: "\(kind == .gamePoint ? "Điểm trò chơi" : "Đại lý Internet") \(name) số \(i + 1)",
                    kind: kind, district: district, address: "\(i + 1) Đường số \(i + 3), \(name)", owner: "Nguyễn Văn \(["An", "Bình", "Cường"][i])",
                    machines: 10 + 5 * i, ispContract: kind == .internetAgent ? "HĐ-VNPT-\(id)" : nil, registeredOn: day(1 + i))),
                    "đăng ký \(id) (\(kind.vietnameseName))")
            }
        }
        print("Ngày 06–10: các huyện cấp giấy chứng nhận")
        for district in districts {
            for i in 1...3 {
                let business = "\(code(district))-\(i)"
                try record(district, MessageBody(CertificateIssued(
                    certificateNo: "GCN-\(business)", businessID: business, district: district,
                    kind: i == 2 ? .gamePointEligibility : .businessRegistration, issuedOn: day(5 + i),
                    validUntil: day(5 + i).adding(years: 3).adding(days: -1))), "cấp GCN-\(business)")
            }
        }
        let inspected = Array(districts.prefix(2))
        let targets = inspected.flatMap { d in (1...3).map { "\(code(d))-\($0)" } }
        print("Ngày 12: Sở TT&TT lập kế hoạch kiểm tra định kỳ, gửi các đơn vị tham gia")
        try record(.hub, MessageBody(InspectionPlanned(
            planID: "KH-2026-11-01", kind: .periodic, title: "Kiểm tra định kỳ đại lý Internet, điểm trò chơi tháng 11/2026",
            lead: .hub, participants: [vhttdl, congAn] + inspected, targets: targets, startsOn: day(14), endsOn: day(18))),
            "kế hoạch KH-2026-11-01 → \(([vhttdl, congAn] + inspected).map(\.rawValue).joined(separator: ", "))")
        print("Ngày 14–18: Đội 814 kiểm tra, ghi nhận vi phạm")
        let category = rules.violationCategories.first { $0.code.contains("35-3") }?.code ?? rules.violationCategories[0].code
        for (i, target) in targets.enumerated() {
            let district = inspected[i / 3]
            let violation = i % 3 == 1
            try record(vhttdl, MessageBody(InspectionRecorded(
                inspectionID: "KT-\(target)", planID: "KH-2026-11-01", businessID: target, district: district, kind: .periodic,
                conductedOn: day(14 + i % 5), outcome: violation ? .violationsFound : .compliant,
                findings: violation ? "Hoạt động quá giờ quy định (sau 22 giờ)" : "Chấp hành tốt các quy định")),
                "kiểm tra \(target): \(violation ? "phát hiện vi phạm" : "chấp hành tốt")")
            if violation {
                try record(vhttdl, MessageBody(ViolationRecorded(
                    violationID: "VP-\(target)", businessID: target, district: district, category: category,
                    observedOn: day(14 + i % 5), evidenceRef: "BB-814-\(target)", inspectionID: "KT-\(target)",
                    description: "Cung cấp dịch vụ trò chơi điện tử sau 22 giờ")), "vi phạm \(category) tại \(target)")
            }
        }
        print("Ngày 20: Công an tỉnh báo cáo sự cố an ninh thông tin")
        for (i, district) in districts.prefix(2).enumerated() {
            try record(congAn, MessageBody(IncidentReported(
                incidentID: "SC-2026-11-\(i + 1)", district: district, occurredOn: day(20), severity: i == 0 ? .high : .medium,
                summary: i == 0 ? "Mã độc phát tán qua máy trạm tại điểm truy nhập công cộng" : "Tấn công từ chối dịch vụ vào cổng thông tin huyện")),
                "sự cố SC-2026-11-\(i + 1)")
        }
        if let district = inspected.first {
            print("Ngày 22: thu hồi giấy chứng nhận của điểm vi phạm")
            try record(district, MessageBody(CertificateRevoked(
                certificateNo: "GCN-\(code(district))-2", businessID: "\(code(district))-2", district: district, revokedOn: day(22),
                ground: "Vi phạm giờ hoạt động, biên bản BB-814-\(code(district))-2")), "thu hồi GCN-\(code(district))-2")
        }
        if let last = districts.last {
            print("Ngày 25: Sở TT&TT lập kế hoạch kiểm tra đột xuất (chỉ gửi đơn vị tham gia)")
            try record(.hub, MessageBody(InspectionPlanned(
                planID: "KH-2026-11-02", kind: .unannounced, title: "Kiểm tra đột xuất điểm trò chơi điện tử", lead: vhttdl,
                participants: [vhttdl, last], targets: ["\(code(last))-2"], startsOn: day(27), endsOn: day(27))),
                "kế hoạch đột xuất KH-2026-11-02 → vhttdl, \(last)")
        }
    }

    /// Polls the hub (there is no event to await across processes) until every agency's stream
    /// is applied and every directive acknowledged.
    func awaitHub(timeout: TimeInterval) throws {
        let deadline = Date().addingTimeInterval(timeout)
        let hub = try client(.hub)
        var expected: [AgencyID: UInt64] = [:]
        for agency in ["cong-an", "vhttdl", "khdt"].compactMap(AgencyID.init(rawValue:)) + districts {
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
