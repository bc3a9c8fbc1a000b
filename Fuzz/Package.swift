// swift-tools-version:6.1
// The decoder's fuzz target lives apart from the test suite, like the benchmarks: `swift test` in
// the root package never builds it, and it is built only with libFuzzer (`make fuzz`).
import PackageDescription

let package = Package(
    name: "PhoiHopFuzz",
    dependencies: [.package(name: "PhoiHop", path: "..")],
    targets: [
        // The entry point SwiftPM expects of an executable, handing over to libFuzzer's driver.
        .target(name: "FuzzEntry"),
        .executableTarget(
            name: "phoihop-fuzz-decoder",
            dependencies: ["FuzzEntry", .product(name: "PhoiHopProtocol", package: "PhoiHop")]
        ),
    ]
)
