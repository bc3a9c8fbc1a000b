import PhoiHopDomain
import ArgumentParser
import Foundation
import PhoiHopBus
import PhoiHopConfig
import PhoiHopProtocol
import PhoiHopStore
import Sodium

/// `phoihop audit`: the tamper-evident log (docs/AUDIT.md) — check it, extract evidence from it.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Kiểm toán nhật ký: kiểm tra chuỗi băm, chữ ký và điểm kiểm tra; xuất gói bằng chứng tự kiểm chứng.",
        discussion: "Mã thoát: 0 toàn vẹn, 1 phát hiện sửa đổi (hoặc bị từ chối), 2 không kiểm tra được (thiếu tệp, thiếu khóa…). Xem docs/AUDIT.md.",
        subcommands: [Verify.self, Export.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Kiểm tra nhật ký của daemon (đọc thẳng tệp cơ sở dữ liệu, chỉ đọc; daemon chạy hay dừng đều được), hoặc một gói bằng chứng (--bundle).",
            discussion: """
                Với --config: tính lại mã băm của từng mục và chuỗi băm, kiểm tra chữ ký của từng hoạt động bằng khóa trong danh sách \
                cho phép (và khóa của chính daemon), kiểm tra chữ ký của từng điểm kiểm tra và nhật ký có khớp với điểm đó không. \
                Với --bundle: kiểm tra gói không cần nhật ký, không cần mạng. Mã thoát: 0 toàn vẹn, 1 phát hiện sửa đổi, 2 không kiểm tra được.
                """)
        @Option(help: "Tệp cấu hình của daemon, ví dụ /etc/phoihop/hub.yaml.") var config: String?
        @Option(help: "Gói bằng chứng cần kiểm tra (từ 'phoihop audit export').") var bundle: String?
        @Option(help: "Tệp khóa công khai bổ sung (khóa cũ đã thay): mỗi dòng 'mã-cơ-quan khóa-base64'.") var keys: String?
        @Option(name: .customLong("hub-key"), help: "Khóa ký công khai tin cậy của máy chủ trung tâm (base64 hoặc tệp .sign.public): điểm kiểm tra phải được ký bằng khóa này.")
        var hubKey: String?
        @Option(name: .customLong("against"), help: "Gói bằng chứng đã xuất trước đây (lặp lại được): đối chiếu nhật ký với điểm kiểm tra lưu trong gói.")
        var against: [String] = []
        @Flag(help: "In JSON thay cho văn bản, dùng cho script.") var json = false

        func validate() throws {
            guard against.isEmpty || config != nil else { throw ValidationError("--against đi cùng --config") }
            guard (config == nil) != (bundle == nil) else { throw ValidationError("cần đúng một trong --config (kiểm tra nhật ký) hoặc --bundle (kiểm tra gói)") }
        }

        func run() throws {
            let verdict: AuditReport.Verdict
            do {
                let pinned = try AuditKeys.pinned(hubKey)
                if let bundle {
                    verdict = try verifyBundle(bundle, pinned: pinned)
                } else {
                    let daemon = try AuditKeys.loadConfig(config!)
                    let keyring = try AuditKeys.keyring(daemon, extra: keys, pinned: pinned)
                    let kept = try against.map { path in
                        guard let checkpoint = try readBundle(path).checkpoint.checkpoint else {
                            throw AuditCannotCheck("\(path): điểm kiểm tra trong gói không đúng định dạng")
                        }
                        return checkpoint
                    }
                    let report: AuditReport
                    do { report = try AuditVerifier.verify(databasePath: daemon.databasePath, keys: keyring, kept: kept) } catch {
                        throw AuditCannotCheck("không đọc được nhật ký \(daemon.databasePath): \(error)")
                    }
                    if json { printJSON(AuditVerifyOutput(verdict: report.verdict, report: report)) } else {
                        AuditOutput.printReport(report, agency: daemon.agency.rawValue, key: pinned ?? daemon.signingKey.publicKey)
                    }
                    verdict = report.verdict
                }
            } catch let failure as AuditCannotCheck {
                FileHandle.standardError.write(Data("không kiểm tra được: \(failure.description)\n".utf8))
                throw ExitCode(2)
            }
            switch verdict {
            case .intact: return
            case .tampered: throw ExitCode(1)
            case .incomplete: throw ExitCode(2)
            }
        }

        func readBundle(_ path: String) throws -> AuditBundle {
            guard let data = FileManager.default.contents(atPath: path) else { throw AuditCannotCheck("không đọc được gói \(path)") }
            do { return try JSONDecoder().decode(AuditBundle.self, from: data) } catch {
                throw AuditCannotCheck("\(path) không phải gói bằng chứng PhoiHop (JSON \(AuditBundle.formatName)): \(error)")
            }
        }

        func verifyBundle(_ path: String, pinned: SigningPublicKey?) throws -> AuditReport.Verdict {
            let bundle = try readBundle(path)
            let report = bundle.verify(trustedHubKey: pinned)
            if json { printJSON(AuditBundleOutput(verdict: report.verdict, report: report)) } else { AuditOutput.printBundle(report) }
            return report.verdict
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Xuất gói bằng chứng tự kiểm chứng (JSON) gồm các hoạt động của một doanh nghiệp và/hoặc một khoảng thời gian, kèm chữ ký và điểm kiểm tra của máy chủ trung tâm.",
            discussion: """
                Gói chứa đầy đủ các hoạt động được chọn (nội dung, chữ ký), mã băm của mọi mục khác từ mục được chọn đầu tiên \
                đến điểm kiểm tra bao phủ mục cuối, điểm kiểm tra đã ký và các khóa công khai. Ai cũng kiểm tra được bằng \
                'phoihop audit verify --bundle' hoặc công cụ của mình (docs/AUDIT.md). Nếu chưa có điểm kiểm tra bao phủ mục \
                cuối, lệnh từ chối, trừ khi dùng --checkpoint-now (máy chủ phải đang chạy).
                """)
        @Option(help: "Tệp cấu hình của daemon, ví dụ /etc/phoihop/hub.yaml.") var config: String
        @Option(help: "Mã doanh nghiệp, ví dụ DN-TA-0001.") var business: String?
        @Option(help: "Từ ngày (giờ Việt Nam, theo lúc máy chủ nhận), YYYY-MM-DD.") var from: String?
        @Option(help: "Đến hết ngày, YYYY-MM-DD.") var to: String?
        @Option(help: "Tệp gói sẽ ghi, ví dụ bang-chung-DN-TA-0001.json.") var out: String
        @Option(help: "Tệp khóa công khai bổ sung (khóa cũ đã thay): mỗi dòng 'mã-cơ-quan khóa-base64'.") var keys: String?
        @Flag(name: .customLong("checkpoint-now"), help: "Yêu cầu daemon đang chạy ký ngay một điểm kiểm tra trước khi xuất.")
        var checkpointNow = false
        @Flag(help: "Ghi đè nếu tệp đã có.") var overwrite = false

        func validate() throws {
            guard business != nil || from != nil || to != nil else { throw ValidationError("cần --business hoặc --from/--to (hoặc cả hai)") }
            guard (from == nil) == (to == nil) else { throw ValidationError("--from và --to đi cùng nhau") }
        }

        func run() throws {
            do { try export() } catch let failure as AuditCannotCheck {
                FileHandle.standardError.write(Data("không xuất được: \(failure.description)\n".utf8))
                throw ExitCode(2)
            }
        }

        func export() throws {
            let daemon = try AuditKeys.loadConfig(config)
            var selection = AuditBundle.Selection(business: business, description: "")
            var described: [String] = []
            if let business { described.append("doanh nghiệp \(business)") }
            if let from, let to {
                let start = try parseDate(from, "--from"), end = try parseDate(to, "--to")
                guard start <= end else { throw ValidationError("--from phải không sau --to") }
                selection.acceptedFrom = VietnamTime.start(of: start)
                selection.acceptedBefore = VietnamTime.start(of: end.adding(days: 1))
                described.append("nhận từ \(start.vietnameseText) đến hết \(end.vietnameseText)")
            }
            selection.description = described.joined(separator: ", ")
            if !overwrite, FileManager.default.fileExists(atPath: out) {
                throw ConsoleFailure("\(out) đã có; dùng --overwrite để ghi đè")
            }
            if checkpointNow {
                do {
                    _ = try ControlClient(path: daemon.controlSocket, timeoutMilliseconds: 30_000)
                        .call(ControlCommand(command: "checkpoint"), as: CheckpointReply.self)
                } catch {
                    throw ConsoleFailure("không yêu cầu được daemon ký điểm kiểm tra (daemon phải đang chạy): \(error)")
                }
            }
            let keyring = try AuditKeys.keyring(daemon, extra: keys, pinned: nil)
            let built: Result<AuditBundle, AuditBundle.BuildProblem>
            do {
                let progress = ProgressReporter(what: "đã đối chiếu chữ ký")
                built = try AuditBundle.build(databasePath: daemon.databasePath, log: daemon.agency.rawValue, selection: selection,
                                              keys: keyring, now: wallClockMilliseconds()) { progress.report($0, of: $1) }
            } catch { throw AuditCannotCheck("không đọc được nhật ký \(daemon.databasePath): \(error)") }
            let bundle: AuditBundle
            switch built {
            case .success(let value): bundle = value
            case .failure(.nothingSelected): throw ConsoleFailure("không có hoạt động nào trong nhật ký khớp: \(selection.description)")
            case .failure(.notCovered(let last, let latest)):
                let latestText = latest.map { "điểm kiểm tra mới nhất ở vị trí \($0)" } ?? "nhật ký chưa có điểm kiểm tra nào"
                throw ConsoleFailure("""
                    hoạt động cuối được chọn (vị trí \(last)) chưa có điểm kiểm tra nào bảo đảm (\(latestText)). \
                    Chạy lại với --checkpoint-now khi daemon đang chạy, hoặc đợi: daemon ký điểm kiểm tra sau mỗi \
                    \(Checkpoints.everyEntries) mục, 10 phút sau mục chưa được bảo đảm, và khi dừng đúng cách
                    """)
            }
            // A bundle the log itself does not vouch for is never handed out.
            FileHandle.standardError.write(Data("đang tự kiểm tra gói (\(bundle.entries.count) hoạt động, \(bundle.leafHashes.count) mục nhật ký)…\n".utf8))
            let check = bundle.verify(trustedHubKey: daemon.signingKey.publicKey)
            guard check.verdict == .intact else {
                throw ConsoleFailure("gói lập từ nhật ký không tự kiểm chứng được (\(check.problems.first?.detail ?? check.cannotCheck.first ?? "")); chạy 'phoihop audit verify --config \(config)'")
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            do { try encoder.encode(bundle).write(to: URL(fileURLWithPath: out)) } catch {
                throw ConsoleFailure("không ghi được \(out): \(error)")
            }
            print("""
                Đã xuất \(bundle.entries.count) hoạt động (\(selection.description)) vào \(out).
                Điểm kiểm tra bảo đảm: vị trí \(bundle.checkpoint.position), ký lúc \(VietnameseFormat.time(bundle.checkpoint.signedAt)) bởi \(bundle.checkpoint.signer).
                Dấu vân tay khóa ký của \(bundle.checkpoint.signer): \(bundle.checkpoint.signerFingerprint)
                Người nhận gói kiểm tra bằng: phoihop audit verify --bundle \(out) --hub-key <khóa công khai của \(bundle.checkpoint.signer)>
                """)
        }
    }
}

struct AuditVerifyOutput: Encodable {
    var verdict: AuditReport.Verdict
    var report: AuditReport
}

struct AuditBundleOutput: Encodable {
    var verdict: AuditReport.Verdict
    var report: AuditBundleReport
}

func printJSON(_ value: some Encodable) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self))
}
