import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

/// The real `turnout` binary, run as a user would.
@Suite("Command line")
struct CommandLineTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary built next to the test bundle.
    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appending(path: "turnout")
    }

    struct Outcome {
        let status: Int32
        let output: String
        let errors: String
    }

    static func run(_ arguments: [String], input: String? = nil) throws -> Outcome {
        let outcome = try ChildProcess.run(binary.path, arguments, in: root.path)
        return Outcome(status: outcome.status, output: String(decoding: outcome.output, as: UTF8.self), errors: String(decoding: outcome.errors, as: UTF8.self))
    }

    /// Runs the binary on a thread of its own, so that a gateway in this process (whose admin
    /// handlers need the cooperative thread pool) can answer it meanwhile.
    static func runOffPool(_ arguments: [String]) async throws -> Outcome {
        try await offThePool { try run(arguments) }
    }

    static func temporaryFile(_ text: String, suffix: String = ".yaml") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appending(path: "turnout-cli-\(UInt64.random(in: 0...UInt64.max))\(suffix)")
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test("validate prints ok for the examples and every problem of a broken file")
    func validate() throws {
        for example in [
            "examples/quickstart.yaml", "examples/upstreams.yaml", "examples/abtest.yaml", "examples/shadow.yaml",
            "examples/canary.yaml", "examples/canary-broken.yaml", "examples/bluegreen.yaml", "examples/canary-prometheus.yaml",
        ] {
            let outcome = try Self.run(["validate", "--config", example])
            #expect(outcome.status == 0)
            #expect(outcome.output == "ok\n")
        }
        let broken = try Self.temporaryFile("""
            listen: nowhere
            models:
              m:
                versions: { v1: { upstream: "ftp://x" } }
                release: { strategy: split, weights: { v1: -1, v9: 5 } }
            """)
        defer { try? FileManager.default.removeItem(at: broken) }
        let outcome = try Self.run(["validate", "--config", broken.path])
        #expect(outcome.status == 1)
        let lines = outcome.output.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("listen: ") })
        #expect(lines.contains { $0.hasPrefix("models.m.versions.v1.upstream: ") })
        #expect(lines.contains { $0.hasPrefix("models.m.release.weights.v9: no such version") })
    }

    @Test("serve refuses an invalid file with the same lines, and a missing file clearly")
    func serveRefusesBadConfiguration() throws {
        let broken = try Self.temporaryFile("models: {}\n")
        defer { try? FileManager.default.removeItem(at: broken) }
        let outcome = try Self.run(["serve", "--config", broken.path])
        #expect(outcome.status == 1)
        #expect(outcome.errors.contains("models: expected at least one model"))
        let missing = try Self.run(["serve", "--config", "/nonexistent.yaml"])
        #expect(missing.status == 1)
        #expect(missing.errors.contains("cannot read /nonexistent.yaml"))
    }

    @Test("serve answers, then exits 0 on SIGTERM")
    func serveAndStop() async throws {
        let config = try Self.temporaryFile(try String(contentsOf: Self.root.appending(path: "examples/quickstart.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "127.0.0.1:8080", with: "127.0.0.1:0")
            .replacingOccurrences(of: "127.0.0.1:8081", with: "127.0.0.1:0")
            .replacingOccurrences(of: "builtin: models/", with: "builtin: \(Self.root.path)/examples/models/")
            .replacingOccurrences(of: "store: sqlite:turnout.db", with: "store: none"))
        defer { try? FileManager.default.removeItem(at: config) }
        let process = try ChildProcess(Self.binary.path, ["serve", "--config", config.path], output: .inherit)
        defer { if process.isRunning { process.signal(SIGINT) } }
        let errors = try #require(process.errors)
        var log = ""
        while !log.contains("data plane http") {
            let chunk = errors.availableData
            if chunk.isEmpty { break }  // the process ended
            log += String(decoding: chunk, as: UTF8.self)
        }
        let port = try #require(log.firstMatch(of: /data plane http:\/\/127\.0\.0\.1:(\d+)/).flatMap { Int($0.1) }, "log: \(log)")
        let answer = try await HTTPClient.shared.send(.GET, "http://127.0.0.1:\(port)/v2/models/breast-cancer")
        #expect(answer.status == 200)
        let adminPort = try #require(log.firstMatch(of: /admin http:\/\/127\.0\.0\.1:(\d+)/).flatMap { Int($0.1) })
        let status = try Self.run(["status", "--server", "http://127.0.0.1:\(adminPort)"])
        #expect(status.status == 0)
        let lines = status.output.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        #expect(lines.contains { $0.hasPrefix("breast-cancer split progressing 1/1 1 v1 50.0 ") })
        #expect(lines.contains { $0.hasPrefix("v2 50.0 ") })
        let json = try Self.run(["status", "breast-cancer", "--server", "http://127.0.0.1:\(adminPort)", "--json"])
        #expect(json.output.contains(#""strategy":"split""#))
        let unreachable = try Self.run(["status", "--server", "http://127.0.0.1:1"])
        #expect(unreachable.status == 1)
        process.signal(SIGTERM)
        #expect(process.waitForExit() == 0)
    }

    @Test("analyze reproduces GrowthBook's published Welch vector")
    func analyze() throws {
        let input = try Self.temporaryFile("""
            {"arms":[{"name":"control","n":3407,"sum":1396.87,"sum_squares":52377.9767},
                     {"name":"variant","n":3461,"sum":2422.7,"sum_squares":134698.29}],
             "control":"control","metric":"mean","effect":"relative","test":"fixed","alpha":0.05}
            """, suffix: ".json")
        defer { try? FileManager.default.removeItem(at: input) }
        let outcome = try Self.run(["analyze", "--input", input.path])
        #expect(outcome.status == 0)
        let result = try #require(try JSONSerialization.jsonObject(with: Data(outcome.output.utf8)) as? [String: Any])
        let variant = try #require((result["variants"] as? [[String: Any]])?.first)
        #expect(abs((variant["effect"] as? Double ?? 0) - 0.70732) < 1e-5)
        #expect(abs((variant["p_value"] as? Double ?? 0) - 0.06191) < 1e-5)
        let bad = try Self.run(["analyze", "--input", "/nonexistent.json"])
        #expect(bad.status == 1)
    }

    @Test("flags validate and eval explain which variant a user gets")
    func flags() throws {
        let file = "examples/flags/model-version.flagd.json"
        #expect(try Self.run(["flags", "validate", file]).output == "ok\n")
        let matched = try Self.run(["flags", "eval", "--flags", file, "--flag", "breast-cancer-version", "--context", #"{"targetingKey":"u1","email":"a@example.com"}"#])
        #expect(matched.status == 0)
        #expect(matched.output.contains(#""reason":"TARGETING_MATCH""#))
        #expect(matched.output.contains(#""variant":"v2""#))
        let missing = try Self.run(["flags", "eval", "--flags", file, "--flag", "nope"])
        #expect(missing.output.contains("FLAG_NOT_FOUND"))
        let broken = try Self.temporaryFile(#"{"flags":{"x":{"state":"ON","variants":{"a":1},"defaultVariant":"b"}}}"#, suffix: ".json")
        defer { try? FileManager.default.removeItem(at: broken) }
        let invalid = try Self.run(["flags", "validate", broken.path])
        #expect(invalid.status == 1)
        #expect(invalid.output.contains("flags.x.state"))
        // The broken flag answers PARSE_ERROR from eval; v3 hashing is chosen with --fractional.
        let parseError = try Self.run(["flags", "eval", "--flags", broken.path, "--flag", "x"])
        #expect(parseError.output.contains(#""errorCode":"PARSE_ERROR""#))
        let rollout = try Self.temporaryFile(#"{"flags":{"fractional-flag-shorthand":{"state":"ENABLED","variants":{"heads":"heads","tails":"tails","draw":"draw"},"defaultVariant":"draw","targeting":{"fractional":[["heads"],["tails",1]]}}}}"#, suffix: ".json")
        defer { try? FileManager.default.removeItem(at: rollout) }
        // flagd-testbed's fractional-flag-shorthand case: jon@company.com is heads in v2, tails in v3.
        let context = #"{"targetingKey":"jon@company.com"}"#
        let v2 = try Self.run(["flags", "eval", "--flags", rollout.path, "--flag", "fractional-flag-shorthand", "--context", context])
        let v3 = try Self.run(["flags", "eval", "--flags", rollout.path, "--flag", "fractional-flag-shorthand", "--context", context, "--fractional", "v3"])
        #expect(v2.output.contains(#""variant":"heads""#))
        #expect(v3.output.contains(#""variant":"tails""#))
        #expect(try Self.run(["flags", "eval", "--flags", rollout.path, "--flag", "fractional-flag-shorthand", "--fractional", "v9"]).status != 0)
    }
}
