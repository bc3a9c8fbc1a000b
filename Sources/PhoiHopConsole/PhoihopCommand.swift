public import ArgumentParser

/// `phoihop`: the console.
public struct PhoihopCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "phoihop",
        abstract: "PhoiHop — phối hợp quản lý dịch vụ Internet (Quyết định 52/2009/QĐ-UBND tỉnh Long An). Talks to your agency's daemon.",
        discussion: "Every command that talks to a daemon takes --control PATH (or $PHOIHOP_CONTROL) and --json. Exit codes: 0 done, 1 refused or failed (the message says why), 2 usage, 3 timed out.",
        subcommands: [
            StatusCommand.self, ReportCommand.self, HistoryCommand.self, ActsCommand.self, DeadlineCommand.self,
            BusinessCommand.self, CertificateCommand.self, GuidanceCommand.self, InspectionCommand.self, ViolationCommand.self,
            ComplaintCommand.self, IncidentCommand.self, AdvisoryCommand.self, FireSafetyCommand.self, GameCommand.self,
            ReportingCommand.self, TrainingCommand.self, OutreachCommand.self, SchoolCommand.self, FundingCommand.self,
            KeysCommand.self, ProvinceInitCommand.self, DemoCommand.self,
        ])

    public init() {}
}
