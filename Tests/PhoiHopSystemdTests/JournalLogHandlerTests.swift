import Foundation
import Logging
import PhoiHopSystemd
import Synchronization
import Testing

struct JournalLogHandlerTests {
    /// Parses the native protocol back into fields (both the `NAME=value` and the sized form).
    static func fields(_ bytes: [UInt8]) -> [String: String] {
        var fields: [String: String] = [:]
        var index = 0
        while index < bytes.count {
            let lineEnd = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            let line = bytes[index..<lineEnd]
            if let equals = line.firstIndex(of: UInt8(ascii: "=")) {
                fields[String(decoding: line[..<equals], as: UTF8.self)] = String(decoding: line[(equals + 1)...], as: UTF8.self)
                index = lineEnd + 1
            } else {
                let name = String(decoding: line, as: UTF8.self)
                let length = bytes[(lineEnd + 1)..<(lineEnd + 9)].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
                let start = lineEnd + 9
                fields[name] = String(decoding: bytes[start..<(start + length)], as: UTF8.self)
                #expect(bytes[start + length] == UInt8(ascii: "\n"))
                index = start + length + 1
            }
        }
        return fields
    }

    @Test func metadataKeysBecomePhoihopFieldNamesInUpperSnakeCase() {
        #expect(JournalLogHandler.fieldName("agency") == "PHOIHOP_AGENCY")
        #expect(JournalLogHandler.fieldName("messageId") == "PHOIHOP_MESSAGE_ID")
        #expect(JournalLogHandler.fieldName("curveKeysWithdrawn") == "PHOIHOP_CURVE_KEYS_WITHDRAWN")
        #expect(JournalLogHandler.fieldName("log.position-2") == "PHOIHOP_LOG_POSITION_2")
        #expect(JournalLogHandler.fieldName("đơn vị") == "PHOIHOP___N_V_")
        #expect(JournalLogHandler.fieldName(String(repeating: "a", count: 100)).count == 64)
    }

    @Test func anEntryCarriesTheMessagePriorityIdentifierSourceAndEachMetadataKey() {
        let bytes = JournalLogHandler.entry(identifier: "phoihop-hub", level: .warning, message: "peer offline",
                                            metadata: ["peer": "cong-an", "messageId": "3f2a"], file: "BusNode.swift", line: 191,
                                            function: "tick()")
        let fields = Self.fields(bytes)
        #expect(fields["MESSAGE"] == "peer offline messageId=3f2a peer=cong-an")
        #expect(fields["PRIORITY"] == "4")
        #expect(fields["SYSLOG_IDENTIFIER"] == "phoihop-hub")
        #expect(fields["CODE_FILE"] == "BusNode.swift")
        #expect(fields["CODE_LINE"] == "191")
        #expect(fields["CODE_FUNC"] == "tick()")
        #expect(fields["PHOIHOP_PEER"] == "cong-an")
        #expect(fields["PHOIHOP_MESSAGE_ID"] == "3f2a")
    }

    @Test func aValueWithALineBreakIsSentInTheSizedForm() {
        let bytes = JournalLogHandler.entry(identifier: "x", level: .error, message: "two\nlines", metadata: [:],
                                            file: "f", line: 1, function: "g")
        #expect(Self.fields(bytes)["MESSAGE"] == "two\nlines")
        #expect(String(decoding: bytes.prefix(8), as: UTF8.self) == "MESSAGE\n")
    }

    @Test func priorityFollowsSyslog() {
        #expect([Logger.Level.trace, .debug, .info, .notice, .warning, .error, .critical].map(JournalLogHandler.priority)
            == [7, 7, 6, 5, 4, 3, 2])
    }

    @Test func theHandlerSendsItsOwnAndTheEventsMetadataToTheJournalSocket() throws {
        let journal = try DatagramReceiver(abstract: false)
        let fellBack = Mutex<[String]>([])
        var handler = JournalLogHandler(identifier: "phoihop-agency", socket: JournalSocket(path: journal.name)) { line in
            fellBack.withLock { $0.append(line) }
        }
        handler[metadataKey: "agency"] = "district-ben-luc"
        let logger = Logger(label: "test") { _ in handler }
        logger.info("recorded", metadata: ["messageId": "abc"])
        let fields = Self.fields(try #require(journal.receive()))
        #expect(fields["PHOIHOP_AGENCY"] == "district-ben-luc")
        #expect(fields["PHOIHOP_MESSAGE_ID"] == "abc")
        #expect(fields["PRIORITY"] == "6")
        #expect(fields["CODE_FILE"]?.hasSuffix("JournalLogHandlerTests.swift") == true)
        #expect(fellBack.withLock { $0 }.isEmpty)
    }

    @Test func anEntryTheJournalDoesNotTakeIsWrittenToTheFallbackInstead() {
        let fellBack = Mutex<[String]>([])
        let handler = JournalLogHandler(identifier: "x", socket: JournalSocket(path: "/nonexistent/journal.sock")) { line in
            fellBack.withLock { $0.append(line) }
        }
        let logger = Logger(label: "test") { _ in handler }
        logger.error("store write failed", metadata: ["path": "/var/lib/phoihop"])
        #expect(fellBack.withLock { $0 } == ["error store write failed path=/var/lib/phoihop"])
    }

    @Test func standardErrorIsTheJournalOnlyWhenJournalStreamNamesIt() {
        #expect(!JournalSocket.standardErrorIsJournal(environment: [:]))
        #expect(!JournalSocket.standardErrorIsJournal(environment: ["JOURNAL_STREAM": "garbage"]))
        var status = stat()
        fstat(STDERR_FILENO, &status)
        #expect(JournalSocket.standardErrorIsJournal(environment: ["JOURNAL_STREAM": "\(status.st_dev):\(status.st_ino)"]))
        #expect(!JournalSocket.standardErrorIsJournal(environment: ["JOURNAL_STREAM": "\(status.st_dev):\(status.st_ino + 1)"]))
    }
}
