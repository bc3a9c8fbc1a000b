import PhoiHopSystemd
import Testing

struct SystemdNotifierTests {
    @Test func withoutNotifySocketNotifyingDoesNothingAndSucceeds() throws {
        let notifier = SystemdNotifier(environment: [:])
        #expect(!notifier.isEnabled)
        try notifier.notify(.ready, .status("ready"))
        #expect(!SystemdNotifier(environment: ["NOTIFY_SOCKET": ""]).isEnabled)
    }

    @Test(arguments: [false, true])
    func readyAndStatusArriveAsOneDatagramAtAPathOrAbstractSocket(abstract: Bool) throws {
        let receiver = try DatagramReceiver(abstract: abstract)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.name])
        try notifier.notify(.ready, .status("sẵn sàng: 3 agencies online"))
        let datagram = try #require(receiver.receive())
        #expect(String(decoding: datagram, as: UTF8.self) == "READY=1\nSTATUS=sẵn sàng: 3 agencies online\n")
    }

    @Test func eachStateHasItsAssignmentAndAStatusStaysOneLine() {
        #expect(SystemdNotifier.datagram([.reloading, .stopping, .watchdog, .extendTimeout(microseconds: 5_000_000)])
            == "RELOADING=1\nSTOPPING=1\nWATCHDOG=1\nEXTEND_TIMEOUT_USEC=5000000\n")
        #expect(SystemdNotifier.datagram([.status("line one\nline two\r\nthree")]) == "STATUS=line one line two three\n")
    }

    @Test func aSocketThatIsGoneIsReportedNotIgnored() throws {
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": "/nonexistent/phoihop/notify.sock"])
        #expect(throws: SystemdNotifier.Failure.self) { try notifier.notify(.watchdog) }
        let tooLong = SystemdNotifier(environment: ["NOTIFY_SOCKET": "/" + String(repeating: "x", count: 200)])
        let failure = #expect(throws: SystemdNotifier.Failure.self) { try tooLong.notify(.ready) }
        #expect(failure?.description.contains("not a usable socket name") == true)
    }
}

struct SystemdWatchdogTests {
    @Test func theTimeoutComesFromWatchdogUsecAndPingsAtHalfOfIt() throws {
        let watchdog = try #require(SystemdWatchdog(environment: ["WATCHDOG_USEC": "10000000"], processID: 42))
        #expect(watchdog.timeout == .seconds(10))
        #expect(watchdog.pingInterval == .seconds(5))
    }

    @Test func aWatchdogMeantForThisProcessIsTakenAndOneForAnotherIsNot() {
        #expect(SystemdWatchdog(environment: ["WATCHDOG_USEC": "3000000", "WATCHDOG_PID": "42"], processID: 42) != nil)
        #expect(SystemdWatchdog(environment: ["WATCHDOG_USEC": "3000000", "WATCHDOG_PID": "41"], processID: 42) == nil)
    }

    @Test(arguments: [[:], ["WATCHDOG_USEC": "0"], ["WATCHDOG_USEC": "-5"], ["WATCHDOG_USEC": "ten"], ["WATCHDOG_USEC": ""]])
    func noUsableWatchdogUsecMeansNoWatchdog(environment: [String: String]) {
        #expect(SystemdWatchdog(environment: environment, processID: 42) == nil)
    }
}

struct SystemdStartExtensionTests {
    /// The step below waits for the extensions themselves: it returns only once two have arrived,
    /// `interval` apart, so the test fails (after the receiver's five seconds) if they do not come.
    @Test func aLongStartStepKeepsAskingForMoreTimeAndStopsWhenItEnds() throws {
        let receiver = try DatagramReceiver(abstract: false)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.name])
        let seen = try notifier.extendingStart(status: "checking the store (3 804 MiB)", interval: .milliseconds(20), extension: .seconds(30)) {
            try [#require(receiver.receive()), #require(receiver.receive())].map { String(decoding: $0, as: UTF8.self) }
        }
        #expect(seen == Array(repeating: "EXTEND_TIMEOUT_USEC=30000000\nSTATUS=checking the store (3 804 MiB)\n", count: 2))
        // Once the step is over, systemd hears nothing more from it: after READY=1 the next
        // datagram is READY=1 itself, not a late extension.
        try notifier.notify(.ready)
        var next = try #require(receiver.receive())
        while String(decoding: next, as: UTF8.self).hasPrefix("EXTEND_TIMEOUT_USEC") {
            // One extension may have been on its way when the step returned; no more after it.
            next = try #require(receiver.receive())
        }
        #expect(String(decoding: next, as: UTF8.self) == "READY=1\n")
    }

    @Test func outsideSystemdTheStepJustRuns() throws {
        let value = SystemdNotifier(environment: [:]).extendingStart(status: "checking") { 42 }
        #expect(value == 42)
    }
}
