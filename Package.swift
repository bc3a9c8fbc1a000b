// swift-tools-version:6.1
import PackageDescription

// Upcoming features set once for every target, as swift-nio and hummingbird do.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "PhoiHop",
    products: [
        .executable(name: "phoihop-hub", targets: ["phoihop-hub"]),
        .executable(name: "phoihop-agency", targets: ["phoihop-agency"]),
        .executable(name: "phoihop", targets: ["phoihop"]),
        .library(name: "ZeroMQ", targets: ["ZeroMQ"]),
        .library(name: "Sodium", targets: ["Sodium"]),
        .library(name: "PhoiHopProtocol", targets: ["PhoiHopProtocol"]),
        .library(name: "PhoiHopBus", targets: ["PhoiHopBus"]),
        .library(name: "PhoiHopConsole", targets: ["PhoiHopConsole"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // libzmq from Debian's libzmq3-dev (4.3.4, CURVE on, no DRAFT API).
        .systemLibrary(
            name: "CZeroMQ",
            pkgConfig: "libzmq",
            providers: [.apt(["libzmq3-dev"])]
        ),
        // A safe Swift layer over libzmq: sockets, multipart, polling, CURVE, ZAP, monitor, a socket-owning loop thread.
        .target(name: "ZeroMQ", dependencies: ["CZeroMQ"], swiftSettings: swiftSettings),
        // libsodium from Debian's libsodium-dev (libzmq depends on it for CURVE).
        .systemLibrary(
            name: "CSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"])]
        ),
        // Ed25519 signing keys and signatures, SHA-256, key fingerprints: what non-repudiation needs.
        .target(name: "Sodium", dependencies: ["CSodium"], swiftSettings: swiftSettings),
        // The message envelope, the typed catalog, roles and the wire codec. Pure: no I/O.
        .target(name: "PhoiHopProtocol", swiftSettings: swiftSettings),
        // Daemon configuration and the legal-rule tables (YAML), validated with file/key errors.
        .target(
            name: "PhoiHopConfig",
            dependencies: ["PhoiHopProtocol", "ZeroMQ", "Sodium", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        // SQLite through GRDB: migrations, the hash-chained message log and its signed checkpoints, outbox, stream cursors, aggregate tables.
        .target(
            name: "PhoiHopStore",
            dependencies: ["PhoiHopProtocol", "Sodium", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "GRDBSQLite", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        // Reliable delivery over ZeroMQ PUB/SUB: sequenced streams, acks, resend, heartbeats, control channel.
        .target(
            name: "PhoiHopBus",
            dependencies: [
                "ZeroMQ", "Sodium", "PhoiHopProtocol", "PhoiHopStore", "PhoiHopConfig",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        // The rules an act must satisfy before it is recorded, and what reports compute. No I/O of its own.
        .target(
            name: "PhoiHopDomain",
            dependencies: [
                "PhoiHopProtocol", "PhoiHopStore", "PhoiHopConfig", "PhoiHopReports", "Sodium",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        // Official report documents (Decree 30/2020 layout): HTML for A4, Markdown, CSV, SVG charts. Pure.
        // What a daemon tells systemd (readiness, watchdog) and writes to its journal; no libsystemd.
        .target(
            name: "PhoiHopSystemd",
            dependencies: [.product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(name: "PhoiHopReports", dependencies: ["PhoiHopProtocol"], swiftSettings: swiftSettings),
        // What every daemon runs: the socket loop, the bus node, the store, the control channel, the service.
        .target(
            name: "PhoiHopDaemon",
            dependencies: [
                "PhoiHopBus", "PhoiHopDomain", "PhoiHopStore", "PhoiHopConfig", "PhoiHopProtocol", "ZeroMQ", "PhoiHopMetrics",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                "PhoiHopSystemd",
            ],
            swiftSettings: swiftSettings
        ),
        // The process's metrics (swift-metrics) exported in the Prometheus text format.
        .target(
            name: "PhoiHopMetrics",
            dependencies: [
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        // The hub's web dashboard (Hummingbird 2): the province at a glance, the live feed, /metrics.
        .target(
            name: "PhoiHopWeb",
            dependencies: [
                "PhoiHopDomain", "PhoiHopBus", "PhoiHopConfig", "PhoiHopProtocol", "PhoiHopReports", "PhoiHopMetrics",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The hub's part: binds the bus behind the ZAP allow-list, addresses directives.
        .target(
            name: "PhoiHopHub",
            dependencies: ["PhoiHopDaemon", "PhoiHopBus", "PhoiHopConfig", "PhoiHopDomain", "PhoiHopProtocol", "ZeroMQ", "PhoiHopWeb"],
            swiftSettings: swiftSettings
        ),
        // An agency's part: connects to the hub, sends every act to it.
        .target(
            name: "PhoiHopAgency",
            dependencies: ["PhoiHopDaemon", "PhoiHopBus", "PhoiHopConfig", "PhoiHopProtocol"],
            swiftSettings: swiftSettings
        ),
        // The officer's console: commands over the local control channel, provisioning, the demo scenario.
        .target(
            name: "PhoiHopConsole",
            dependencies: [
                "PhoiHopBus", "PhoiHopDomain", "PhoiHopStore", "PhoiHopConfig", "PhoiHopProtocol", "ZeroMQ", "Sodium",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "phoihop-hub",
            dependencies: ["PhoiHopHub", "PhoiHopMetrics", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "phoihop-agency",
            dependencies: ["PhoiHopAgency", "PhoiHopMetrics", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "phoihop",
            dependencies: ["PhoiHopConsole", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),

        // What several test targets share (temporary directories); never a product.
        .target(name: "PhoiHopTestSupport", path: "Tests/PhoiHopTestSupport", swiftSettings: swiftSettings),
        .testTarget(name: "ZeroMQTests", dependencies: ["ZeroMQ"], swiftSettings: swiftSettings),
        .testTarget(
            name: "PhoiHopSystemdTests",
            dependencies: ["PhoiHopSystemd", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "SodiumTests", dependencies: ["Sodium"], swiftSettings: swiftSettings),
        .testTarget(name: "PhoiHopReportsTests", dependencies: ["PhoiHopReports", "PhoiHopProtocol"], swiftSettings: swiftSettings),
        .testTarget(
            name: "PhoiHopMetricsTests",
            dependencies: ["PhoiHopMetrics", "PhoiHopBus", "PhoiHopProtocol", .product(name: "Metrics", package: "swift-metrics")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PhoiHopWebTests",
            dependencies: [
                "PhoiHopWeb", "PhoiHopDomain", "PhoiHopStore", "PhoiHopConfig", "PhoiHopProtocol", "PhoiHopBus",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PhoiHopConsoleTests",
            dependencies: ["PhoiHopConsole", "PhoiHopBus", "PhoiHopDomain", "PhoiHopStore", "PhoiHopProtocol",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            exclude: ["Golden", "Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "PhoiHopConfigTests", dependencies: ["PhoiHopConfig", "ZeroMQ", "PhoiHopTestSupport"], swiftSettings: swiftSettings),
        // The body samples are read from the source tree by path (#filePath), not bundled.
        .testTarget(name: "PhoiHopProtocolTests", dependencies: ["PhoiHopProtocol"], exclude: ["BodyReaderSamples.tsv"], swiftSettings: swiftSettings),
        .testTarget(
            name: "PhoiHopStoreTests",
            dependencies: ["PhoiHopStore", "PhoiHopProtocol", "Sodium", "PhoiHopTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PhoiHopBusTests",
            dependencies: ["PhoiHopBus", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PhoiHopDomainTests",
            dependencies: ["PhoiHopDomain", "PhoiHopStore", "PhoiHopConfig", "PhoiHopProtocol", "PhoiHopReports", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "PhoiHopBus", "PhoiHopConsole", "PhoiHopDomain", "PhoiHopStore", "PhoiHopConfig", "PhoiHopProtocol", "ZeroMQ",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["Systemd/private-systemd-init.sh"],
            swiftSettings: swiftSettings
        ),
    ]
)
