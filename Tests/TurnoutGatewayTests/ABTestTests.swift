import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
import TurnoutGateway
import TurnoutLoad

/// A/B tests end to end: the quickstart's two real models, traffic and rewards from `turnout load
/// --feedback`'s generator, the controller concluding on its own rounds.
@Suite("A/B tests")
struct ABTestTests {
    let client = HTTPClient.shared

    static func config(store: String? = nil, release: String) throws -> String {
        let quickstart = try BuiltinModelTests.quickstart()
        let withRelease = quickstart.replacingOccurrences(
            of: "      strategy: split\n      weights: { v1: 50, v2: 50 }", with: release
        )
        return (store.map { "store: \($0)\n" } ?? "") + withRelease
    }

    static let rewardTest = """
              strategy: abtest
              control: v1
              variants: [v2]
              metric: reward
              tuning: 200
              min_samples: 200
              interval: 100ms
              on_conclusion: promote
        """

    private func experiment(_ gateway: GatewayHarness) async throws -> [String: Any] {
        try await client.send(.GET, "\(gateway.adminURL)/api/v1/models/breast-cancer/experiment").json
    }

    private func load(_ gateway: GatewayHarness, requests: Int, seed: UInt64) async throws -> LoadReport {
        await LoadGenerator(
            options: LoadOptions(
                url: gateway.baseURL, model: "breast-cancer", requests: requests, users: 400, concurrency: 8, feedback: true, seed: seed
            ),
            data: try BuiltinModelTests.dataSet()
        ).run()
    }

    /// Ticks the controllers until the release leaves `progressing`, for at most 300 rounds.
    private func waitForConclusion(_ gateway: GatewayHarness) async throws -> [String: Any] {
        let concluded = try await gateway.tick(until: { try await gateway.phase(of: "breast-cancer") != "progressing" })
        guard concluded else {
            Issue.record("the A/B test did not conclude within 300 controller rounds")
            return [:]
        }
        return try await client.send(.GET, "\(gateway.adminURL)/api/v1/models/breast-cancer").json
    }

    @Test("the better model wins on rewards and is promoted, and a restart mid-test keeps the evidence")
    func betterModelWins() async throws {
        let directory = try TemporaryDirectory.make("ab")
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try Self.config(store: "sqlite:\(directory.path)/turnout.db", release: Self.rewardTest)

        let firstHalf = try await GatewayHarness.run(config) { gateway in
            let report = try await load(gateway, requests: 200, seed: 1)
            #expect(report.feedbackSent == 200 && report.feedbackFailed == 0)
            await gateway.tick()
            let look = try await experiment(gateway)
            let result = try #require(look["result"] as? [String: Any])
            #expect(result["decision"] as? String == "keep_running")
            #expect((result["reasons"] as? [String])?.contains { $0.contains("fewer than min_samples 200") } == true)
            return (result["arms"] as? [[String: Any]])?.map { $0["n"] as? Int ?? 0 }.reduce(0, +) ?? 0
        }
        #expect(firstHalf == 200)

        try await GatewayHarness.run(config) { gateway in
            let resumed = try #require(try await experiment(gateway)["result"] as? [String: Any])
            #expect((resumed["arms"] as? [[String: Any]])?.map { $0["n"] as? Int ?? 0 }.reduce(0, +) == 200)
            _ = try await load(gateway, requests: 800, seed: 2)
            let status = try await waitForConclusion(gateway)
            let release = try #require(status["release"] as? [String: Any])
            #expect(release["phase"] as? String == "promoted")
            #expect(status["weights"] as? [String: Double] == ["v1": 0, "v2": 100])

            let look = try await experiment(gateway)
            let result = try #require(look["result"] as? [String: Any])
            #expect(result["winner"] as? String == "v2")
            let printed = try await CommandLineTests.runOffPool(["experiment", "breast-cancer", "--server", gateway.adminURL])
            #expect(printed.status == 0, "\(printed.errors)")
            #expect(printed.output.contains("decision: variant_wins, winner v2"))
            #expect(printed.output.contains("concluded: v2 wins"))
            let conclusion = try #require(look["conclusion"] as? [String: Any])
            #expect(conclusion["decision"] as? String == "variant_wins")
            #expect(conclusion["winner"] as? String == "v2")

            let answer = try await client.send(
                .POST, "\(gateway.baseURL)/v2/models/breast-cancer/infer", headers: [("x-user-id", "anyone")], body: ByteBuffer(string: #"{"inputs":[]}"#)
            )
            #expect(answer.version == "v2")
            let events = try await client.send(.GET, "\(gateway.adminURL)/api/v1/events?model=breast-cancer&limit=3").json["events"] as? [[String: Any]] ?? []
            #expect(events.map { $0["action"] as? String } == ["promote_full", "conclude", "start"])
            #expect(events.prefix(2).allSatisfy { $0["actor"] as? String == "controller" })
            #expect((events[1]["reason"] as? String)?.hasPrefix("v2 wins (sequential test, alpha 0.05)") == true)
        }
    }

    @Test("assignment that does not match the weights is flagged and nothing is concluded")
    func sampleRatioMismatch() async throws {
        let release = """
                  strategy: abtest
                  control: v1
                  variants: [v2]
                  metric: error_rate
                  min_samples: 10
                  interval: 100ms
            """
        try await GatewayHarness.run(try Self.config(release: release)) { gateway in
            let body = ByteBuffer(string: #"{"inputs":[]}"#)
            var assigned: [Int: String] = [:]
            for user in 0..<200 {
                let answer = try await client.send(.POST, "\(gateway.baseURL)/v2/models/breast-cancer/infer", headers: [("x-user-id", "u\(user)")], body: body)
                assigned[user] = answer.version
            }
            // Assignment is sticky: every user comes back to the same arm.
            for user in 0..<50 {
                let again = try await client.send(.POST, "\(gateway.baseURL)/v2/models/breast-cancer/infer", headers: [("x-user-id", "u\(user)")], body: body)
                #expect(again.version == assigned[user])
            }
            #expect(Set(assigned.values) == ["v1", "v2"])
            // A client that bypasses the assignment for its own users skews the arms.
            for user in 0..<200 {
                _ = try await client.send(
                    .POST, "\(gateway.baseURL)/v2/models/breast-cancer/versions/v2/infer", headers: [("x-user-id", "pinned-\(user)")], body: body
                )
            }
            await gateway.tick()
            let result = try #require(try await experiment(gateway)["result"] as? [String: Any])
            let srm = try #require(result["srm"] as? [String: Any])
            #expect(srm["warning"] as? Bool == true)
            #expect(try #require(srm["p_value"] as? Double) < 0.001)
            #expect(result["decision"] as? String == "keep_running")
            let status = try await client.send(.GET, "\(gateway.adminURL)/api/v1/models/breast-cancer").json
            #expect((status["release"] as? [String: Any])?["phase"] as? String == "progressing")
            let split = try await client.send(.GET, "\(gateway.adminURL)/api/v1/models/nope/experiment")
            #expect(split.status == 404)
        }
    }

    @Test("the experiment route refuses a release that is not an A/B test")
    func notAnExperiment() async throws {
        try await GatewayHarness.run(try BuiltinModelTests.quickstart()) { gateway in
            let answer = try await client.send(.GET, "\(gateway.adminURL)/api/v1/models/breast-cancer/experiment")
            #expect(answer.status == 409)
            #expect((answer.json["error"] as? String)?.contains("runs a split release, not an A/B test") == true)
            let printed = try await CommandLineTests.runOffPool(["experiment", "breast-cancer", "--server", gateway.adminURL])
            #expect(printed.status == 1)
            #expect(printed.errors.contains("runs a split release, not an A/B test"))
        }
    }
}
