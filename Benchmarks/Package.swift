// swift-tools-version:6.1
// Benchmarks live apart from the test suite: `swift test` in the root package never builds them.
import PackageDescription

let package = Package(
    name: "PhoiHopBenchmarks",
    dependencies: [
        .package(name: "PhoiHop", path: ".."),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        .executableTarget(
            name: "phoihop-bench",
            dependencies: [
                .product(name: "PhoiHopConsole", package: "PhoiHop"),
                .product(name: "PhoiHopBus", package: "PhoiHop"),
                .product(name: "PhoiHopProtocol", package: "PhoiHop"),
                .product(name: "Sodium", package: "PhoiHop"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        )
    ]
)
