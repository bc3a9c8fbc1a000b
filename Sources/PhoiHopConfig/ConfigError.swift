/// A configuration problem: which file, which key, what is wrong — and so what to fix.
public struct ConfigError: Error, CustomStringConvertible, Sendable, Equatable {
    public let file: String
    public let key: String?
    public let problem: String

    public init(file: String, key: String?, problem: String) {
        self.file = file; self.key = key; self.problem = problem
    }

    public var description: String {
        if let key { return "configuration \(file): key '\(key)': \(problem)" }
        return "configuration \(file): \(problem)"
    }
}
