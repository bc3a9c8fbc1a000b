import PhoiHopDomain
import Foundation
import PhoiHopProtocol
import PhoiHopStore
import Sodium

/// What `phoihop audit verify` prints for the officer, in Vietnamese.
enum AuditOutput {
    static func printReport(_ report: AuditReport, agency: String, key: SigningPublicKey) {
        let signers = report.signedBy.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        var lines = [
            "Kiểm tra nhật ký thông điệp của \(agency) (\(report.database))",
            "Khóa ký của \(agency) dùng để kiểm tra điểm kiểm tra: \(key.fingerprint) — đối chiếu với bản lưu tin cậy",
            "  Mục nhật ký:     \(report.entries)" + (report.entries > 0 ? " (đến vị trí \(report.lastPosition))" : ""),
            "  Chuỗi băm:       \(report.hashesVerified)/\(report.entries) mục tính lại khớp",
            "  Chữ ký:          \(report.signaturesVerified)/\(report.entries) hợp lệ" + (signers.isEmpty ? "" : " (\(signers))"),
            "  Điểm kiểm tra:   \(report.checkpointsVerified)/\(report.checkpoints) hợp lệ và khớp với nhật ký",
        ]
        if let last = report.lastCheckpoint {
            lines.append("  Điểm kiểm tra cuối hợp lệ: vị trí \(last), ký lúc \(VietnameseFormat.time(report.lastCheckpointSignedAt))")
        }
        if report.uncovered > 0 {
            lines.append("  Chưa có điểm kiểm tra bảo đảm: \(report.uncovered) mục cuối (ai giữ tệp có thể viết lại chúng mà không bị phát hiện cho tới điểm kiểm tra sau)")
        }
        switch report.verdict {
        case .intact:
            lines.append("KẾT LUẬN: nhật ký toàn vẹn — không phát hiện sửa đổi.")
        case .tampered:
            lines.append("KẾT LUẬN: PHÁT HIỆN SỬA ĐỔI — \(report.tamperedCount) vấn đề. Vấn đề đầu tiên:")
            lines.append("  " + describe(report.tampered[0]))
            for finding in report.tampered.dropFirst().prefix(9) { lines.append("  • " + describe(finding)) }
            if report.tamperedCount > 10 { lines.append("  … và \(report.tamperedCount - 10) vấn đề khác (--json để xem)") }
        case .incomplete:
            lines.append("KẾT LUẬN: không phát hiện sửa đổi, nhưng \(report.cannotCheckCount) mục không kiểm tra được:")
        }
        if report.cannotCheckCount > 0 {
            if report.verdict == .tampered { lines.append("Không kiểm tra được \(report.cannotCheckCount) mục:") }
            for finding in report.cannotCheck.prefix(10) { lines.append("  • " + describe(finding)) }
        }
        print(lines.joined(separator: "\n"))
    }

    /// One finding, worded for the officer.
    static func describe(_ f: AuditFinding) -> String {
        let at = f.position.map { "vị trí \($0)" } ?? "?"
        let which = [f.id.map { "mã \($0)" }, f.author.map { "do \($0) ghi nhận" }].compactMap { $0 }.joined(separator: ", ")
        let entry = which.isEmpty ? at : "\(at) (\(which))"
        switch f.kind {
        case .entryMissing: return "thiếu mục từ \(at): các mục đã bị xóa sau khi được ghi"
        case .entryChanged: return "mục ở \(entry) đã bị sửa sau khi được ghi: nội dung không còn khớp mã băm của nó"
        case .chainBroken: return "chuỗi băm bị đứt ở \(entry): mục này hoặc mục trước nó đã bị sửa, xóa, chèn hay đổi chỗ sau khi được ghi"
        case .badSignature: return "chữ ký của mục ở \(entry) không hợp lệ: hoạt động đã bị sửa hoặc chữ ký bị giả (\(f.detail))"
        case .unknownSigner: return "không kiểm tra được chữ ký của mục ở \(entry): không có khóa công khai phù hợp — nếu khóa đã thay, thêm khóa cũ bằng --keys"
        case .checkpointForged: return "điểm kiểm tra ở \(at) có chữ ký không hợp lệ: đã bị sửa hoặc giả mạo"
        case .checkpointUnknownKey: return "điểm kiểm tra ở \(at) được ký bằng khóa không nằm trong danh sách tin cậy: không kiểm tra được (nếu khóa ký đã thay, thêm khóa cũ bằng --keys)"
        case .checkpointMismatch: return "nhật ký đến \(at) không còn khớp với điểm kiểm tra đã ký: các mục đến vị trí này đã bị viết lại hoặc xóa"
        case .logTruncated: return "điểm kiểm tra ở \(at) bảo đảm cho những mục nhật ký không còn nữa: phần cuối nhật ký đã bị xóa"
        }
    }

    /// A bundle problem, worded for the officer (the English detail follows for the record).
    static func describe(_ p: AuditBundleReport.Problem, log: String) -> String {
        let at = p.position.map { " ở vị trí \($0)" } ?? ""
        let text = switch p.kind {
        case .malformed: "gói không đúng định dạng\(at)"
        case .layout: "các mục trong gói bị xáo trộn, thiếu hoặc trùng\(at)"
        case .hubKeyNotTrusted: "điểm kiểm tra KHÔNG được ký bằng khóa tin cậy của \(log) đã đưa"
        case .checkpointKeyNotListed: "khóa ký điểm kiểm tra không nằm trong danh sách khóa của gói"
        case .checkpointForged: "chữ ký của điểm kiểm tra không hợp lệ: điểm kiểm tra đã bị sửa hoặc giả mạo"
        case .badSignature: "chữ ký của hoạt động\(at) không hợp lệ: hoạt động đã bị sửa sau khi được ký"
        case .chainMismatch: "chuỗi băm tính lại từ gói không khớp với điểm kiểm tra đã ký: một hoạt động, một mã băm hoặc điểm kiểm tra đã bị sửa"
        }
        return "\(text) (\(p.detail))"
    }

    static func printBundle(_ report: AuditBundleReport) {
        var lines = ["Gói bằng chứng từ nhật ký của \(report.log) — chọn: \(report.selection.description)"]
        if let cp = report.checkpoint {
            lines.append("")
            lines.append("  KHÓA KÝ CỦA \(cp.signer.uppercased()) TRONG GÓI: \(cp.signerFingerprint)")
            switch report.hubKeyTrusted {
            case true?: lines.append("  → khớp với khóa tin cậy đã đưa (--hub-key).")
            case false?: lines.append("  → KHÔNG khớp với khóa tin cậy đã đưa (--hub-key): gói không do \(cp.signer) bảo đảm.")
            case nil: lines.append("  → Hãy đối chiếu dấu vân tay này với bản tin cậy của \(cp.signer) (văn bản đăng ký khóa, 'phoihop keys show'); gói chỉ chứng minh được điều gì nếu khóa này đúng là của \(cp.signer).")
            }
            lines.append("")
            lines.append("Điểm kiểm tra: vị trí \(cp.position) (\(cp.entries) mục), ký lúc \(VietnameseFormat.time(cp.signedAt)) (giờ Việt Nam).")
        }
        lines.append("Các hoạt động trong gói (\(report.acts.count)):")
        for act in report.acts {
            let name = MessageType(rawValue: act.type)?.vietnameseName ?? act.type
            let signed = act.signerFingerprint.map { "chữ ký hợp lệ (khóa \($0))" } ?? "CHỮ KÝ KHÔNG HỢP LỆ"
            lines.append("  #\(act.position) \(name) — mã \(act.id)")
            lines.append("      do \(act.author) ghi nhận lúc \(VietnameseFormat.time(act.sentAt)); \(report.log) nhận lúc \(VietnameseFormat.time(act.acceptedAt)); \(signed)")
        }
        switch report.verdict {
        case .intact:
            lines.append("KẾT LUẬN: gói toàn vẹn. Gói chứng minh: mỗi hoạt động trên do cơ quan ghi bên cạnh ký (bằng khóa có dấu vân tay nêu trên), và \(report.log) đã ghi nhận nó vào nhật ký ở vị trí và thời điểm nêu trên, trước điểm kiểm tra đã ký. Gói không chứng minh rằng không còn hoạt động nào khác liên quan.")
        case .tampered:
            lines.append("KẾT LUẬN: GÓI BỊ SỬA HOẶC KHÔNG HỢP LỆ — \(report.problems.count) vấn đề:")
            for problem in report.problems { lines.append("  • " + describe(problem, log: report.log)) }
        case .incomplete:
            lines.append("KẾT LUẬN: chuỗi băm và điểm kiểm tra hợp lệ, nhưng không kiểm tra được:")
            for item in report.cannotCheck { lines.append("  • thiếu khóa công khai: \(item)") }
        }
        print(lines.joined(separator: "\n"))
    }
}
