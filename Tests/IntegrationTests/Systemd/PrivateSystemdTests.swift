import Foundation
import Testing

/// The harness itself: a private systemd boots, runs a unit the way the real one does, and
/// leaves the host as it found it.
@Suite(.serialized, .enabled(if: PrivateSystemd.unavailableReason == nil, "\(PrivateSystemd.unavailableReason ?? "")"))
struct PrivateSystemdTests {
    private static let probeUnit = "phoihop-notify-probe.service"

    @Test func startReturnsOnlyOnceANotifyServiceSentReady() throws {
        let files = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: files) }
        try Self.write("""
            [Unit]
            Description=PhoiHop notify probe

            [Service]
            Type=notify
            NotifyAccess=all
            ExecStart=/usr/local/bin/phoihop-notify-probe
            """, to: files.appendingPathComponent("etc/systemd/system/\(Self.probeUnit)"))
        // systemd-notify sends with the script's pid (its parent) as the sender, so the message
        // is attributed to the unit even though systemd-notify itself exits at once.
        try Self.write("""
            #!/bin/bash
            echo "probe: sleeping 1 s before READY=1"
            sleep 1
            echo "probe: sending READY=1"
            systemd-notify --ready
            exec sleep infinity
            """, to: files.appendingPathComponent("usr/local/bin/phoihop-notify-probe"), mode: 0o755)

        let systemd = try PrivateSystemd(name: "notify")
        defer { systemd.shutdown() }
        // A staging root copied onto /: existing directories keep their modes (the staging
        // ones are 0700), a new one gets its own, files keep theirs.
        try FileManager.default.createDirectory(at: files.appendingPathComponent("etc/phoihop-notify-probe"),
                                                withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
        for staged in [files, files.appendingPathComponent("usr")] {
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: staged.path)
        }
        try systemd.copy(directory: files, to: "/")
        let modes = try systemd.shell("stat -c %a / /usr /etc/phoihop-notify-probe /usr/local/bin/phoihop-notify-probe")
        #expect(modes == "755\n755\n750\n755\n")
        try systemd.shell("systemctl daemon-reload")

        let clock = ContinuousClock()
        let began = clock.now
        try systemd.shell("systemctl start \(Self.probeUnit)")
        let startTook = clock.now - began

        let properties = try Self.properties(of: Self.probeUnit, in: systemd)
        #expect(properties["ActiveState"] == "active")
        #expect(properties["SubState"] == "running")
        #expect(startTook >= .seconds(1), "systemctl start returned after \(startTook), before READY=1")
        let forked = UInt64(properties["ExecMainStartTimestampMonotonic"] ?? "") ?? 0
        let active = UInt64(properties["ActiveEnterTimestampMonotonic"] ?? "") ?? 0
        #expect(forked > 0 && active >= forked + 1_000_000,
                "active at \(active) µs, main process forked at \(forked) µs: not activating for the 1 s sleep")

        // The journal: the probe began its sleep a second or more before systemd logged
        // "Started" (messages from two sockets; only their order a second apart is certain).
        let messages = try systemd.journalRecords(unit: Self.probeUnit).compactMap { record -> (text: String, time: UInt64)? in
            guard let message = record["MESSAGE"], let time = UInt64(record["__MONOTONIC_TIMESTAMP"] ?? "") else { return nil }
            return (message, time)
        }
        let journal = messages.map(\.text).joined(separator: "\n")
        let sleeping = try #require(messages.firstIndex { $0.text.hasPrefix("probe: sleeping") }, "no sleep in the journal:\n\(journal)")
        let started = try #require(messages.firstIndex { $0.text.hasPrefix("Started ") }, "no Started in the journal:\n\(journal)")
        #expect(messages.contains { $0.text.hasPrefix("probe: sending READY=1") }, "\(journal)")
        #expect(sleeping < started && messages[started].time >= messages[sleeping].time + 1_000_000, "\(journal)")
        #expect(systemd.bootDuration < .seconds(10), "boot took \(systemd.bootDuration)")
    }

    @Test func aWatchdogAbortRestartsTheServiceAndDumpsNoCore() throws {
        let files = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: files) }
        // Ready, then silent: the watchdog aborts it after 1 s. Its working directory is
        // writable, so only the instance's DefaultLimitCORE=0:0 keeps a core file (the host's
        // core_pattern names a file in the working directory) from appearing there.
        try Self.write("""
            [Service]
            Type=notify
            NotifyAccess=all
            WatchdogSec=1
            Restart=on-watchdog
            RestartSec=100ms
            StateDirectory=phoihop-watchdog-probe
            WorkingDirectory=/var/lib/phoihop-watchdog-probe
            ExecStart=/bin/bash -c 'echo "core limit $(ulimit -Sc)/$(ulimit -Hc)"; systemd-notify --ready; exec sleep infinity'
            """, to: files.appendingPathComponent("phoihop-watchdog-probe.service"))

        let systemd = try PrivateSystemd(name: "watchdog")
        defer { systemd.shutdown() }
        try systemd.copy(directory: files, to: "/etc/systemd/system")
        try systemd.shell("""
            systemctl daemon-reload
            systemctl start phoihop-watchdog-probe.service
            for _ in $(seq 100); do
                (( $(systemctl show -P NRestarts phoihop-watchdog-probe.service) >= 1 )) && break
                sleep 0.1
            done
            """, timeout: .seconds(30))

        let restarts = try systemd.shell("systemctl show -P NRestarts phoihop-watchdog-probe.service")
        #expect((Int(restarts.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) >= 1, "not restarted after the watchdog: \(restarts)")
        let journal = try systemd.journal(unit: "phoihop-watchdog-probe.service")
        #expect(journal.contains("Watchdog timeout (limit 1s)!"), "\(journal)")
        #expect(journal.contains("status=6/ABRT"), "\(journal)")
        #expect(journal.contains("core limit 0/0"), "\(journal)")
        let cores = try systemd.shell("find /var/lib/phoihop-watchdog-probe / -xdev -maxdepth 1 -name 'core*' -type f")
        #expect(cores.isEmpty, "core files: \(cores)")
    }

    @Test func theHostIsUntouchedAfterShutdown() throws {
        let marker = URL(fileURLWithPath: "/tmp/phoihop-sd-marker-\(getpid())-\(UUID().uuidString)")
        try Data("host\n".utf8).write(to: marker)
        defer { try? FileManager.default.removeItem(at: marker) }
        let probeName = "phoihop-sd-probe-\(getpid())"
        let hostPaths = ["/etc/\(probeName)", "/var/tmp/\(probeName)", "/usr/local/\(probeName)"]
        let mountsBefore = Self.hostMounts()
        let hostnameBefore = try String(contentsOfFile: "/proc/sys/kernel/hostname", encoding: .utf8)
        let corePatternBefore = try String(contentsOfFile: "/proc/sys/kernel/core_pattern", encoding: .utf8)

        let systemd = try PrivateSystemd(name: "host")
        defer { systemd.shutdown() }
        let initPID = systemd.initPID
        let failedUnits = try systemd.shell("systemctl --failed --no-legend --plain")
        #expect(systemd.bootState == "running", "booted \(systemd.bootState): \(failedUnits)")
        #expect(systemd.cgroups.allSatisfy { FileManager.default.fileExists(atPath: $0.path) })
        // Inside: a private /tmp, writes to /etc, /var, /usr/local, the hostname, and the
        // kernel's knobs stay inside (the knob is written with the value it has).
        #expect(try systemd.run(["test", "-e", marker.path]).status != 0, "the host's /tmp is visible inside")
        try systemd.shell("""
            echo inside > /tmp/\(probeName)
            for path in \(hostPaths.joined(separator: " ")); do echo inside > "$path"; done
            hostname \(probeName)
            """)
        let rootWrite = try systemd.run(["touch", "/\(probeName)"])
        #expect(rootWrite.status != 0 && rootWrite.output.contains("Read-only"), "/ is writable inside: \(rootWrite.output)")
        let sysctl = try systemd.run(["sh", "-c", "cat /proc/sys/kernel/core_pattern > /proc/sys/kernel/core_pattern"])
        #expect(sysctl.status != 0 && sysctl.output.contains("Read-only"), "/proc/sys is writable inside: \(sysctl.output)")

        systemd.shutdown()
        #expect(kill(initPID, 0) == -1 && errno == ESRCH, "the instance's PID 1 (host pid \(initPID)) is still there")
        #expect(FileManager.default.fileExists(atPath: marker.path), "the host's /tmp lost its marker file")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/\(probeName)"))
        #expect(!FileManager.default.fileExists(atPath: "/\(probeName)"))
        for path in hostPaths {
            #expect(!FileManager.default.fileExists(atPath: path), "\(path) reached the host")
        }
        // This instance's own cgroups (its tag), not every one of this test process: another suite
        // may have its own instance running at the same time.
        let tags = Set(systemd.cgroups.map(\.lastPathComponent))
        let leftovers = CgroupHierarchy.allPrivateSystemdCgroups().filter { tags.contains($0.lastPathComponent) }
        #expect(leftovers.isEmpty, "cgroups left: \(leftovers.map(\.path))")
        #expect(Self.hostMounts() == mountsBefore)
        #expect(try String(contentsOfFile: "/proc/sys/kernel/hostname", encoding: .utf8) == hostnameBefore)
        #expect(try String(contentsOfFile: "/proc/sys/kernel/core_pattern", encoding: .utf8) == corePatternBefore)
        let journal = (try? String(contentsOf: systemd.workDirectory.appendingPathComponent("journal.txt"), encoding: .utf8)) ?? ""
        #expect(journal.contains("Reached target multi-user.target"), "journal.txt was not saved at shutdown")
    }

    // MARK: Helpers

    /// The host's mounts at the places a leaking instance would change (mount point, type,
    /// source), from this process's mount table. Exact paths only: other test runs on the
    /// machine mount scratch file systems below /tmp.
    private static func hostMounts() -> [String] {
        let watched: Set<String> = ["/", "/run", "/tmp", "/var", "/var/tmp", "/etc", "/usr/local", "/etc/systemd/system",
                                    "/dev", "/dev/shm", "/dev/console", "/dev/kmsg", "/proc", "/proc/sys", "/sys"]
        let table = (try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)) ?? ""
        return table.split(separator: "\n").compactMap { line -> String? in
            let fields = line.split(separator: " ")
            guard fields.count >= 10, let dash = fields.firstIndex(of: "-") else { return nil }
            let point = String(fields[4])
            guard watched.contains(point) || point.hasPrefix("/sys/fs/cgroup") else { return nil }
            return "\(point) \(fields[5]) \(fields[dash + 1]) \(fields[dash + 2])"
        }.sorted()
    }

    private static func properties(of unit: String, in systemd: PrivateSystemd) throws -> [String: String] {
        let text = try systemd.shell("systemctl show -p ActiveState,SubState,ExecMainStartTimestampMonotonic,ActiveEnterTimestampMonotonic \(unit)")
        var properties: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            properties[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return properties
    }

    private static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("phoihop-sd-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    private static func write(_ text: String, to file: URL, mode: Int = 0o644) throws {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data((text + "\n").utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file.path)
    }
}
