import PhoiHopReports
import Testing

/// Placeholder until the module's first types land; removed by the first real test file.
struct ReportsModuleTests {}
