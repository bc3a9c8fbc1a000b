import Foundation
import PhoiHopProtocol
import Testing

/// docs/PROTOCOL.md §5 lists the permission table; a client author reads it there, so it must
/// say exactly what the code enforces.
struct PermissionDocsTests {
    static let protocolDoc = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/PROTOCOL.md").path

    static func row(_ p: Permission) -> String {
        "| \(p.id) | `\(p.type.rawValue)` | \(p.type.vietnameseName) | \(p.roles.map { "`\($0.rawValue)`" }.joined(separator: ", ")) | \(p.scope.rawValue) | \(p.article) |"
    }

    @Test func theProtocolDocumentListsEveryPermissionRowAsTheCodeHasIt() throws {
        let doc = try String(contentsOfFile: Self.protocolDoc, encoding: .utf8)
        let missing = Permissions.table.map(Self.row).filter { !doc.contains($0) }
        #expect(missing.isEmpty, "docs/PROTOCOL.md §5 should contain these rows:\n\(missing.joined(separator: "\n"))")
    }
}
