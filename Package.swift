// swift-tools-version:6.1
import PackageDescription
import class Foundation.ProcessInfo

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Turnout",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "turnout", targets: ["turnout"]),
        // The pure modules, for the fuzz package in Fuzz/ (it builds them with sanitizers in its
        // own build folder, so this package's builds never carry fuzzer instrumentation).
        .library(name: "TurnoutCore", targets: ["TurnoutCore"]),
        .library(name: "TurnoutFlags", targets: ["TurnoutFlags"]),
        .library(name: "TurnoutModels", targets: ["TurnoutModels"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-atomics.git", from: "1.3.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        .target(
            name: "TurnoutStats",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TurnoutFlags",
            swiftSettings: swiftSettings
        ),
        // The admin API's wire contracts: Codable answers the gateway writes and the CLI reads,
        // and the data-plane header names the load generator shares with the gateway.
        .target(
            name: "TurnoutAdminAPI",
            swiftSettings: swiftSettings
        ),
        // What the command line prints for the admin answers: pure formatting, tested on its own.
        .target(
            name: "TurnoutCLI",
            dependencies: ["TurnoutAdminAPI"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TurnoutCore",
            dependencies: [
                "TurnoutStats",
                "TurnoutFlags",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TurnoutStore",
            dependencies: [
                "TurnoutCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The SQLite C API, for binding the decision log's rows directly.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        // The Store on PostgreSQL, for several replicas on one database. Its own module, so the
        // SQLite store and what builds on it alone (the fuzz package, Store tests) stay free of
        // PostgresNIO and its TLS and crypto dependencies.
        .target(
            name: "TurnoutPostgres",
            dependencies: [
                "TurnoutStore",
                "TurnoutCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Atomics", package: "swift-atomics"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TurnoutModels",
            dependencies: ["TurnoutStats"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TurnoutGateway",
            dependencies: [
                "TurnoutCore",
                "TurnoutStats",
                "TurnoutFlags",
                "TurnoutModels",
                "TurnoutStore",
                "TurnoutPostgres",
                "TurnoutAdminAPI",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Atomics", package: "swift-atomics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // `turnout load`: replays a data set at a gateway over HTTP; no part of the server.
        .target(
            name: "TurnoutLoad",
            dependencies: [
                "TurnoutStats",
                "TurnoutAdminAPI",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "turnout",
            dependencies: [
                "TurnoutGateway",
                "TurnoutLoad",
                "TurnoutCore",
                "TurnoutStats",
                "TurnoutFlags",
                "TurnoutAdminAPI",
                "TurnoutCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "TurnoutStatsTests", dependencies: ["TurnoutStats"], exclude: ["Fixtures"], swiftSettings: swiftSettings),
        .testTarget(name: "TurnoutFlagsTests", dependencies: ["TurnoutFlags"], exclude: ["Fixtures"], swiftSettings: swiftSettings),
        .testTarget(name: "TurnoutAdminAPITests", dependencies: ["TurnoutAdminAPI"], swiftSettings: swiftSettings),
        .testTarget(name: "TurnoutCLITests", dependencies: ["TurnoutCLI", "TurnoutAdminAPI"], swiftSettings: swiftSettings),
        .testTarget(name: "TurnoutCoreTests", dependencies: ["TurnoutCore", "TurnoutStats"], swiftSettings: swiftSettings),
        .testTarget(name: "TurnoutStoreTests", dependencies: ["TurnoutStore", "TurnoutPostgres", "TurnoutCore", .product(name: "Logging", package: "swift-log")], swiftSettings: swiftSettings),
        .testTarget(name: "TurnoutModelsTests", dependencies: ["TurnoutModels", "TurnoutStats"], exclude: ["Fixtures"], swiftSettings: swiftSettings),
        .testTarget(
            name: "TurnoutGatewayTests",
            dependencies: [
                "TurnoutGateway",
                "TurnoutLoad",
                "TurnoutCore",
                "TurnoutStore",
                "TurnoutPostgres",
                "TurnoutStats",
                "TurnoutAdminAPI",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)

// Benchmarks are opt-in (as Hummingbird gates its own), so a plain build never resolves
// package-benchmark: TURNOUT_BENCHMARKS=1 swift package benchmark --target TurnoutModelsBenchmarks
// (TURNOUT_BENCHMARK_SHIM=1 builds the gateway suite without it: see scripts/bench_dataplane).
if ProcessInfo.processInfo.environment["TURNOUT_BENCHMARKS"] != nil {
    package.dependencies.append(
        .package(url: "https://github.com/ordo-one/package-benchmark.git", exact: "1.38.1", traits: ["MallocInterposer"])
    )
    package.targets.append(
        .executableTarget(
            name: "TurnoutModelsBenchmarks",
            dependencies: ["TurnoutModels", .product(name: "Benchmark", package: "package-benchmark")],
            path: "Benchmarks/TurnoutModelsBenchmarks",
            swiftSettings: swiftSettings,
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        )
    )
    package.targets.append(
        .executableTarget(
            name: "TurnoutFlagsBenchmarks",
            dependencies: ["TurnoutFlags", .product(name: "Benchmark", package: "package-benchmark")],
            path: "Benchmarks/TurnoutFlagsBenchmarks",
            swiftSettings: swiftSettings,
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        )
    )
    package.targets.append(
        .executableTarget(
            name: "TurnoutStatsBenchmarks",
            dependencies: ["TurnoutStats", .product(name: "Benchmark", package: "package-benchmark")],
            path: "Benchmarks/TurnoutStatsBenchmarks",
            swiftSettings: swiftSettings,
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        )
    )
    package.targets.append(
        .executableTarget(
            name: "TurnoutGatewayBenchmarks",
            dependencies: gatewayBenchmarkDependencies + [.product(name: "Benchmark", package: "package-benchmark")],
            path: "Benchmarks/TurnoutGatewayBenchmarks",
            exclude: ["Shim"],
            swiftSettings: swiftSettings,
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        )
    )
} else if ProcessInfo.processInfo.environment["TURNOUT_BENCHMARK_SHIM"] != nil {
    // The same gateway suite on the stand-in `Benchmark` module of scripts/bench_models_shim,
    // with its own allocation counter, for scripts/bench_dataplane: package-benchmark 1.38.1
    // cannot be resolved on Linux with Swift 6.3, and the suite needs SwiftNIO, so it cannot be
    // compiled with plain swiftc as the other suites' scripts do.
    package.targets.append(contentsOf: [
        .target(name: "MallocCounter", path: "scripts/bench_models_shim/MallocCounter"),
        .target(
            name: "Benchmark",
            path: "scripts/bench_models_shim",
            exclude: ["main.swift", "MallocCounter"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "TurnoutGatewayBenchmarks",
            dependencies: gatewayBenchmarkDependencies + ["Benchmark", "MallocCounter"],
            path: "Benchmarks/TurnoutGatewayBenchmarks",
            swiftSettings: swiftSettings
        ),
    ])
}

/// What the data plane's benchmark suite measures: the gateway's per-request pieces and NIO's parser.
var gatewayBenchmarkDependencies: [Target.Dependency] {
    [
        "TurnoutGateway",
        "TurnoutCore",
        "TurnoutStats",
        "TurnoutStore",
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOEmbedded", package: "swift-nio"),
    ]
}
