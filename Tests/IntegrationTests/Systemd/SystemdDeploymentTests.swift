import Foundation
import Testing

/// The deployment as an IT officer makes it (docs/DEPLOYMENT.md), under a real, private systemd
/// (``PrivateSystemd``): `scripts/install.sh` into a staging root, the province's configuration
/// in /etc/phoihop with the keys root-only, the system user made by systemd-sysusers, then the
/// hub and agencies run as `phoihop-hub.service` and `phoihop-agency@<agency>.service`.
///
/// The units are the shipped ones, with one drop-in: a 3 s watchdog instead of 60 s, so the
/// wedged-loop test does not wait a minute.
@Suite(.serialized, .enabled(if: PrivateSystemd.unavailableReason == nil, Comment(rawValue: PrivateSystemd.unavailableReason ?? "")))
final class SystemdDeploymentTests {
    /// The hub and the agencies the test runs. `lateAgency` is configured on its server but not
    /// yet on the hub's allow-list: it is admitted by a reload.
    static let agencies = ["district-tan-an", "cong-an", "vhttdl"]
    static let lateAgency = "district-kien-tuong"

    let systemd: PrivateSystemd
    let staging: String

    init() throws {
        staging = FileManager.default.temporaryDirectory.appendingPathComponent("phoihop-deploy-\(UUID().uuidString.prefix(8))").path
        try Self.stage(into: staging)
        systemd = try PrivateSystemd(name: "deploy")
        try systemd.copy(directory: URL(fileURLWithPath: staging), to: "/")
        // systemd-sysusers.service is masked inside; the installer runs it on a live system.
        _ = try systemd.shell("systemd-sysusers /usr/local/lib/sysusers.d/phoihop.conf && systemctl daemon-reload")
    }

    deinit {
        systemd.shutdown()
        try? FileManager.default.removeItem(atPath: staging)
    }

    // MARK: - The checks

    @Test func theUnitsPassSystemdAnalyzeVerify() throws {
        let units = ["phoihop-hub.service", "phoihop.target"].map { "/usr/local/lib/systemd/system/\($0)" }
            + ["phoihop-agency@cong-an.service"]
        let (status, output) = try systemd.run(["systemd-analyze", "verify"] + units)
        #expect(status == 0, "\(output)")
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "systemd-analyze verify warned:\n\(output)")
    }

    /// Type=notify: `systemctl start` returns once the daemon said READY=1 (its store open, its
    /// sockets bound), so a daemon that cannot bind its port never becomes active, and the one
    /// that can is active only after its own "ready" line.
    @Test func aDaemonIsActiveOnlyAfterItSaysReadyAndNeverIfItCannotBind() throws {
        let port = try Self.hubPort(systemd)
        // Something else holds the hub's ingest port.
        let squatter = try TCPListener(port: port)
        let refused = try systemd.run(["systemctl", "start", "phoihop-hub.service"], timeout: .seconds(60))
        #expect(refused.status != 0, "systemctl start succeeded although the hub could not bind: \(refused.output)")
        #expect(try prop("phoihop-hub.service", "ActiveState") != "active")
        #expect(try systemd.journal(unit: "phoihop-hub.service").contains("Address already in use"))
        squatter.close()
        _ = try systemd.shell("systemctl stop phoihop-hub.service; systemctl reset-failed phoihop-hub.service || true")

        try start(["phoihop-hub.service"] + Self.agencies.map(Self.unit))
        for unit in ["phoihop-hub.service"] + Self.agencies.map(Self.unit) {
            #expect(try prop(unit, "ActiveState") == "active")
            #expect(try prop(unit, "Type") == "notify")
            // One journal, fed through one socket in the order things happened: the daemon's
            // "ready" line is sent before its READY=1, and systemd logs "Started" on receiving it.
            let messages = try journalMessages(unit)
            let ready = try #require(messages.firstIndex { $0.hasPrefix("ready") }, "\(unit) logged no ready line")
            let started = try #require(messages.lastIndex { $0.hasPrefix("Started ") }, "systemd logged no Started for \(unit)")
            #expect(ready < started, "\(unit) was active before it was ready: \(messages)")
            // STATUS= reached systemd.
            #expect(try prop(unit, "StatusText").contains("peers online"))
        }
    }

    /// Acts recorded at agencies reach the hub; the journal tells each act's story by its id.
    @Test func agenciesExchangeActsWithTheHubAndTheJournalFollowsAnActById() throws {
        try start(["phoihop-hub.service"] + Self.agencies.map(Self.unit))
        let id = try register("district-tan-an", "TA-0001")
        try waitUntil("the hub applied TA-0001", timeout: 30) { try hubBusinesses().contains("TA-0001") }
        let hubLines = try systemd.run(["journalctl", "-u", "phoihop-hub.service", "PHOIHOP_MESSAGE_ID=\(id)", "-o", "cat"]).output
        #expect(hubLines.contains("applied") && hubLines.contains("author=district-tan-an"), "\(hubLines)")
        let agencyLines = try systemd.run(["journalctl", "-u", Self.unit("district-tan-an"), "PHOIHOP_MESSAGE_ID=\(id)", "-o", "cat"]).output
        #expect(agencyLines.contains("recorded"), "\(agencyLines)")
        #expect(try systemd.run(["journalctl", "PHOIHOP_AGENCY=so-tttt", "-o", "cat"]).output.contains("ready"))
    }

    /// SIGSTOP freezes the hub's loop: its watchdog pings stop, systemd kills and restarts it,
    /// and the acts an agency recorded meanwhile all arrive, once each.
    @Test func aFrozenHubIsRestartedByTheWatchdogAndNothingIsLost() throws {
        try start(["phoihop-hub.service", Self.unit("district-tan-an")])
        _ = try register("district-tan-an", "TA-0100")
        try waitUntil("the hub applied TA-0100", timeout: 30) { try hubBusinesses().contains("TA-0100") }
        let pid = try prop("phoihop-hub.service", "MainPID")
        _ = try systemd.shell("kill -STOP \(pid)")
        let frozen = (1...5).map { "TA-01\(String(format: "%02d", $0))" }.dropFirst()
        for business in frozen { _ = try register("district-tan-an", business) }
        try waitUntil("systemd restarted the frozen hub", timeout: 30) {
            try prop("phoihop-hub.service", "NRestarts") == "1" && prop("phoihop-hub.service", "ActiveState") == "active"
        }
        #expect(try prop("phoihop-hub.service", "MainPID") != pid)
        #expect(try systemd.journal(unit: "phoihop-hub.service").contains("Watchdog timeout"))
        try waitUntil("every act recorded while the hub was frozen arrived", timeout: 60) {
            Set(frozen).isSubset(of: try hubBusinesses())
        }
        let registered = try hubBusinessRegistrations()
        #expect(registered.count == Set(registered).count, "an act applied twice: \(registered)")
    }

    /// `systemctl reload` re-reads hub.yaml: an agency added to the allow-list is admitted and
    /// its waiting acts arrive; a broken file is refused, the reload fails, the hub serves on.
    @Test func reloadAdmitsANewAgencyAndABrokenFileFailsTheReloadChangingNothing() throws {
        try start(["phoihop-hub.service", Self.unit(Self.lateAgency)])
        _ = try register(Self.lateAgency, "KT-0001")
        let good = try systemd.run(["cat", "/etc/phoihop/hub.yaml"]).output
        _ = try systemd.shell("printf 'agencies: [unclosed\\n' >> /etc/phoihop/hub.yaml")
        let broken = try systemd.run(["systemctl", "reload", "phoihop-hub.service"])
        #expect(broken.status != 0, "a reload of a broken file succeeded: \(broken.output)")
        #expect(try prop("phoihop-hub.service", "ActiveState") == "active")
        #expect(try !hubBusinesses().contains("KT-0001"))

        let admitted = good + (try systemd.run(["cat", "/etc/phoihop/late-agency-entry.yaml"]).output)
        _ = try systemd.run(["tee", "/etc/phoihop/hub.yaml"], input: Data(admitted.utf8))
        let reload = try systemd.run(["systemctl", "reload", "phoihop-hub.service"])
        #expect(reload.status == 0, "\(reload.output)")
        #expect(try systemd.journal(unit: "phoihop-hub.service").contains("admitted=[\"\(Self.lateAgency)\"]"))
        try waitUntil("the newly admitted agency's act arrived", timeout: 60) { try hubBusinesses().contains("KT-0001") }
    }

    /// `systemctl stop` while an agency records: the daemon exits 0 within TimeoutStopSec, and
    /// every act it acknowledged before it stopped is in its log and reaches the hub afterwards.
    @Test func stopIsCleanAndLosesNoActItAcknowledged() throws {
        try start(["phoihop-hub.service", Self.unit("district-tan-an")])
        // Records until the daemon stops answering, noting each acknowledged business; a transient
        // unit of its own, so it runs on while the test stops the daemon.
        try systemd.shell("""
            systemd-run --unit=recorder-under-test --quiet bash -c 'for n in $(seq 1000 9999); do \
              /usr/local/bin/phoihop business register --control /var/lib/phoihop/district-tan-an/control.sock \
                --id TA-$n --name "Điểm $n" --kind public-access-point --address "Số $n" --owner "Chủ $n" >/dev/null 2>&1 \
                && echo TA-$n >> /run/acknowledged || break; done'
            """)
        try waitUntil("a few acts were recorded", timeout: 30) { try acknowledged().count >= 5 }
        let stop = try systemd.run(["systemctl", "stop", Self.unit("district-tan-an")], timeout: .seconds(60))
        #expect(stop.status == 0, "\(stop.output)")
        try waitUntil("the recorder noticed the stop", timeout: 30) { try prop("recorder-under-test.service", "ActiveState") != "active" }
        // It was still recording when the stop came: the stop met acts in flight.
        #expect(try acknowledged().count < 9000)
        #expect(try prop(Self.unit("district-tan-an"), "Result") == "success")
        #expect(try prop(Self.unit("district-tan-an"), "ExecMainStatus") == "0")
        let acked = try acknowledged()
        try start([Self.unit("district-tan-an")])
        try waitUntil("every acknowledged act reached the hub", timeout: 60) { Set(acked).isSubset(of: try hubBusinesses()) }
        #expect(try systemd.journal(unit: Self.unit("district-tan-an")).contains("stopped"))
    }

    /// The sandbox holds: the daemon runs as phoihop without privileges, may write its state
    /// directory and nothing else, and reads its keys only through credentials.
    @Test func theSandboxIsInForce() throws {
        try start(["phoihop-hub.service"])
        let pid = try prop("phoihop-hub.service", "MainPID")
        let status = try systemd.run(["cat", "/proc/\(pid)/status"]).output
        #expect(status.contains("NoNewPrivs:\t1"))
        #expect(status.contains("Seccomp:\t2"))
        #expect(status.contains("CapEff:\t0000000000000000"))
        #expect(try systemd.shell("ps -o user= -p \(pid)").trimmingCharacters(in: .whitespacesAndNewlines) == "phoihop")
        let control = ["--control", "/var/lib/phoihop/so-tttt/control.sock"]
        // A directory the phoihop user owns, outside the state directory: only the sandbox
        // (ProtectSystem=strict) stops the daemon writing there.
        try systemd.shell("install -d -o phoihop -g phoihop -m 0750 /var/phoihop-probe")
        let outside = try systemd.run(["/usr/local/bin/phoihop", "backup", "--out", "/var/phoihop-probe/copy.sqlite"] + control)
        #expect(outside.status != 0, "the daemon wrote outside its state directory: \(outside.output)")
        #expect(try systemd.run(["test", "-e", "/var/phoihop-probe/copy.sqlite"]).status != 0)
        let inside = try systemd.run(["/usr/local/bin/phoihop", "backup", "--out", "/var/lib/phoihop/so-tttt/backup.sqlite"] + control)
        #expect(inside.status == 0, "\(inside.output)")
        // The keys stay root-only; the daemon reads systemd's private copies.
        #expect(try systemd.shell("stat -c '%a %U' /etc/phoihop/keys/so-tttt.curve.secret").hasPrefix("600 root"))
        #expect(try systemd.journal(unit: "phoihop-hub.service").contains("ready"))
        for unit in ["phoihop-hub.service", Self.unit("cong-an")] {
            let security = try systemd.run(["systemd-analyze", "security", "--no-pager", unit]).output
            let score = try #require(Self.exposure(security), "no score in: \(security.suffix(400))")
            print("systemd-analyze security \(unit): \(score)")
            #expect(score <= 2.0, "exposure \(score):\n\(security)")
        }
    }

    // MARK: - Helpers

    static func unit(_ agency: String) -> String { "phoihop-agency@\(agency).service" }

    func prop(_ unit: String, _ property: String) throws -> String {
        try systemd.run(["systemctl", "show", "-P", property, unit]).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func start(_ units: [String]) throws {
        let (status, output) = try systemd.run(["systemctl", "start"] + units, timeout: .seconds(120))
        if status != 0 {
            let journal = (try? systemd.run(["journalctl", "--no-pager", "-n", "60"]).output) ?? ""
            throw PrivateSystemdError("systemctl start \(units.joined(separator: " ")) failed: \(output)\n\(journal)")
        }
    }

    /// Polls `condition` (a question to another process: there is no event to await) until it holds.
    func waitUntil(_ what: String, timeout: TimeInterval, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if try condition() { return }
            guard Date() < deadline else {
                let journal = (try? systemd.run(["journalctl", "--no-pager", "-n", "80"]).output) ?? ""
                throw PrivateSystemdError("timed out after \(Int(timeout)) s waiting until \(what)\n\(journal)")
            }
            usleep(50_000)
        }
    }

    /// Registers a business at `agency` through the console inside; returns the act's id.
    func register(_ agency: String, _ business: String) throws -> String {
        let (status, output) = try systemd.run([
            "/usr/local/bin/phoihop", "business", "register", "--json", "--control", "/var/lib/phoihop/\(agency)/control.sock",
            "--id", business, "--name", "Điểm \(business)", "--kind", "public-access-point", "--address", "Số 1", "--owner", "Chủ",
        ])
        guard status == 0, let object = try? JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any],
              let id = object["id"] as? String else {
            throw PrivateSystemdError("recording \(business) at \(agency) failed (\(status)): \(output)")
        }
        return id
    }

    /// The businesses whose registration the hub applied, one entry per applied act.
    func hubBusinessRegistrations() throws -> [String] {
        let (status, output) = try systemd.run([
            "/usr/local/bin/phoihop", "acts", "--json", "--limit", "1000", "--type", "business.registered",
            "--control", "/var/lib/phoihop/so-tttt/control.sock",
        ])
        guard status == 0 else { return [] }
        let acts = (try? JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]]) ?? []
        return acts.compactMap { $0["business"] as? String }
    }

    func hubBusinesses() throws -> Set<String> { Set(try hubBusinessRegistrations()) }

    func acknowledged() throws -> [String] {
        let (status, output) = try systemd.run(["cat", "/run/acknowledged"])
        return status == 0 ? output.split(separator: "\n").map(String.init) : []
    }

    /// The messages of the unit's journal (systemd's about it and the daemon's own), in order.
    func journalMessages(_ unit: String) throws -> [String] {
        try systemd.journalRecords(unit: unit).compactMap { $0["MESSAGE"] }
    }

    /// "→ Overall exposure level for phoihop-hub.service: 1.4 OK :-)"
    static func exposure(_ report: String) -> Double? {
        guard let line = report.split(separator: "\n").first(where: { $0.contains("Overall exposure level") }),
              let unitEnd = line.range(of: ".service: ") else { return nil }
        return line[unitEnd.upperBound...].split(separator: " ").first.flatMap { Double($0) }
    }

    static func hubPort(_ systemd: PrivateSystemd) throws -> Int {
        let text = try systemd.run(["cat", "/etc/phoihop/hub.yaml"]).output
        guard let line = text.split(separator: "\n").first(where: { $0.contains("ingest:") }),
              let port = line.split(separator: ":").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) else {
            throw PrivateSystemdError("no ingest port in hub.yaml")
        }
        return port
    }

    /// The staging root: what `make install` puts, plus what the IT officer adds by hand —
    /// hub.yaml and the agencies' files in /etc/phoihop (from `phoihop province init`'s, with the
    /// key paths made credentials and the state in /var/lib/phoihop), the keys root-only, and the
    /// 3 s watchdog drop-in.
    static func stage(into root: String) throws {
        let bin = try Province.findBinDirectory()
        let install = try Subprocess.run(Province.repositoryRoot + "/scripts/install.sh", ["install"],
                                         environment: ["DESTDIR": root, "PREFIX": "/usr/local", "BIN_DIR": bin])
        guard install.status == 0 else { throw PrivateSystemdError("install.sh failed: \(install.output)") }
        // Generated beside the staging root, not in it: everything in it is copied onto /.
        let generated = root + "-province-init"
        let port = try Province.freePortPair()
        let initRun = try Subprocess.run(bin + "/phoihop", ["province", "init", "--dir", generated, "--rules", Province.repositoryRoot + "/config",
                                                            "--port", "\(port)", "--districts", "2"])
        guard initRun.status == 0 else { throw PrivateSystemdError("province init failed: \(initRun.output)") }
        let etc = root + "/etc/phoihop"
        let fm = FileManager.default
        func rewrite(_ text: String, agency: String, up: String) -> String {
            text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix("secretKeyFile:") { return "  secretKeyFile: ${CREDENTIALS_DIRECTORY}/curve.secret" }
                if trimmed.hasPrefix("signingKeyFile:") { return "  signingKeyFile: ${CREDENTIALS_DIRECTORY}/sign.secret" }
                if trimmed.hasPrefix("stateDirectory:") { return "stateDirectory: /var/lib/phoihop/\(agency)" }
                if trimmed.hasPrefix("province:") { return "province: \(up)province/long-an.yaml" }
                if trimmed.hasPrefix("rules:") { return "rules: \(up)rules" }
                return String(line)
            }.joined(separator: "\n")
        }
        // The hub's allow-list without the late agency; its entry kept aside for the reload test.
        var hub = rewrite(try String(contentsOfFile: generated + "/hub.yaml", encoding: .utf8), agency: "so-tttt", up: "")
        // The hub hands its control socket to a group (chown(2), which the units' filter must allow).
        hub = hub.replacingOccurrences(of: "\nlogLevel:", with: "\ncontrolGroup: phoihop\nlogLevel:")
        let entryStart = try #require(hub.range(of: "  - id: \(lateAgency)\n"))
        let rest = hub[entryStart.upperBound...]
        let entryEnd = rest.range(of: "\n  - id: ")?.lowerBound ?? rest.range(of: "\n#")?.lowerBound ?? hub.endIndex
        let entry = String(hub[entryStart.lowerBound..<entryEnd]) + "\n"
        hub.removeSubrange(entryStart.lowerBound..<(entryEnd == hub.endIndex ? entryEnd : hub.index(after: entryEnd)))
        try hub.write(toFile: etc + "/hub.yaml", atomically: true, encoding: .utf8)
        try entry.write(toFile: etc + "/late-agency-entry.yaml", atomically: true, encoding: .utf8)
        for agency in agencies + [lateAgency] {
            let text = try String(contentsOfFile: "\(generated)/agencies/\(agency).yaml", encoding: .utf8)
            try rewrite(text, agency: agency, up: "../").write(toFile: "\(etc)/agencies/\(agency).yaml", atomically: true, encoding: .utf8)
        }
        for agency in ["so-tttt"] + agencies + [lateAgency] {
            for kind in ["curve", "sign"] {
                let target = "\(etc)/keys/\(agency).\(kind).secret"
                try fm.copyItem(atPath: "\(generated)/keys/\(agency).\(kind).secret", toPath: target)
                try fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target)
            }
        }
        try fm.removeItem(atPath: generated)
        let dropIn = root + "/etc/systemd/system/phoihop-.service.d"
        try fm.createDirectory(atPath: dropIn, withIntermediateDirectories: true)
        try "[Service]\nWatchdogSec=3s\nRestartSec=1s\n".write(toFile: dropIn + "/test-watchdog.conf", atomically: true, encoding: .utf8)
    }
}

/// A TCP listener on 127.0.0.1 holding a port, so a daemon cannot bind it.
final class TCPListener {
    private var descriptor: Int32

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 1) == 0 else {
            Glibc.close(descriptor)
            throw PrivateSystemdError("cannot hold port \(port): errno \(errno)")
        }
    }

    func close() {
        if descriptor >= 0 { Glibc.close(descriptor); descriptor = -1 }
    }

    deinit { close() }
}
