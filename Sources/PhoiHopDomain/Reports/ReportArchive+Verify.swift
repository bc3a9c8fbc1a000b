public import GRDB
import Foundation
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopReports
import PhoiHopStore
import Sodium

/// What ``ReportArchive/verify(_:id:)`` found.
public struct ArchiveVerification: Codable, Sendable, Equatable {
    public var report: IssuedReport
    /// The chain head recomputed from the log's entries up to the stored position, hex.
    public var recomputedChainHead: String
    /// SHA-256 of the regenerated HTML, hex; nil when the report could not be regenerated.
    public var recomputedSHA256: String?
    public var chainMatches: Bool
    public var documentMatches: Bool
    /// Whether the regenerated figures and document (the JSON answer) equal the stored ones.
    public var answerMatches: Bool
    /// What differs, in Vietnamese, one line each; empty when everything matches.
    public var problems: [String]
    public var software: String

    /// Whether the stored report is exactly what the log says it was.
    public var matches: Bool { chainMatches && documentMatches && answerMatches }
}

extension ReportArchive {
    /// Regenerates stored report `id` from the audit log alone and compares: the log's entries up
    /// to the stored position are replayed into a scratch database (``LogReplay``), the chain
    /// head recomputed from their content must equal the stored one, and the report recomputed
    /// there with the stored legal tables, issuer, date and number must hash to the stored
    /// document. The live aggregate tables play no part; a changed log entry does.
    public static func verify(_ db: Database, id: Int64) throws -> ArchiveVerification {
        guard let row = try IssuedReports.fetch(db, id: id) else { throw notFound(id) }
        let report = try IssuedReport(row)
        var problems: [String] = []
        let replay = try LogReplay.replay(db, upTo: row.logPosition)
        if replay.entries != row.logPosition {
            problems.append("nhật ký chỉ còn \(replay.entries) bản ghi đến vị trí \(row.logPosition) (thiếu \(row.logPosition - replay.entries))")
        }
        let chainMatches = replay.chainHead == row.chainHead && replay.entries == row.logPosition
        if replay.chainHead != row.chainHead {
            problems.append("mã băm chuỗi nhật ký tại vị trí \(row.logPosition) là \(Fingerprint.hex(replay.chainHead).prefix(16))…, khác mã đã lưu \(report.chainHead.prefix(16))…"
                + (replay.firstAlteredPosition.map { "; bản ghi \($0) đã bị sửa" } ?? ""))
        }
        var recomputed: String?
        var documentMatches = false
        var answerMatches = false
        do {
            let rules = try JSONDecoder().decode(ProvinceRules.self, from: Data(row.rulesJSON))
            let issuer = try JSONDecoder().decode(ReportIssuer.self, from: Data(row.issuerJSON))
            let answer = try replay.database.read { scratch in
                try ReportArchive.answer(scratch, rules: rules, issuer: issuer, kind: row.kind, month: month(of: report.periodTo),
                                         issuedOn: report.issuedOn, number: row.number)
            }
            let hash = SHA256.hash(Array(answer.document.renderHTML().utf8))
            recomputed = Fingerprint.hex(hash)
            documentMatches = hash == row.documentSHA256
            answerMatches = try answerJSON(answer) == row.answerJSON
            if !documentMatches {
                problems.append("văn bản tính lại có mã SHA-256 \(recomputed!.prefix(16))…, khác mã đã lưu \(report.documentSHA256.prefix(16))…")
            }
            if !answerMatches { problems.append("số liệu tính lại từ nhật ký khác số liệu đã lưu") }
        } catch {
            problems.append("không tính lại được báo cáo từ nhật ký: \(error)")
        }
        if !problems.isEmpty, row.softwareVersion != PhoiHopProtocolInfo.softwareVersion {
            problems.append("báo cáo được lập bằng phiên bản \(row.softwareVersion), phiên bản đang chạy là \(PhoiHopProtocolInfo.softwareVersion)")
        }
        return ArchiveVerification(report: report, recomputedChainHead: Fingerprint.hex(replay.chainHead), recomputedSHA256: recomputed,
                                   chainMatches: chainMatches, documentMatches: documentMatches, answerMatches: answerMatches,
                                   problems: problems, software: PhoiHopProtocolInfo.softwareVersion)
    }
}
