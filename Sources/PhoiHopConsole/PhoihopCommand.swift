public import ArgumentParser

/// `phoihop`: the console.
public struct PhoihopCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "phoihop",
        abstract: "PhoiHop — phối hợp quản lý hoạt động cung cấp, sử dụng dịch vụ Internet (Quyết định 52/2009/QĐ-UBND tỉnh Long An). Làm việc với daemon của cơ quan mình.",
        discussion: "Mọi lệnh làm việc với daemon nhận --control PATH (hoặc biến $PHOIHOP_CONTROL) và --json (in JSON cho chương trình khác). Mã thoát: 0 đã xong, 1 bị từ chối hoặc lỗi (thông báo nêu lý do), 2 sai cú pháp lệnh, 3 quá thời gian chờ.",
        subcommands: [
            StatusCommand.self, AgencyCommand.self, TailCommand.self, ReportCommand.self, HistoryCommand.self, ActsCommand.self, DeadlineCommand.self, AnomaliesCommand.self,
            BusinessCommand.self, CertificateCommand.self, GuidanceCommand.self, InspectionCommand.self, ViolationCommand.self,
            ComplaintCommand.self, IncidentCommand.self, AdvisoryCommand.self, FireSafetyCommand.self, GameCommand.self,
            ReportingCommand.self, TrainingCommand.self, OutreachCommand.self, SchoolCommand.self, FundingCommand.self,
            KeysCommand.self, ReloadCommand.self, MetricsCommand.self, ProvinceInitCommand.self, DemoCommand.self, BackupCommand.self, AuditCommand.self,
            ImportCommand.self,
            TopCommand.self,
        ])

    public init() {}
}
