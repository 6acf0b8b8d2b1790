import AsyncHTTPClient
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import Testing
import TurnoutStore

/// The real binary, steered with its own CLI, killed with SIGKILL and restarted: acknowledged
/// feedback and the release state must survive.
@Suite("Crash recovery")
struct CrashRecoveryTests {
    let client = HTTPClient.shared
    static let features = "17.99,10.38,122.8,1001,0.1184,0.2776,0.3001,0.1471,0.2419,0.07871,1.095,0.9053,8.589,153.4,0.006399,"
        + "0.04904,0.05373,0.01587,0.03003,0.006193,25.38,17.33,184.6,2019,0.1622,0.6656,0.7119,0.2654,0.4601,0.1189"
    static let body = #"{"inputs":[{"name":"x","shape":[1,30],"datatype":"FP64","data":[\#(features)]}]}"#

    static func config(store: String, weights: String) -> String {
        """
        listen: 127.0.0.1:0
        admin: { listen: 127.0.0.1:0 }
        store: sqlite:\(store)
        models:
          breast-cancer:
            unit: { header: x-user-id }
            versions:
              v1: { builtin: \(CommandLineTests.root.path)/examples/models/breast-cancer-v1.json }
              v2: { builtin: \(CommandLineTests.root.path)/examples/models/breast-cancer-v2.json }
            release: { strategy: split, weights: \(weights) }
        """
    }

    /// Each user's answering version, keyed by user.
    private func assignments(_ served: ServedTurnout, users: Range<Int>, requestPrefix: String) async throws -> [Int: String] {
        var versions: [Int: String] = [:]
        for user in users {
            let answer = try await client.send(
                .POST, "\(served.baseURL)/v2/models/breast-cancer/infer",
                headers: [("x-user-id", "user-\(user)"), ("x-request-id", "\(requestPrefix)-\(user)")],
                body: ByteBuffer(string: Self.body)
            )
            #expect(answer.status == 200)
            versions[user] = answer.version
        }
        return versions
    }

    private func cli(_ arguments: [String], _ served: ServedTurnout) throws -> CommandLineTests.Outcome {
        try CommandLineTests.run(arguments + ["--server", served.adminURL])
    }

    @Test("after kill -9 and a restart, every acknowledged reward is stored and the release resumes with the same routing")
    func killAndRestart() async throws {
        let directory = try TemporaryDirectory.make("crash")
        defer { try? FileManager.default.removeItem(at: directory) }
        let storePath = directory.appending(path: "turnout.db").path
        let configFile = directory.appending(path: "turnout.yaml")
        try Data(Self.config(store: storePath, weights: "{ v1: 50, v2: 50 }").utf8).write(to: configFile)
        let applyFile = directory.appending(path: "apply.yaml")
        try Data(Self.config(store: storePath, weights: "{ v1: 20, v2: 80 }").utf8).write(to: applyFile)

        let first = try await ServedTurnout.start(config: configFile)
        let applied = try CommandLineTests.run(["apply", "--config", applyFile.path, "--server", first.adminURL])
        #expect(applied.status == 0, "\(applied.errors)")
        #expect(applied.output.contains("breast-cancer: release applied, revision 2"))
        let paused = try cli(["pause", "breast-cancer", "--reason", "holding for the crash test"], first)
        #expect(paused.status == 0, "\(paused.errors)")
        #expect(paused.output.contains("paused"))
        let before = try await assignments(first, users: 0..<120, requestPrefix: "req")
        #expect(Set(before.values) == ["v1", "v2"])

        // Rewards acknowledged one by one and in batches, then more in flight while the process dies.
        let acknowledged = NIOLockedValueBox<[String: Double]>([:])
        for user in 0..<60 {
            let answer = try await client.send(
                .POST, "\(first.baseURL)/v1/feedback", body: ByteBuffer(string: #"{"request_id": "req-\#(user)", "reward": \#(Double(user) / 10)}"#)
            )
            if answer.status == 200 { acknowledged.withLockedValue { $0["req-\(user)"] = Double(user) / 10 } }
        }
        #expect(acknowledged.withLockedValue { $0.count } == 60)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for sender in 0..<4 {
                group.addTask {
                    for user in stride(from: 60 + sender, to: 120, by: 4) {
                        let items = #"[{"request_id": "req-\#(user)", "reward": 1}]"#
                        guard let answer = try? await HTTPClient.shared.send(.POST, "\(first.baseURL)/v1/feedback", body: ByteBuffer(string: items)),
                            answer.status == 200
                        else { return }
                        acknowledged.withLockedValue { $0["req-\(user)"] = 1 }
                    }
                }
            }
            try await Task.sleep(for: .milliseconds(30))
            await first.kill()
            try await group.waitForAll()
        }
        #expect(first.process.endedBySignal)

        let second = try await ServedTurnout.start(config: configFile)
        let status = try await client.send(.GET, "\(second.adminURL)/api/v1/models/breast-cancer")
        let release = try #require(status.json["release"] as? [String: Any])
        #expect(release["phase"] as? String == "paused")
        #expect(release["revision"] as? Int == 3)
        #expect(release["reason"] as? String == "holding for the crash test")
        #expect(status.json["weights"] as? [String: Double] == ["v1": 20, "v2": 80])
        let after = try await assignments(second, users: 0..<120, requestPrefix: "again")
        #expect(after == before)

        let store = try SQLiteStore(path: storePath)
        for (requestID, reward) in acknowledged.withLockedValue({ $0 }) {
            #expect(try await store.feedback(requestID: requestID)?.reward == reward, "acknowledged reward for \(requestID) lost")
        }
        let totals = try await store.aggregates(model: "breast-cancer", since: Date(timeIntervalSinceNow: -3600))
        #expect(totals.values.reduce(0) { $0 + $1.rewardCount } >= Int64(acknowledged.withLockedValue { $0.count }))

        let events = try cli(["events", "breast-cancer", "--json"], second)
        #expect(events.status == 0)
        #expect(events.output.contains(#""action":"pause""#))
        #expect(try cli(["resume", "breast-cancer"], second).output.contains("progressing"))
        #expect(try cli(["promote", "breast-cancer", "--full"], second).output.contains("promoted"))
        #expect(try await Set(assignments(second, users: 0..<20, requestPrefix: "promoted").values) == ["v2"])
        #expect(try cli(["rollback", "breast-cancer"], second).output.contains("aborted"))
        #expect(try await Set(assignments(second, users: 0..<20, requestPrefix: "rolled-back").values) == ["v1"])
        let refused = try cli(["pause", "breast-cancer"], second)
        #expect(refused.status == 1)
        #expect(refused.errors.contains("cannot pause: release of breast-cancer is aborted (allowed: retry)"))
        #expect(try cli(["retry", "breast-cancer"], second).output.contains("progressing"))
        let table = try cli(["status", "breast-cancer"], second)
        #expect(table.output.contains("progressing"))
        #expect(await second.terminate() == 0)
    }
}
