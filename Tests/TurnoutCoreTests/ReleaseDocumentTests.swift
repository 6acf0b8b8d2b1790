import Testing
import TurnoutCore

/// Releases sent to the admin API: parsed with the configuration's checks, rendered back the same.
@Suite("Release documents")
struct ReleaseDocumentTests {
    static let model = ModelConfig(
        name: "m",
        versions: [
            VersionConfig(name: "v1", backend: .builtin(path: "a.json")), VersionConfig(name: "v2", backend: .builtin(path: "b.json")),
        ],
        release: .single(version: "v1")
    )

    @Test("configJSON parses back to the same release, keeping the order of weights")
    func roundTrip() throws {
        let specs: [ReleaseSpec] = [
            .single(version: "v2"),
            .split(weights: [VersionWeight(version: "v2", weight: 12.5), VersionWeight(version: "v1", weight: 87.5)]),
            .flag(key: "model \"version\"", fallback: "v1"),
        ]
        for spec in specs {
            #expect(try ReleaseSpec.parse(spec.configJSON, for: Self.model) == spec, "\(spec.configJSON)")
        }
        #expect(ReleaseSpec.split(weights: [VersionWeight(version: "v1", weight: 90), VersionWeight(version: "v2", weight: 10)]).configJSON
            == #"{"strategy":"split","weights":{"v1":90,"v2":10}}"#)
    }

    @Test("problems are reported with the model's key paths, as turnout validate reports them")
    func problems() {
        #expect {
            try ReleaseSpec.parse(#"{"strategy": "split", "weights": {"v1": -1, "v3": 1}, "extra": 1}"#, for: Self.model)
        } throws: { error in
            let lines = (error as? ConfigError)?.issues.map(\.description) ?? []
            return lines.contains { $0.hasPrefix("models.m.release.extra: unknown key") }
                && lines.contains("models.m.release.weights.v1: weights must not be negative, got -1")
                && lines.contains { $0.hasPrefix("models.m.release.weights.v3: no such version") }
        }
        #expect(throws: ConfigError.self) { try ReleaseSpec.parse("{not json", for: Self.model) }
        #expect(throws: ConfigError.self) { try ReleaseSpec.parse(#"{"strategy": "canary"}"#, for: Self.model) }
    }

    @Test("log and store settings are read and checked")
    func logAndStore() throws {
        let config = try TurnoutConfig.parse(yaml: """
            store: none
            models:
              m:
                log: { sample: 0.25, max_bytes: 1KiB }
                versions: { v1: { builtin: a.json } }
            """)
        #expect(config.storeLocation == StoreLocation.none)
        #expect(config.models[0].log == PayloadLogging(sample: 0.25, maxBytes: 1024))
        #expect(StoreLocation(parsing: "sqlite:/tmp/x.db") == .sqlite(path: "/tmp/x.db"))
        #expect(StoreLocation(parsing: "mysql://x") == nil)
        #expect {
            try TurnoutConfig.parse(yaml: """
                store: memory
                models:
                  m:
                    log: { sample: 2, every: 1 }
                    versions: { v1: { builtin: a.json } }
                """)
        } throws: { error in
            let lines = (error as? ConfigError)?.issues.map(\.description) ?? []
            return lines.contains { $0.hasPrefix("store: expected sqlite:PATH, postgres://USER@HOST:PORT/DB or none") }
                && lines.contains { $0.hasPrefix("models.m.log.sample: expected a fraction from 0 to 1") }
                && lines.contains { $0.hasPrefix("models.m.log.every: unknown key") }
        }
    }
}
