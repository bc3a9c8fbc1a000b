import PhoiHopDomain
import PhoiHopProtocol
import PhoiHopStore
import Testing

/// The catalog as a whole: every type is wired through each layer.
struct CatalogTests {
    @Test func everyTypeHasExactlyOnePermissionRow() {
        for type in MessageType.allCases {
            #expect(Permissions.table.filter { $0.type == type }.count == 1, "\(type.rawValue)")
        }
        #expect(Set(Permissions.table.map(\.id)).count == Permissions.table.count)
    }

    @Test func everyBodyDeclaresItsOwnType() {
        for type in MessageType.allCases {
            #expect(type.bodyType.messageType == type, "\(type.rawValue) decodes into \(type.bodyType)")
        }
    }

    @Test func everyTypeHasAProjectionAChecksAndARoute() {
        for type in MessageType.allCases {
            #expect(type.bodyType is any ProjectedAct.Type, "\(type.rawValue) has no projection")
            #expect(type.bodyType is any CheckedAct.Type, "\(type.rawValue) has no checks")
            #expect(type.bodyType is any RoutedAct.Type, "\(type.rawValue) has no routing")
        }
    }

    @Test func everyQueryNameIsUnique() {
        let names = ConsoleQueries.all.map(\.name)
        #expect(Set(names).count == names.count)
    }
}
