import Foundation
import PhoiHopProtocol
import Yams

/// A parsed YAML file that knows its name, so every error can name file and key.
///
/// Unknown keys are errors, not silently ignored: a misspelt `stateDirectroy` must stop the
/// daemon, not run it with the default.
struct YAMLDocument {
    let file: String
    let root: Node.Mapping

    init(file: String) throws(ConfigError) {
        self.file = file
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw ConfigError(file: file, key: nil, problem: "cannot read the file (\(error.localizedDescription)); check the path and permissions")
        }
        let node: Node?
        do {
            // The basic resolver: every plain scalar stays text, read here as the key asks
            // (``int(_:_:at:range:)``, ``bool(_:_:at:)``). Yams' default resolver types each scalar
            // with regular expressions, and compiling them loaded ICU's regex engine and tables
            // into every daemon: 2.5 MiB of its idle memory, for a type nothing here used.
            node = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw ConfigError(file: file, key: nil, problem: "not valid YAML: \(error)")
        } catch {
            throw ConfigError(file: file, key: nil, problem: "not valid YAML: \(error)")
        }
        guard let mapping = node?.mapping else {
            throw ConfigError(file: file, key: nil, problem: "the top level must be a mapping of keys to values")
        }
        root = mapping
    }

    func fail(_ key: String?, _ problem: String) -> ConfigError { ConfigError(file: file, key: key, problem: problem) }

    /// Throws on any key of `mapping` not in `allowed`.
    func checkKeys(_ mapping: Node.Mapping, allowed: Set<String>, at path: String) throws(ConfigError) {
        for key in mapping.keys {
            let name = key.string ?? "\(key)"
            guard allowed.contains(name) else {
                let full = path.isEmpty ? name : "\(path).\(name)"
                throw fail(full, "unknown key; allowed here: \(allowed.sorted().joined(separator: ", "))")
            }
        }
    }

    func string(_ mapping: Node.Mapping, _ key: String, at path: String) throws(ConfigError) -> String? {
        guard let node = mapping[key] else { return nil }
        guard let value = node.scalar?.string else { throw fail(join(path, key), "must be a text value") }
        return value
    }

    func requiredString(_ mapping: Node.Mapping, _ key: String, at path: String) throws(ConfigError) -> String {
        guard let value = try string(mapping, key, at: path), !value.isEmpty else {
            throw fail(join(path, key), "is required")
        }
        return value
    }

    func int(_ mapping: Node.Mapping, _ key: String, at path: String, range: ClosedRange<Int>) throws(ConfigError) -> Int? {
        guard let node = mapping[key] else { return nil }
        guard let value = node.int else { throw fail(join(path, key), "must be a whole number") }
        guard range.contains(value) else { throw fail(join(path, key), "\(value) is outside \(range.lowerBound)…\(range.upperBound)") }
        return value
    }

    /// `true` or `false` at `key` (YAML 1.1's `yes`/`no` and `on`/`off` too, in any case), or nil
    /// when absent; anything else is an error, not the default.
    func bool(_ mapping: Node.Mapping, _ key: String, at path: String) throws(ConfigError) -> Bool? {
        guard let node = mapping[key] else { return nil }
        switch node.scalar.map({ $0.style == .plain ? $0.string.lowercased() : "" }) {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw fail(join(path, key), "must be true or false")
        }
    }

    func mapping(_ mapping: Node.Mapping, _ key: String, at path: String) throws(ConfigError) -> Node.Mapping? {
        guard let node = mapping[key] else { return nil }
        guard let value = node.mapping else { throw fail(join(path, key), "must be a mapping (indented keys)") }
        return value
    }

    func sequence(_ mapping: Node.Mapping, _ key: String, at path: String) throws(ConfigError) -> [Node]? {
        guard let node = mapping[key] else { return nil }
        guard let value = node.sequence else { throw fail(join(path, key), "must be a list ('- ' items)") }
        return Array(value)
    }

    /// Resolves a path relative to the directory of this file.
    func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        let directory = (file as NSString).deletingLastPathComponent
        return directory.isEmpty ? path : "\(directory)/\(path)"
    }

    func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}

extension YAMLDocument {
    /// A `YYYY-MM-DD` date at `key`, or nil when absent.
    func date(_ mapping: Node.Mapping, _ key: String, at path: String) throws(ConfigError) -> CivilDate? {
        guard let text = try string(mapping, key, at: path) else { return nil }
        do { return try CivilDate(parsing: text) } catch { throw fail(join(path, key), "'\(text)' is not a date in the form YYYY-MM-DD") }
    }

    func requiredDate(_ mapping: Node.Mapping, _ key: String, at path: String) throws(ConfigError) -> CivilDate {
        guard let date = try date(mapping, key, at: path) else { throw fail(join(path, key), "is required (YYYY-MM-DD)") }
        return date
    }

    /// The mappings listed under `key`, each with its path for errors; throws if absent and `required`.
    func mappings(_ mapping: Node.Mapping, _ key: String, at path: String, required: Bool = true) throws(ConfigError) -> [(Node.Mapping, String)] {
        guard let items = try sequence(mapping, key, at: path) else {
            if required { throw fail(join(path, key), "is required and must be a list") }
            return []
        }
        var result: [(Node.Mapping, String)] = []
        for (index, item) in items.enumerated() {
            let itemPath = "\(join(path, key))[\(index)]"
            guard let m = item.mapping else { throw fail(itemPath, "must be a mapping") }
            result.append((m, itemPath))
        }
        return result
    }
}
