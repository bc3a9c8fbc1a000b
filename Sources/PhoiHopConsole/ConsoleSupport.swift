import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopProtocol

/// Asks the officer's own daemon a named query (see `ConsoleQueries` in PhoiHopDomain).
func queryDaemon<R: Codable & Sendable>(_ options: ControlOptions, _ name: String, _ parameters: [String: String] = [:],
                                        as type: R.Type) throws -> R {
    try callDaemon(options, ControlCommand(command: "query", type: name, parameters: parameters), as: type)
}

/// Sends one act to the officer's own daemon and prints the receipt once it is durable.
func recordAct(_ options: ControlOptions, _ body: MessageBody) throws {
    let receipt = try callDaemon(options, ControlCommand(command: "record", type: body.type.rawValue), body: body.encoded(),
                                 as: RecordReceipt.self)
    options.emit(receipt) {
        let to = receipt.recipients.isEmpty ? "lưu tại đơn vị" : "sẽ gửi tới: \(receipt.recipients.map(\.rawValue).joined(separator: ", "))"
        print("Đã ghi nhận \(body.type.vietnameseName) — mã \(receipt.id), số thứ tự \(receipt.seq), \(to)")
    }
}

func parseDate(_ text: String?, _ option: String) throws -> CivilDate {
    guard let text else { return today() }
    do { return try CivilDate(parsing: text, field: option) } catch {
        throw ValidationError("\(option): '\(text.prefix(40))' không phải một ngày dạng YYYY-MM-DD, ví dụ 2026-11-30")
    }
}

/// Today in Vietnam (UTC+7), or the drill date of `PHOIHOP_TODAY` when set — the same date the
/// daemons count deadlines from in a drill, so a default `--on` is never "in the future" there.
func today() -> CivilDate {
    if let text = ProcessInfo.processInfo.environment["PHOIHOP_TODAY"], let drill = try? CivilDate(parsing: text) {
        return drill
    }
    return VietnamTime.day(atUnixMilliseconds: wallClockMilliseconds())
}

/// The id of the daemon the console talks to: the default district of a district officer's acts.
func ownAgency(_ options: ControlOptions) throws -> AgencyID {
    try callDaemon(options, ControlCommand(command: "status"), as: DaemonStatus.self).agency
}

func agencyID(_ text: String, _ option: String) throws -> AgencyID {
    guard let id = AgencyID(rawValue: text) else {
        throw ValidationError("\(option): '\(text)' không phải mã cơ quan (chữ thường, số và '-', ví dụ district-ben-luc, cong-an)")
    }
    return id
}

