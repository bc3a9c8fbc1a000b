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
