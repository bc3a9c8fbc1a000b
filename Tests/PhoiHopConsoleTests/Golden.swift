import Foundation
import Testing

/// Golden files: what the console prints for fixed inputs, kept under `Golden/`. A test fails
/// when its file is missing or differs; `PHOIHOP_WRITE_GOLDEN=1 swift test --filter
/// PhoiHopConsoleTests` writes them again (then review the diff before committing).
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    static var rewriting: Bool { ProcessInfo.processInfo.environment["PHOIHOP_WRITE_GOLDEN"] == "1" }

    /// Compares `text` with `Golden/<name>`, or writes it there when rewriting.
    static func check(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = directory.appendingPathComponent("Golden/\(name)")
        let actual = text.hasSuffix("\n") ? text : text + "\n"
        if rewriting {
            // A rewrite run compares too: an unchanged file passes, a changed one is written
            // and fails, so a rewrite never looks green without a diff to review.
            guard (try? String(contentsOf: file, encoding: .utf8)) != actual else { return }
            try actual.write(to: file, atomically: true, encoding: .utf8)
            Issue.record("rewrote Golden/\(name); review the diff before committing", sourceLocation: sourceLocation)
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("Golden/\(name) is missing; write it with PHOIHOP_WRITE_GOLDEN=1 and review it", sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(expectedLines.count, actualLines.count)
        let line = { (lines: [Substring]) in first < lines.count ? String(lines[first]) : "<end of text>" }
        Issue.record("""
            Golden/\(name) differs at line \(first + 1) (PHOIHOP_WRITE_GOLDEN=1 rewrites it):
              expected: \(line(expectedLines))
              actual:   \(line(actualLines))
            """, sourceLocation: sourceLocation)
    }

    /// A fixture of `Fixtures/`, decoded as the console decodes the daemon's answer.
    static func fixture<T: Decodable>(_ name: String, as _: T.Type) throws -> T {
        let data = try Data(contentsOf: directory.appendingPathComponent("Fixtures/\(name)"))
        return try JSONDecoder().decode(T.self, from: data)
    }

    /// The shape of a value's `--json` output: one "path: type" line per key, arrays as `[]`,
    /// sorted — what a script relies on, without the values.
    static func jsonShape<T: Encodable>(_ value: T) throws -> String {
        let json = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
        var lines = Set<String>()
        func walk(_ value: JSONValue, _ path: String) {
            switch value {
            case .object(let members):
                lines.insert("\(path.isEmpty ? "." : path): object")
                for (key, child) in members { walk(child, path + "." + key) }
            case .array(let elements):
                lines.insert("\(path.isEmpty ? "." : path): array")
                for child in elements { walk(child, path + "[]") }
            case .leaf(let type): lines.insert("\(path): \(type)")
            }
        }
        walk(json, "")
        return lines.sorted().joined(separator: "\n")
    }
}

/// Any JSON value, read only for its shape; booleans are told from numbers.
enum JSONValue: Decodable {
    case object([String: JSONValue])
    case array([JSONValue])
    case leaf(String)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .leaf("null") }
        else if (try? container.decode(Bool.self)) != nil { self = .leaf("boolean") }
        else if (try? container.decode(Double.self)) != nil { self = .leaf("number") }
        else if (try? container.decode(String.self)) != nil { self = .leaf("string") }
        else if let members = try? container.decode([String: JSONValue].self) { self = .object(members) }
        else { self = .array(try container.decode([JSONValue].self)) }
    }
}
