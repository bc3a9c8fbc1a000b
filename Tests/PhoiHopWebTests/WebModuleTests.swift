import PhoiHopWeb
import Testing

/// Placeholder until the dashboard's route tests land: the module links.
struct WebModuleTests {
    @Test func theModuleLinks() { _ = PhoiHopWeb.self }
}
