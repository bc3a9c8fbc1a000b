import Foundation
import PhoiHopReports
import Testing

/// The example charts in docs/REPORTS-CHARTS.md are committed files; these tests check they are
/// what the code renders now. `make test` never writes into the repository: to regenerate after a
/// deliberate change, run the tests with `PHOIHOP_WRITE_CHART_EXAMPLES=1`.
struct ChartExampleTests {
    static let districts = [
        "Thành phố Tân An", "Thị xã Kiến Tường", "Huyện Bến Lức", "Huyện Cần Đước", "Huyện Cần Giuộc",
        "Huyện Châu Thành", "Huyện Đức Hòa", "Huyện Đức Huệ", "Huyện Mộc Hóa", "Huyện Tân Hưng",
        "Huyện Tân Thạnh", "Huyện Tân Trụ", "Huyện Thạnh Hóa", "Huyện Thủ Thừa", "Huyện Vĩnh Hưng",
    ]

    static func examples() throws -> [(file: String, svg: String)] {
        let bars = try BarChart(
            id: "vi-pham-theo-huyen", title: "Biểu đồ 1. Vi phạm phát hiện và đã xử phạt theo huyện, quý IV/2026",
            description: "Biểu đồ thanh ngang: số vụ vi phạm phát hiện và số vụ đã xử phạt của 15 huyện, thị xã, thành phố.",
            categories: districts,
            series: [
                .init(name: "Phát hiện", values: [37, 12, 24, 18, 21, 9, 30, 4, 6, 3, 7, 8, 5, 11, 2]),
                .init(name: "Đã xử phạt", values: [30, 10, 20, 15, 14, 9, 22, 4, 5, 1, 6, 8, 3, 9, 0]),
            ]
        )
        let trend = try LineChart(
            id: "xu-huong", title: "Biểu đồ 2. Vi phạm theo tháng",
            description: "Biểu đồ đường: số vụ phát hiện, đã xử phạt và khiếu nại từ tháng 7 đến tháng 12 năm 2026.",
            periods: ["T7/2026", "T8/2026", "T9/2026", "T10/2026", "T11/2026", "T12/2026"],
            series: [
                .init(name: "Phát hiện", values: [41, 38, 52, 47, 60, 55]),
                .init(name: "Đã xử phạt", values: [30, 33, 40, 41, 45, 50]),
                .init(name: "Khiếu nại", values: [3, 5, 2, 6, 4, 1]),
            ]
        )
        let compliance = try ComplianceChart(
            id: "dung-han", title: "Biểu đồ 3. Tuân thủ thời hạn phối hợp theo cơ quan",
            description: "Thanh 100 %: tỷ lệ hồ sơ xử lý đúng hạn, trễ hạn và đang quá hạn của từng cơ quan.",
            rows: [
                .init(agency: "Thanh tra Sở TT&TT", onTime: 14, late: 1, overdue: 1),
                .init(agency: "Công an tỉnh", onTime: 23, late: 4, overdue: 0),
                .init(agency: "Phòng Cảnh sát kinh tế Công an tỉnh Long An", onTime: 7, late: 2, overdue: 3),
                .init(agency: "UBND huyện Cần Giuộc", onTime: 0, late: 0, overdue: 0),
            ]
        )
        return [
            ("chart-example.svg", bars.render()),
            ("chart-example-trend.svg", trend.render()),
            ("chart-example-compliance.svg", compliance.render()),
        ]
    }

    static var imagesDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/images")
    }

    @Test func theCommittedExamplesAreWhatTheCodeRendersNow() throws {
        let write = ProcessInfo.processInfo.environment["PHOIHOP_WRITE_CHART_EXAMPLES"] == "1"
        for (file, svg) in try Self.examples() {
            let url = Self.imagesDirectory.appendingPathComponent(file)
            let committed = try? String(contentsOf: url, encoding: .utf8)
            // Rewriting writes what changed and still fails for it, so a rewrite is never green unreviewed.
            if write, committed != svg { try svg.write(to: url, atomically: true, encoding: .utf8) }
            #expect(committed == svg, write ? "rewrote docs/images/\(file); review the diff" : "docs/images/\(file) is stale: rerun with PHOIHOP_WRITE_CHART_EXAMPLES=1")
        }
    }
}
