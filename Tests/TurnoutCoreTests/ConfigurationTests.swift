import Foundation
import Testing
import TurnoutCore

@Suite("Configuration")
struct ConfigurationTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("the upstream example parses into the documented shape")
    func exampleParses() throws {
        let text = try String(contentsOf: Self.repositoryRoot.appending(path: "examples/upstreams.yaml"), encoding: .utf8)
        let config = try TurnoutConfig.parse(yaml: text)
        #expect(config.listen == ListenAddress(host: "127.0.0.1", port: 8080))
        #expect(config.admin.listen.port == 8081)
        #expect(config.maxBodyBytes == 16 * 1_048_576)
        let model = try #require(config.model(named: "breast-cancer"))
        #expect(model.unit == .header("x-user-id"))
        #expect(model.versions.map(\.name) == ["v1", "v2"])
        #expect(model.release == .split(weights: [VersionWeight(version: "v1", weight: 90), VersionWeight(version: "v2", weight: 10)]))
        guard case .upstream(let v2) = try #require(model.version(named: "v2")).backend else {
            Issue.record("v2 should be an upstream version")
            return
        }
        #expect(v2.instances.map(\.port) == [9002, 9003])
        #expect(v2.modelName == "breast-cancer-xgb")
        #expect(v2.timeouts.read == .seconds(10))
        #expect(v2.probe?.interval == .seconds(5))
        #expect(v2.maxConnectionsPerLoop == 256)
    }

    @Test("a one-version model needs no release section")
    func singleVersionDefaultsToSingle() throws {
        let config = try TurnoutConfig.parse(yaml: """
            models:
              m: { versions: { only: { upstream: "http://localhost:9000/prefix/" } } }
            """)
        let model = try #require(config.model(named: "m"))
        #expect(model.release == .single(version: "only"))
        guard case .upstream(let upstream) = model.versions[0].backend else { return }
        #expect(upstream.instances == [UpstreamURL(host: "localhost", port: 9000, basePath: "/prefix")])
    }

    static let base = """
        models:
          m:
            unit: { header: x-user-id }
            versions:
              v1: { upstream: ["http://127.0.0.1:9001"] }
              v2: { upstream: ["http://127.0.0.1:9002"] }
            release: { strategy: split, weights: { v1: 90, v2: 10 } }
        """

    struct InvalidCase: CustomTestStringConvertible, Sendable {
        let name: String
        let yaml: String
        let expected: String
        var testDescription: String { name }
    }

    static let invalidCases: [InvalidCase] = [
        InvalidCase(name: "unknown top-level key", yaml: "listn: 1.2.3.4:80\n" + base,
                    expected: "listn: unknown key (valid keys: listen, admin, store, max_body, shutdown_grace, flags, ofrep, limits, models, tls, feedback)"),
        InvalidCase(name: "listen without a port", yaml: "listen: localhost\n" + base,
                    expected: "listen: expected HOST:PORT with a port from 0 to 65535, got \"localhost\""),
        InvalidCase(name: "listen port out of range", yaml: "listen: 127.0.0.1:70000\n" + base,
                    expected: "listen: expected HOST:PORT with a port from 0 to 65535, got \"127.0.0.1:70000\""),
        InvalidCase(name: "listen of the wrong type", yaml: "listen: [1, 2]\n" + base,
                    expected: "listen: expected a string, got a list"),
        InvalidCase(name: "admin on the data-plane address", yaml: "listen: 127.0.0.1:8080\nadmin: { listen: 127.0.0.1:8080 }\n" + base,
                    expected: "admin.listen: must differ from listen (127.0.0.1:8080)"),
        InvalidCase(name: "unknown store scheme", yaml: "store: mysql://x\n" + base,
                    expected: "store: expected sqlite:PATH, postgres://USER@HOST:PORT/DB or none, got \"mysql://x\""),
        InvalidCase(name: "unparsable body limit", yaml: "max_body: lots\n" + base,
                    expected: "max_body: expected a size above zero such as 65536, 64KiB or 16MiB, got \"lots\""),
        InvalidCase(name: "no models", yaml: "listen: 127.0.0.1:8080\n",
                    expected: "models: missing: at least one model is needed"),
        InvalidCase(name: "model with no versions", yaml: "models:\n  m: { versions: {} }\n",
                    expected: "models.m.versions: expected at least one version"),
        InvalidCase(name: "weight for a version that does not exist", yaml: base.replacingOccurrences(of: "v2: 10", with: "v3: 10"),
                    expected: "models.m.release.weights.v3: no such version (versions: v1, v2)"),
        InvalidCase(name: "negative weight", yaml: base.replacingOccurrences(of: "v2: 10", with: "v2: -5"),
                    expected: "models.m.release.weights.v2: weights must not be negative, got -5"),
        InvalidCase(name: "all weights zero", yaml: base.replacingOccurrences(of: "v1: 90, v2: 10", with: "v1: 0, v2: 0"),
                    expected: "models.m.release.weights: at least one weight must be above zero"),
        InvalidCase(name: "weight that is not a number", yaml: base.replacingOccurrences(of: "v2: 10", with: "v2: ten"),
                    expected: "models.m.release.weights.v2: expected a number, got a string"),
        InvalidCase(name: "unknown strategy", yaml: base.replacingOccurrences(of: "strategy: split", with: "strategy: yolo"),
                    expected: "models.m.release.strategy: expected one of single, split, shadow, abtest, bandit, canary, bluegreen, rolling, recreate, flag, got \"yolo\""),
        InvalidCase(name: "rolling between versions the gateway does not run",
                    yaml: base.replacingOccurrences(of: "{ strategy: split, weights: { v1: 90, v2: 10 } }", with: "{ strategy: rolling, from: v1, to: v2 }"),
                    expected: "models.m.release.from: rolling replaces instances the gateway runs, but v1 is not a process version (give it process: { command: [...] })"),
        InvalidCase(name: "unparsable upstream URL", yaml: base.replacingOccurrences(of: "http://127.0.0.1:9002", with: "127.0.0.1:9002"),
                    expected: "models.m.versions.v2.upstream[0]: expected an http://HOST:PORT URL, got \"127.0.0.1:9002\""),
        InvalidCase(name: "version with no backend", yaml: base.replacingOccurrences(of: "{ upstream: [\"http://127.0.0.1:9002\"] }", with: "{}"),
                    expected: "models.m.versions.v2: missing backend: give upstream (a list of http:// URLs), builtin (a model file) or process (a command the gateway runs)"),
        InvalidCase(name: "unknown protocol", yaml: base.replacingOccurrences(of: "unit:", with: "protocol: grpc\n    unit:"),
                    expected: "models.m.protocol: expected one of v2, v1, raw, got \"grpc\""),
        InvalidCase(name: "unknown unit source", yaml: base.replacingOccurrences(of: "{ header: x-user-id }", with: "{ cookie: uid }"),
                    expected: "models.m.unit.cookie: unknown key (valid keys: header, query, parameter)"),
        InvalidCase(name: "bad timeout", yaml: base.replacingOccurrences(of: "{ upstream: [\"http://127.0.0.1:9001\"] }", with: "{ upstream: [\"http://127.0.0.1:9001\"], timeouts: { read: soon } }"),
                    expected: "models.m.versions.v1.timeouts.read: expected a duration above zero such as 500ms, 30s, 5m, 1h or 2d, got \"soon\""),
        InvalidCase(name: "single release naming an unknown version", yaml: base.replacingOccurrences(of: "{ strategy: split, weights: { v1: 90, v2: 10 } }", with: "{ strategy: single, version: v9 }"),
                    expected: "models.m.release.version: no such version (versions: v1, v2)"),
        InvalidCase(name: "several versions and no release", yaml: base.replacingOccurrences(of: "    release: { strategy: split, weights: { v1: 90, v2: 10 } }", with: ""),
                    expected: "models.m.release: missing: with several versions, say how to release them (strategy: single, split, flag, abtest, bandit, shadow, canary, bluegreen, rolling or recreate)"),
        InvalidCase(name: "model name unsafe in a URL", yaml: base.replacingOccurrences(of: "  m:", with: "  \"m/x\":"),
                    expected: "models.m/x: model names may use letters, digits, '.', '_' and '-' only"),
        InvalidCase(name: "not YAML at all", yaml: "models: [unclosed",
                    expected: "(document): not valid YAML"),
    ]

    @Test("invalid configurations are refused with a message naming the key", arguments: invalidCases)
    func invalidConfiguration(_ invalid: InvalidCase) {
        do {
            _ = try TurnoutConfig.parse(yaml: invalid.yaml)
            Issue.record("accepted an invalid configuration")
        } catch {
            let lines = error.issues.map(\.description)
            #expect(lines.contains { $0.hasPrefix(invalid.expected) }, "got: \(lines)")
        }
    }

    @Test("every problem is reported, not just the first")
    func reportsAllProblems() {
        let yaml = Self.base.replacingOccurrences(of: "v2: 10", with: "v3: -1") + "\nlisten: nowhere\n"
        #expect(throws: ConfigError.self) { try TurnoutConfig.parse(yaml: yaml) }
        do {
            _ = try TurnoutConfig.parse(yaml: yaml)
        } catch {
            let paths = Set(error.issues.map(\.path))
            #expect(paths.isSuperset(of: ["listen", "models.m.release.weights.v3"]))
        }
    }

    @Test("durations and sizes accept their units", arguments: [
        ("250ms", Duration.milliseconds(250)), ("1.5s", .milliseconds(1500)), ("2m", .seconds(120)),
        ("1h", .seconds(3600)), ("14d", .seconds(14 * 86_400)),
    ])
    func durations(text: String, expected: Duration) {
        #expect(ConfigUnits.duration(text) == expected)
    }

    @Test("sizes accept their units", arguments: [("65536", 65536), ("64KiB", 65536), ("16MiB", 16_777_216), ("1MB", 1_000_000)])
    func sizes(text: String, expected: Int) {
        #expect(ConfigUnits.byteSize(text) == expected)
    }
}
