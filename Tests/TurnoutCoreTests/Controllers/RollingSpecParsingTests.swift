import Testing
@testable import TurnoutCore

/// The `strategy: rolling` and `strategy: recreate` releases: every setting, the defaults, one
/// line per problem, and the process-version rule that needs the whole configuration.
@Suite("Rolling and recreate configuration")
struct RollingSpecParsingTests {
    @Test("rolling defaults are Kubernetes': 25% surge, 25% unavailable, no min_ready, a 10m deadline, no analysis")
    func rollingDefaults() throws {
        let read = try ReleaseReaderHarness.rolling("{ strategy: rolling, from: v1, to: v2 }")
        #expect(read.issues == [])
        #expect(read.spec == RollingSpec(from: "v1", to: "v2", maxSurge: .percent(25), maxUnavailable: .percent(25), minReady: 0, progressDeadline: 600, analysis: nil))
    }

    @Test("every rolling setting is read")
    func rollingEverySetting() throws {
        let read = try ReleaseReaderHarness.rolling("""
            strategy: rolling
            from: v2
            to: v3
            max_surge: 1
            max_unavailable: "0%"
            min_ready: 5s
            progress_deadline: 5m
            analysis: { interval: 10s, failure_limit: 1 }
            """)
        #expect(read.issues == [])
        #expect(read.spec == RollingSpec(
            from: "v2", to: "v3", maxSurge: .count(1), maxUnavailable: .percent(0), minReady: 5, progressDeadline: 300,
            analysis: CanaryAnalysisSpec(interval: 10, failureLimit: 1)
        ))
    }

    static let refusedRolling: [RefusedRelease] = [
        RefusedRelease(yaml: "{ strategy: rolling, to: v2 }", line: "models.m.release.from: missing: name the version whose instances serve now, such as v1"),
        RefusedRelease(yaml: "{ strategy: rolling, from: v1, to: v1 }", line: "models.m.release.to: must be another version than from (v1)"),
        RefusedRelease(yaml: "{ strategy: rolling, from: v1, to: v9 }", line: "models.m.release.to: no such version (versions: v1, v2, v3)"),
        RefusedRelease(yaml: "{ strategy: rolling, from: v1, to: v2, max_surge: 0, max_unavailable: 0 }",
                       line: "models.m.release.max_unavailable: may not be 0 when max_surge is 0: no instance could be replaced"),
        RefusedRelease(yaml: #"{ strategy: rolling, from: v1, to: v2, max_surge: "0%", max_unavailable: 0 }"#,
                       line: "models.m.release.max_unavailable: may not be 0 when max_surge is 0: no instance could be replaced"),
        RefusedRelease(yaml: #"{ strategy: rolling, from: v1, to: v2, max_surge: "150%" }"#,
                       line: #"models.m.release.max_surge: expected a whole percentage from 0% to 100% such as "25%", got "150%""#),
        RefusedRelease(yaml: "{ strategy: rolling, from: v1, to: v2, max_unavailable: -1 }",
                       line: "models.m.release.max_unavailable: expected a whole number of 0 or more, got -1"),
        RefusedRelease(yaml: "{ strategy: rolling, from: v1, to: v2, max_surge: 0.5 }",
                       line: #"models.m.release.max_surge: expected a number of instances such as 1 or a percentage such as "25%", got 0.5"#),
        RefusedRelease(yaml: "{ strategy: rolling, from: v1, to: v2, min_ready: soon }",
                       line: #"models.m.release.min_ready: expected a duration of 0 or more such as 0s, 5s or 1m, got "soon""#),
        RefusedRelease(yaml: "{ strategy: rolling, from: v1, to: v2, progress_deadline: 0s }",
                       line: #"models.m.release.progress_deadline: expected a duration above zero such as 500ms, 30s, 5m, 1h or 2d, got "0s""#),
        RefusedRelease(yaml: "{ strategy: rolling, from: v1, to: v2, analysis: { failure_limit: -1 } }",
                       line: "models.m.release.analysis.failure_limit: expected a whole number of 0 or more, got -1"),
        RefusedRelease(yaml: "{ strategy: rolling, from: v1, to: v2, batch: 2 }",
                       line: "models.m.release.batch: unknown key (valid keys: strategy, from, to, max_surge, max_unavailable, min_ready, progress_deadline, analysis)"),
    ]

    @Test("a bad rolling release is refused with one line naming its key", arguments: refusedRolling)
    func refusedRollingRelease(_ refused: RefusedRelease) throws {
        let read = try ReleaseReaderHarness.rolling(refused.yaml)
        #expect(read.spec == nil)
        #expect(read.issues == [refused.line])
    }

    @Test("recreate defaults: hold 5s, progress_deadline 10m; every setting is read")
    func recreateSettings() throws {
        let defaults = try ReleaseReaderHarness.recreate("{ strategy: recreate, from: v1, to: v2 }")
        #expect(defaults.issues == [])
        #expect(defaults.spec == RecreateSpec(from: "v1", to: "v2", hold: 5, progressDeadline: 600))
        let set = try ReleaseReaderHarness.recreate("{ strategy: recreate, from: v3, to: v1, hold: 1500ms, progress_deadline: 2m }")
        #expect(set.issues == [])
        #expect(set.spec == RecreateSpec(from: "v3", to: "v1", hold: 1.5, progressDeadline: 120))
        #expect(try ReleaseReaderHarness.recreate("{ strategy: recreate, from: v1, to: v2, hold: 0s }").spec?.hold == 0)
    }

    static let refusedRecreate: [RefusedRelease] = [
        RefusedRelease(yaml: "{ strategy: recreate, from: v1 }", line: "models.m.release.to: missing: name the version whose instances are started, such as v2"),
        RefusedRelease(yaml: "{ strategy: recreate, from: v2, to: v2 }", line: "models.m.release.to: must be another version than from (v2)"),
        RefusedRelease(yaml: "{ strategy: recreate, from: v1, to: v2, hold: -1 }",
                       line: "models.m.release.hold: expected a duration of 0 or more such as 0s, 5s or 1m, got -1"),
        RefusedRelease(yaml: "{ strategy: recreate, from: v1, to: v2, max_surge: 1 }",
                       line: "models.m.release.max_surge: unknown key (valid keys: strategy, from, to, hold, progress_deadline)"),
    ]

    @Test("a bad recreate release is refused with one line naming its key", arguments: refusedRecreate)
    func refusedRecreateRelease(_ refused: RefusedRelease) throws {
        let read = try ReleaseReaderHarness.recreate(refused.yaml)
        #expect(read.spec == nil)
        #expect(read.issues == [refused.line])
    }

    static func configuration(release: String) -> String {
        """
        models:
          m:
            versions:
              v1: { process: { command: ["./serve", "{port}"], replicas: 3 } }
              v2: { process: { command: ["./serve", "{port}"], replicas: 4 } }
              v3: { upstream: ["http://127.0.0.1:9003"] }
            release: \(release)
        """
    }

    @Test("both versions of a rolling or recreate release must be process versions")
    func processVersionsOnly() throws {
        let rolling = try TurnoutConfig.parse(yaml: Self.configuration(release: "{ strategy: rolling, from: v1, to: v2 }"))
        let model = try #require(rolling.model(named: "m"))
        #expect(model.release.as(RollingSpec.self)?.to == "v2")
        #expect(RolloutReplicas(from: "v1", to: "v2", in: model) == RolloutReplicas(from: 3, to: 4))
        #expect(RolloutReplicas(from: "v1", to: "v3", in: model) == nil)
        for strategy in ["rolling", "recreate"] {
            #expect {
                try TurnoutConfig.parse(yaml: Self.configuration(release: "{ strategy: \(strategy), from: v3, to: v2 }"))
            } throws: { error in
                (error as? ConfigError)?.issues.map(\.description) == [
                    "models.m.release.from: \(strategy) replaces instances the gateway runs, but v3 is not a process version (give it process: { command: [...] })",
                ]
            }
        }
    }
}
