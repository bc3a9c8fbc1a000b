import Foundation

/// One cgroup hierarchy of the host, as a private systemd needs it: where it is mounted, how to
/// mount it again inside, and where this test process sits in it.
///
/// On this kind of host (`/sys/fs/cgroup` a tmpfs holding one v1 mount per controller plus a
/// `name=systemd` and a cgroup2 `unified` mount) there are ten; on a cgroup2-only host there is
/// one, mounted at `/sys/fs/cgroup` itself.
struct CgroupHierarchy: Equatable {
    /// The directory below `/sys/fs/cgroup` it is mounted on ("memory"), or "." for a
    /// cgroup2-only host.
    let directory: String
    /// "cgroup" (v1) or "cgroup2".
    let fileSystem: String
    /// The mount options that select it ("memory", "none,name=systemd"); empty for cgroup2.
    let options: String
    /// The host directory of this process's cgroup in it, e.g.
    /// /sys/fs/cgroup/memory/process_api/22b8….
    let ownCgroup: URL

    /// How the init script mounts it: "dir|fstype|options".
    var specification: String { "\(directory)|\(fileSystem)|\(options)" }

    private static let root = "/sys/fs/cgroup"
    /// The prefix of every cgroup a private systemd's launcher runs in.
    static let namePrefix = "phoihop-sd-"

    /// The hierarchies mounted under /sys/fs/cgroup, read from /proc/self/mountinfo and
    /// /proc/self/cgroup.
    static func discover() throws -> [CgroupHierarchy] {
        let mounts = try String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)
        let memberships = try String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8)
            .split(separator: "\n").compactMap { line -> (controllers: Set<Substring>, path: String)? in
                let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
                guard fields.count == 3 else { return nil }
                return (Set(fields[1].split(separator: ",")), String(fields[2]))
            }
        var found: [CgroupHierarchy] = []
        for line in mounts.split(separator: "\n") {
            // id parent dev root mountpoint options [optional…] - fstype source superoptions
            let fields = line.split(separator: " ")
            guard fields.count >= 10, let dash = fields.firstIndex(of: "-"), dash + 3 < fields.count else { continue }
            let mountRoot = String(fields[3]), mountPoint = String(fields[4])
            let fileSystem = String(fields[dash + 1])
            guard fileSystem == "cgroup" || fileSystem == "cgroup2" else { continue }
            let directory: String
            if mountPoint == root {
                directory = "."
            } else if mountPoint.hasPrefix(root + "/"), !mountPoint.dropFirst(root.count + 1).contains("/") {
                directory = String(mountPoint.dropFirst(root.count + 1))
            } else {
                continue
            }
            let selectors = Set(fields[dash + 3].split(separator: ",").filter { !Self.isPlainOption($0) })
            let membership = fileSystem == "cgroup2"
                ? memberships.first { $0.controllers.isEmpty }
                : memberships.first { $0.controllers == selectors }
            guard let membership else {
                throw PrivateSystemdError("this process is in no cgroup of the hierarchy mounted on \(mountPoint) (/proc/self/cgroup)")
            }
            // A hierarchy mounted from a sub-cgroup (mount root not "/") shows paths below it.
            var relative = membership.path
            if mountRoot != "/", relative.hasPrefix(mountRoot) { relative = String(relative.dropFirst(mountRoot.count)) }
            let options: String
            if fileSystem == "cgroup2" {
                options = ""
            } else if selectors.allSatisfy({ $0.hasPrefix("name=") }) {
                options = (["none"] + selectors.sorted()).joined(separator: ",")
            } else {
                options = selectors.sorted().joined(separator: ",")
            }
            found.append(CgroupHierarchy(directory: directory, fileSystem: fileSystem, options: options,
                                         ownCgroup: URL(fileURLWithPath: mountPoint + relative, isDirectory: true)))
        }
        if let whole = found.first(where: { $0.directory == "." }) { return [whole] }
        guard !found.isEmpty else { throw PrivateSystemdError("no cgroup hierarchy is mounted under \(root)") }
        return found
    }

    /// Mount options that do not select a hierarchy.
    private static func isPlainOption(_ option: Substring) -> Bool {
        ["rw", "ro", "xattr", "noprefix", "clone_children", "cpuset_v2_mode", "none", "nsdelegate",
         "memory_recursiveprot", "favordynmods"].contains(option) || option.hasPrefix("release_agent=")
    }

    /// The host's symlinks in /sys/fs/cgroup ("cpu" → "cpu,cpuacct" on some hosts) as
    /// "name|target" for the init script.
    static func links() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.sorted().compactMap { name in
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "\(root)/\(name)") else { return nil }
            return "\(name)|\(target)"
        }
    }

    /// Makes the cgroup `name` below this process's own in every hierarchy (removing those it
    /// made if one fails). A v1 cpuset child starts with no CPUs and no memory nodes: it gets
    /// its parent's.
    static func makeChildren(_ name: String, in hierarchies: [CgroupHierarchy]) throws -> [URL] {
        var made: [URL] = []
        do {
            for hierarchy in hierarchies {
                let child = hierarchy.ownCgroup.appendingPathComponent(name, isDirectory: true)
                guard mkdir(child.path, 0o755) == 0 else {
                    throw PrivateSystemdError("cannot make cgroup \(child.path): \(String(cString: strerror(errno)))")
                }
                made.append(child)
                for file in ["cpuset.cpus", "cpuset.mems"]
                where FileManager.default.fileExists(atPath: child.appendingPathComponent(file).path) {
                    let parentValue = try String(contentsOf: hierarchy.ownCgroup.appendingPathComponent(file), encoding: .utf8)
                    try parentValue.write(to: child.appendingPathComponent(file), atomically: false, encoding: .utf8)
                }
            }
            return made
        } catch {
            for child in made { removeTree(child) }
            throw error
        }
    }

    /// Removes a cgroup and the cgroups its systemd made below it, deepest first. Processes
    /// leave a cgroup a moment after they exit, so a busy one is retried for up to ~3 s.
    /// Returns whether it is gone.
    @discardableResult
    static func removeTree(_ cgroup: URL) -> Bool {
        for attempt in 0..<30 {
            var directories: [String] = []
            func collect(_ path: String) {   // children before their parent
                for entry in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
                    var isDirectory: ObjCBool = false
                    if FileManager.default.fileExists(atPath: path + "/" + entry, isDirectory: &isDirectory), isDirectory.boolValue {
                        collect(path + "/" + entry)
                    }
                }
                directories.append(path)
            }
            collect(cgroup.path)
            for directory in directories { rmdir(directory) }
            if !FileManager.default.fileExists(atPath: cgroup.path) { return true }
            if attempt < 29 { usleep(100_000) }
        }
        return false
    }

    /// Every `phoihop-sd-<pid>-<n>` cgroup on the host, at most four levels below a hierarchy's
    /// root (where a test process's own cgroup sits on the machines seen so far).
    static func allPrivateSystemdCgroups() -> [URL] {
        let hierarchies = (try? discover()) ?? []
        var found: [URL] = []
        func walk(_ directory: URL, depth: Int) {
            guard depth <= 4, let entries = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
            for entry in entries {
                let path = directory.appendingPathComponent(entry, isDirectory: true)
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path.path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
                if entry.hasPrefix(namePrefix) { found.append(path) } else { walk(path, depth: depth + 1) }
            }
        }
        for hierarchy in hierarchies {
            walk(URL(fileURLWithPath: hierarchy.directory == "." ? root : "\(root)/\(hierarchy.directory)", isDirectory: true), depth: 1)
        }
        return found
    }

    /// The test process a `phoihop-sd-<pid>-<n>` cgroup was made for.
    static func owner(of cgroup: URL) -> pid_t? {
        let parts = cgroup.lastPathComponent.dropFirst(namePrefix.count).split(separator: "-")
        return parts.count == 2 ? pid_t(parts[0]) : nil
    }

    /// Removes the cgroups left by test processes that died without shutting their instance
    /// down (a SIGKILLed `swift test`); their namespaces died with them (pdeathsig), so the
    /// cgroups are empty.
    static func sweepStale() {
        for cgroup in allPrivateSystemdCgroups() {
            guard let owner = owner(of: cgroup), owner != getpid(), kill(owner, 0) != 0, errno == ESRCH else { continue }
            removeTree(cgroup)
        }
    }
}
