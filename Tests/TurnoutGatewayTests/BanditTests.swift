import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
import TurnoutGateway
import TurnoutLoad
import TurnoutStore

/// Bandits end to end: traffic shares follow rewards from /v1/feedback, decisions log the
/// propensity, late rewards meet the wait rule, and a restart learns from the stored evidence.
@Suite("Bandits")
struct BanditTests {
    let client = HTTPClient.shared

    static func config(_ v1: TestUpstream, _ v2: TestUpstream, store: String? = nil, release: String) -> String {
        """
        \(store.map { "store: \($0)" } ?? "")
        models:
          m:
            unit: { header: x-user-id }
            versions:
              v1: { upstream: ["\(v1.url)"], probe: false }
              v2: { upstream: ["\(v2.url)"], probe: false }
            release: \(release)
        """
    }

    private func experiment(_ gateway: GatewayHarness) async throws -> [String: Any] {
        try await client.send(.GET, "\(gateway.adminURL)/api/v1/models/m/experiment").json
    }

    private func experimentShares(_ gateway: GatewayHarness) async throws -> [Double] {
        (try await experiment(gateway)["arms"] as? [[String: Any]])?.map { $0["share"] as? Double ?? 0 } ?? []
    }

    /// Sends requests, rewarding v2's answers with 1 and v1's with 0; returns how many each answered.
    private func play(_ gateway: GatewayHarness, rounds: Int, firstUser: Int = 0) async throws -> [String: Int] {
        var answered: [String: Int] = [:]
        for round in 0..<rounds {
            let answer = try await client.send(.POST, "\(gateway.baseURL)/v2/models/m/infer", headers: [("x-user-id", "u\(firstUser + round)")], body: ByteBuffer(string: "{}"))
            let version = try #require(answer.version)
            answered[version, default: 0] += 1
            let requestID = try #require(answer.headers.first(name: "x-request-id"))
            let feedback = try await client.send(
                .POST, "\(gateway.baseURL)/v1/feedback", body: ByteBuffer(string: #"{"request_id": "\#(requestID)", "reward": \#(version == "v2" ? 1 : 0)}"#)
            )
            #expect(feedback.status == 200)
        }
        return answered
    }

    @Test("Thompson sampling moves traffic to the arm that earns rewards, logs propensities, and promotes it once it is surely best")
    func thompsonFindsTheBetterArm() async throws {
        let v1 = try await TestUpstream.start(name: "v1")
        let v2 = try await TestUpstream.start(name: "v2")
        let release = "{ strategy: bandit, arms: [v1, v2], update_every: 50ms, min_share: 0.05, conclude: { prob_best: 0.99, min_samples: 15 } }"
        try await GatewayHarness.run(Self.config(v1, v2, release: release)) { gateway in
            // Both arms answer at first. On a quiet machine the shares can follow the rewards within
            // the first twenty requests (v1 then keeps its 5% floor), so play new users until both
            // have answered, bounded by rounds.
            var early: [String: Int] = [:]
            for chunk in 0..<20 where early.count < 2 {
                early.merge(try await play(gateway, rounds: 20, firstUser: 20 * chunk), uniquingKeysWith: +)
            }
            #expect(early.keys.sorted() == ["v1", "v2"])
            // Rounds until the shares have followed the rewards (bounded by rounds, not time).
            try await gateway.tick(until: { try await experimentShares(gateway).last ?? 0 > 0.8 })
            let look = try await experiment(gateway)
            let arms = try #require(look["arms"] as? [[String: Any]])
            #expect(arms.map { $0["name"] as? String } == ["v1", "v2"])
            let v2Share = try #require(arms[1]["share"] as? Double)
            #expect(v2Share > 0.8, "\(arms)")
            #expect(try #require(arms[0]["share"] as? Double) >= 0.05 - 1e-4)

            // The decision log records the probability with which each arm was picked.
            let answer = try await client.send(.POST, "\(gateway.baseURL)/v2/models/m/infer", headers: [("x-request-id", "propensity")], body: ByteBuffer(string: "{}"))
            await FeedbackTests.flushDecisionLog(gateway)
            let store = try SQLiteStore(path: try #require(gateway.storePath))
            let decision = try #require(try await store.decision(requestID: "propensity"))
            #expect(decision.version == answer.version)
            #expect(decision.reason == "random")
            #expect(decision.probability < 1 && decision.probability >= 0.05 - 1e-4)

            // Keep playing until v1 has its minimum rewards too (its share is small now): rounds of
            // evidence, each followed by a controller round, so a slow machine only takes longer.
            // At a 5% floor v1 needs about 300 plays for its 15 rewards; 100 rounds are 2,000.
            var phase = ""
            for _ in 0..<100 where phase != "promoted" {
                _ = try await play(gateway, rounds: 20)
                try await gateway.tick(until: { try await gateway.phase(of: "m") == "promoted" }, rounds: 3)
                phase = try await gateway.phase(of: "m")
            }
            #expect(phase == "promoted")
            let concluded = try await experiment(gateway)
            let conclusion = try #require(concluded["conclusion"] as? [String: Any])
            #expect(conclusion["winner"] as? String == "v2")
            #expect(try await play(gateway, rounds: 10) == ["v2": 10])
            let events = try await client.send(.GET, "\(gateway.adminURL)/api/v1/events?model=m&limit=2").json["events"] as? [[String: Any]] ?? []
            #expect(events.map { $0["action"] as? String } == ["promote_full", "conclude"])
        }
    }

    @Test("a decision without a reward gets the default after the wait, once; a later reward is ignored with 409")
    func waitAndDefault() async throws {
        let v1 = try await TestUpstream.start(name: "v1")
        let v2 = try await TestUpstream.start(name: "v2")
        let release = "{ strategy: bandit, arms: [v1, v2], update_every: 50ms, reward: { wait: 200ms, default: 0.25 } }"
        try await GatewayHarness.run(Self.config(v1, v2, release: release)) { gateway in
            let answer = try await client.send(.POST, "\(gateway.baseURL)/v2/models/m/infer", headers: [("x-request-id", "slow")], body: ByteBuffer(string: "{}"))
            let version = try #require(answer.version)
            // The 200 ms wait passes on the controllers' clock, then rounds until it applied.
            gateway.clock.advance(by: .milliseconds(250))
            try await gateway.tick(until: {
                (try await experiment(gateway)["arms"] as? [[String: Any]])?.first { $0["name"] as? String == version }?["rewards"] as? Double == 1
            })
            let arms = try #require(try await experiment(gateway)["arms"] as? [[String: Any]])
            let arm = try #require(arms.first { $0["name"] as? String == version })
            #expect(arm["rewards"] as? Double == 1)
            #expect(arm["mean"] as? Double == 0.25)
            let late = try await client.send(.POST, "\(gateway.baseURL)/v1/feedback", body: ByteBuffer(string: #"{"request_id": "slow", "reward": 1}"#))
            #expect(late.status == 409)
            #expect((late.json["error"] as? String)?.contains("came after the bandit's wait") == true)
            let metrics = try await client.send(.GET, "\(gateway.adminURL)/metrics").text
            #expect(metrics.contains(#"turnout_feedback_total{result="late"} 1"#))
            let again = try #require(try await experiment(gateway)["arms"] as? [[String: Any]])
            #expect(again.first { $0["name"] as? String == version }?["mean"] as? Double == 0.25)
        }
    }

    @Test("rewards outside 0..1 sent to a bernoulli bandit do not stop it: it reads them as unbounded")
    func outOfRangeRewards() async throws {
        let v1 = try await TestUpstream.start(name: "v1")
        let v2 = try await TestUpstream.start(name: "v2")
        let release = "{ strategy: bandit, arms: [v1, v2], update_every: 50ms }"
        try await GatewayHarness.run(Self.config(v1, v2, release: release)) { gateway in
            for round in 0..<10 {
                let answer = try await client.send(.POST, "\(gateway.baseURL)/v2/models/m/infer", headers: [("x-request-id", "r\(round)")], body: ByteBuffer(string: "{}"))
                let reward = answer.version == "v2" ? 5 : -3
                _ = try await client.send(.POST, "\(gateway.baseURL)/v1/feedback", body: ByteBuffer(string: #"{"request_id": "r\#(round)", "reward": \#(reward)}"#))
            }
            await gateway.tick()
            let look = try await client.send(.GET, "\(gateway.adminURL)/api/v1/models/m/experiment")
            #expect(look.status == 200)
            let arms = try #require(look.json["arms"] as? [[String: Any]])
            #expect(arms.map { $0["rewards"] as? Double ?? 0 }.reduce(0, +) == 10)
        }
    }

    @Test("after a restart the bandit routes by what it learned before")
    func restartKeepsLearning() async throws {
        let v1 = try await TestUpstream.start(name: "v1")
        let v2 = try await TestUpstream.start(name: "v2")
        let directory = try TemporaryDirectory.make("bandit")
        defer { try? FileManager.default.removeItem(at: directory) }
        let release = "{ strategy: bandit, arms: [v1, v2], update_every: 50ms, min_share: 0.05, conclude: { action: none } }"
        let config = Self.config(v1, v2, store: "sqlite:\(directory.path)/turnout.db", release: release)
        let before = try await GatewayHarness.run(config) { gateway in
            _ = try await play(gateway, rounds: 30)
            await gateway.tick()
            return try #require(try await experiment(gateway)["arms"] as? [[String: Any]]).map { $0["rewards"] as? Double ?? -1 }
        }
        try await GatewayHarness.run(config) { gateway in
            try await gateway.tick(until: { try await experimentShares(gateway).last ?? 0 > 0.8 })
            let arms = try #require(try await experiment(gateway)["arms"] as? [[String: Any]])
            #expect(arms.map { $0["rewards"] as? Double ?? -1 } == before)
            #expect(try #require(arms[1]["share"] as? Double) > 0.8)
            let answered = try await play(gateway, rounds: 20)
            #expect((answered["v2"] ?? 0) > (answered["v1"] ?? 0))
        }
    }

    @Test("on the quickstart, driven by turnout load --feedback, traffic shifts to the better model and the bandit concludes for it")
    func quickstartShiftsToTheBetterModel() async throws {
        let release = """
                  strategy: bandit
                  arms: [v1, v2]
                  update_every: 100ms
                  min_share: 0.05
                  conclude: { prob_best: 0.95, min_samples: 30 }
            """
        try await GatewayHarness.run(try ABTestTests.config(release: release)) { gateway in
            let data = try BuiltinModelTests.dataSet()
            func load(_ requests: Int, seed: UInt64) async -> LoadReport {
                await LoadGenerator(
                    options: LoadOptions(url: gateway.baseURL, model: "breast-cancer", requests: requests, users: 400, concurrency: 4, feedback: true, seed: seed),
                    data: data
                ).run()
            }
            // Before any reward the arms share the traffic equally (up to the Monte Carlo error of
            // an update that may already have run with no evidence).
            let initial = try await client.send(.GET, "\(gateway.adminURL)/api/v1/models/breast-cancer/experiment").json
            let initialShares = (initial["arms"] as? [[String: Any]])?.map { $0["share"] as? Double ?? 0 } ?? []
            #expect(initialShares.count == 2 && initialShares.allSatisfy { abs($0 - 0.5) < 0.05 }, "\(initialShares)")
            _ = await load(200, seed: 1)
            try await gateway.tick(until: {
                let shares = (try await client.send(.GET, "\(gateway.adminURL)/api/v1/models/breast-cancer/experiment").json["arms"] as? [[String: Any]])?
                    .map { $0["share"] as? Double ?? 0 } ?? []
                return shares.count == 2 && shares[1] > 0.8
            })
            let later = await load(200, seed: 2)
            let laterShare = Double(later.versions["v2"]?.answers ?? 0) / 200
            #expect(laterShare > 0.8, "v2 answered \(laterShare) of the later requests")
            // Rounds of evidence, each followed by controller rounds, rather than a deadline.
            var phase = ""
            for seed in UInt64(3)..<53 where phase != "promoted" {
                _ = await load(200, seed: seed)
                try await gateway.tick(until: { try await gateway.phase(of: "breast-cancer") == "promoted" }, rounds: 3)
                phase = try await gateway.phase(of: "breast-cancer")
            }
            #expect(phase == "promoted")
            let look = try await client.send(.GET, "\(gateway.adminURL)/api/v1/models/breast-cancer/experiment").json
            #expect((look["conclusion"] as? [String: Any])?["winner"] as? String == "v2")
        }
    }
}
