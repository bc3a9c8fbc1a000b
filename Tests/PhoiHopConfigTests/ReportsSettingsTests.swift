import Foundation
import PhoiHopConfig
import Sodium
import Testing
import ZeroMQ

/// The hub's `reports:` section: issuer, numbering and schedule; defaults are today's behaviour.
struct ReportsSettingsTests {
    let workspace = ConfigTests().workspace

    /// A hub configuration with `reports` appended (YAML, unindented keys under `reports:`).
    func hub(_ reports: String?) throws -> String {
        let vhttdl = try CurveKeyPair.generate().publicKey.z85
        return try workspace { text in
            text = """
                agency: so-tttt
                role: hub
                stateDirectory: state
                province: long-an.yaml
                rules: rules
                bus:
                  ingest: tcp://127.0.0.1:7701
                  publish: tcp://127.0.0.1:7702
                  secretKeyFile: agency.secret
                  signingKeyFile: agency.sign
                agencies:
                  - id: vhttdl
                    role: vhttdl
                    curvePublicKey: "\(vhttdl)"
                    signingKeys: ["\(SigningKeyPair.generate().publicKey.base64)"]

                """ + (reports.map { "reports:\n" + $0 + "\n" } ?? "")
        }
    }

    @Test func withoutAReportsSectionTheHubIssuesAsLongAnsSoTTTTWithBlankNumbersAndNoSchedule() throws {
        let config = try DaemonConfig.load(file: try hub(nil), environment: [:])
        #expect(config.reports == ReportsSettings())
        #expect(config.reports.issuer.symbol == "BC-STTTT" && config.reports.issuer.superiorBody == "UBND TỈNH LONG AN")
        #expect(config.reports.numbering == .blank)
        #expect(!config.reports.schedule.enabled)
    }

    @Test func theIssuerNumberingAndScheduleAreRead() throws {
        let config = try DaemonConfig.load(file: try hub("""
              issuer:
                issuingBody: SỞ KHOA HỌC VÀ CÔNG NGHỆ
                symbol: BC-SKHCN
                place: Tân An
                signerCapacity: KT. GIÁM ĐỐC
                signerPosition: PHÓ GIÁM ĐỐC
                signerName: Nguyễn Văn A
                recipients: [UBND tỉnh]
                archivedAt: [VT, P.BCVT]
              numbering: {mode: sequential, firstNumber: 7}
              schedule: {enabled: true, kinds: [monthly, annual]}
            """), environment: [:])
        let issuer = config.reports.issuer
        #expect(issuer.issuingBody == "SỞ KHOA HỌC VÀ CÔNG NGHỆ" && issuer.symbol == "BC-SKHCN")
        #expect(issuer.signerCapacity == "KT. GIÁM ĐỐC" && issuer.signerPosition == "PHÓ GIÁM ĐỐC" && issuer.signerName == "Nguyễn Văn A")
        #expect(issuer.recipients == ["UBND tỉnh"] && issuer.archivedAt == ["VT", "P.BCVT"])
        #expect(issuer.superiorBody == "UBND TỈNH LONG AN", "a key not given keeps its default")
        #expect(config.reports.numbering == .sequential(firstNumber: 7))
        #expect(config.reports.schedule == { var s = ReportSchedulePlan(); s.enabled = true; s.kinds = ["monthly", "annual"]; return s }())
    }

    @Test(arguments: [
        ("  numbering: {mode: daily}", "reports.numbering.mode", "neither 'blank'"),
        ("  numbering: {firstNumber: 3}", "reports.numbering.firstNumber", "only 'mode: sequential'"),
        ("  schedule: {enabled: true, kinds: [weekly]}", "reports.schedule.kinds", "'weekly' is not a report period"),
        ("  schedule: {enabled: yes please}", "reports.schedule.enabled", "true or false"),
        ("  issuer: {signer: X}", "reports.issuer.signer", "unknown key"),
        ("  issuer: {symbol: BC/STTTT}", "reports.issuer.symbol", "without spaces or '/'"),
        ("  cadence: daily", "reports.cadence", "unknown key"),
    ])
    func aBadReportsKeyIsNamedWithItsProblem(section: String, key: String, problem: String) throws {
        let file = try hub(section)
        #expect { try DaemonConfig.load(file: file, environment: [:]) } throws: { error in
            (error as? ConfigError)?.key == key && (error as? ConfigError)?.problem.contains(problem) == true
        }
    }

    @Test func anAgencysConfigurationMayNotHaveAReportsSection() throws {
        let file = try workspace { $0 += "reports:\n  numbering: {mode: blank}\n" }
        #expect { try DaemonConfig.load(file: file, environment: [:]) } throws: { error in
            (error as? ConfigError)?.key == "reports" && (error as? ConfigError)?.problem.contains("only the hub") == true
        }
    }

    @Test func aReloadAppliesTheReportsSectionWithoutARestart() throws {
        let file = try hub(nil)
        let running = try DaemonConfig.load(file: file, environment: [:])
        try (String(contentsOfFile: file, encoding: .utf8) + "reports:\n  numbering: {mode: sequential}\n  schedule: {enabled: true}\n")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let new = try DaemonConfig.load(file: file, environment: [:])
        #expect(running.restartRequired(comparedTo: new).isEmpty)
        let applied = running.applyingTrust(of: new)
        #expect(applied.reports.numbering == .sequential(firstNumber: 1))
        #expect(applied.reports.schedule.enabled)
    }
}
