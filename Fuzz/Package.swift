// swift-tools-version:6.1
import PackageDescription

// Coverage-guided libFuzzer targets for Turnout's parsers, kept out of the main package so that
// `swift build` and `swift test` there never build with sanitizers. Build and run them with
// `scripts/fuzz`, which passes `--sanitize fuzzer --sanitize address` to every module here,
// the root package's modules included (so libFuzzer's coverage is that of the code under test).

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

/// One libFuzzer executable per target; each defines `LLVMFuzzerTestOneInput` and no `main`.
func fuzzTarget(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .executableTarget(name: name, dependencies: ["FuzzSupport"] + dependencies, swiftSettings: swiftSettings)
}

let package = Package(
    name: "TurnoutFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Turnout", path: ".."),
    ],
    targets: [
        .target(name: "FuzzSupport", swiftSettings: swiftSettings),
        fuzzTarget("oip-v2", [.product(name: "TurnoutModels", package: "Turnout")]),
        fuzzTarget("oip-v1", [.product(name: "TurnoutModels", package: "Turnout")]),
        fuzzTarget("model-output", [.product(name: "TurnoutModels", package: "Turnout")]),
        fuzzTarget("xgboost-model", [.product(name: "TurnoutModels", package: "Turnout")]),
        fuzzTarget("release-document", [.product(name: "TurnoutCore", package: "Turnout")]),
        fuzzTarget("config-yaml", [.product(name: "TurnoutCore", package: "Turnout")]),
        fuzzTarget("flag-set", [.product(name: "TurnoutFlags", package: "Turnout")]),
        fuzzTarget("ofrep-request", [.product(name: "TurnoutFlags", package: "Turnout")]),
        // FeedbackRequest lives in TurnoutGateway; building that module with sanitizers would
        // build NIO, Hummingbird, GRDB and BoringSSL with them too. Its parser is one file that
        // needs only TurnoutFlags, so Sources/feedback links (symlinks) that very file.
        fuzzTarget("feedback", [.product(name: "TurnoutFlags", package: "Turnout")]),
    ],
    swiftLanguageModes: [.v6]
)
