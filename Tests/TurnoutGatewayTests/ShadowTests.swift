import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
import TurnoutCore
import TurnoutLoad
import TurnoutStore
@testable import TurnoutGateway

/// Shadow deployment against real model servers: the client only ever sees the primary, the
/// shadows' answers are compared, and nothing a shadow does slows or fails the primary path.
@Suite("Shadow deployment")
struct ShadowTests {
    /// Holds shadow answers until the test opens it.
    actor Gate {
        private var open = false
        private var waiters: [CheckedContinuation<Void, Never>] = []

        func wait() async {
            if open { return }
            await withCheckedContinuation { waiters.append($0) }
        }

        func release() {
            open = true
            waiters.forEach { $0.resume() }
            waiters.removeAll()
        }
    }

    /// An OIP answer with one probability and one label per row.
    static func answer(probabilities: [Double], labels: [Int]) -> String {
        let p = probabilities.map { String($0) }.joined(separator: ",")
        let l = labels.map(String.init).joined(separator: ",")
        return #"{"model_name":"m","outputs":[{"name":"probabilities","datatype":"FP32","shape":[\#(probabilities.count)],"data":[\#(p)]},{"name":"label","datatype":"INT64","shape":[\#(labels.count)],"data":[\#(l)]}]}"#
    }

    /// The two features `[a, b]` of a request the tests send.
    static func features(_ body: ByteBuffer) -> [Double] {
        let object = (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any]
        let inputs = object?["inputs"] as? [[String: Any]]
        return (inputs?.first?["data"] as? [Double]) ?? []
    }

    static func request(_ a: Double, _ b: Double) -> ByteBuffer {
        ByteBuffer(string: #"{"inputs":[{"name":"x","datatype":"FP32","shape":[1,2],"data":[\#(a),\#(b)]}]}"#)
    }

    /// A model that says class 1 with probability `a` above one half; the "shadow" variant adds
    /// 0.1 to every probability and flips the label whenever `b` is 1.
    static func model(shadow: Bool) -> ScriptedModelServer.Answer {
        { _, body in
            let x = features(body)
            guard x.count == 2 else { return (400, #"{"error":"expected two features"}"#) }
            let label = x[0] > 0.5 ? 1 : 0
            guard shadow else { return (200, answer(probabilities: [x[0]], labels: [label])) }
            return (200, answer(probabilities: [x[0] + 0.1], labels: [x[1] == 1 ? 1 - label : label]))
        }
    }

    static func config(primary: String, shadows: [(String, String)], release: String) -> String {
        var text = """
            models:
              m:
                protocol: v2
                versions:
                  v1: { upstream: ["\(primary)"], probe: false }

            """
        for (name, url) in shadows { text += "      \(name): { upstream: [\"\(url)\"], probe: false }\n" }
        return text + "    release: \(release)\n"
    }

    static func shadowJSON(_ gateway: GatewayHarness, model: String = "m") async throws -> [String: Any] {
        let answer = try await HTTPClient.shared.send(.GET, "\(gateway.adminURL)/api/v1/models/\(model)/shadow")
        #expect(answer.status == 200, "\(answer.text)")
        return try JSONSerialization.jsonObject(with: Data(answer.body.readableBytesView)) as? [String: Any] ?? [:]
    }

    static func shadow(_ object: [String: Any], _ version: String) -> [String: Any] {
        (object["shadows"] as? [[String: Any]])?.first { $0["version"] as? String == version } ?? [:]
    }

    /// The value of one series in Prometheus text, 0 when it is absent.
    static func metric(_ text: String, _ series: String) -> Int {
        text.split(separator: "\n").first { $0.hasPrefix(series + " ") }.flatMap { Int($0.dropFirst(series.count + 1)) } ?? 0
    }

    static func counts(_ object: [String: Any], _ version: String) -> [String: Int] {
        shadow(object, version)["counts"] as? [String: Int] ?? [:]
    }

    @Test("the primary's answer reaches the client while the shadow is still held")
    func primaryDoesNotWaitForTheShadow() async throws {
        let gate = Gate()
        let primary = try await ScriptedModelServer.start(Self.model(shadow: false))
        let held = try await ScriptedModelServer.start { head, body in
            await gate.wait()
            return await Self.model(shadow: true)(head, body)
        }
        let yaml = Self.config(primary: primary.url, shadows: [("v2", held.url)], release: "{ strategy: shadow, primary: v1, shadows: [v2] }")
        try await GatewayHarness.run(yaml) { gateway in
            let answer = try await HTTPClient.shared.send(
                .POST, "\(gateway.baseURL)/v2/models/m/infer", headers: [("x-request-id", "held-1")], body: Self.request(0.8, 0)
            )
            // The shadow has not answered (the gate is shut), yet the client has the primary's answer.
            #expect(answer.status == 200)
            #expect(answer.headers.first(name: "x-turnout-version") == "v1")
            #expect(answer.text.contains(#""data":[0.8]"#))
            try await ReloadTests.eventually { held.requests.count == 1 }
            let mirrored = try #require(held.requests.first)
            #expect(mirrored.head.headers.first(name: "x-turnout-shadow") == "1")
            #expect(mirrored.head.headers.first(name: "x-request-id") == "held-1")
            #expect(mirrored.head.uri == "/v2/models/m/infer")
            #expect(Self.features(mirrored.body) == [0.8, 0])
            #expect(Self.counts(try await Self.shadowJSON(gateway), "v2")["pairs"] ?? 0 == 0)
            await gate.release()
            try await ReloadTests.eventually { Self.counts(try await Self.shadowJSON(gateway), "v2")["pairs"] == 1 }
        }
        try await primary.stop()
        try await held.stop()
    }

    @Test("shadows that fail, time out or are down never reach the client, and are counted")
    func brokenShadows() async throws {
        let primary = try await ScriptedModelServer.start(Self.model(shadow: false))
        let failing = try await ScriptedModelServer.start { _, _ in (500, #"{"error":"boom"}"#) }
        let slow = try await ScriptedModelServer.start { head, body in
            try? await Task.sleep(for: .seconds(8))
            return await Self.model(shadow: true)(head, body)
        }
        let down = try ReservedPort()
        let yaml = Self.config(
            primary: primary.url, shadows: [("v2", failing.url), ("v3", slow.url), ("v4", "http://127.0.0.1:\(down.port)")],
            release: "{ strategy: shadow, primary: v1, shadows: [v2, v3, v4], timeout: 3s }"
        )
        try await GatewayHarness.run(yaml) { gateway in
            for index in 0..<10 {
                let answer = try await HTTPClient.shared.send(.POST, "\(gateway.baseURL)/v2/models/m/infer", body: Self.request(Double(index) / 10, 0))
                #expect(answer.status == 200)
                #expect(answer.headers.first(name: "x-turnout-version") == "v1")
            }
            try await ReloadTests.eventually(timeout: .seconds(30)) {
                let object = try await Self.shadowJSON(gateway)
                return ["v2", "v3", "v4"].allSatisfy { Self.counts(object, $0)["pairs"] == 10 }
            }
            let object = try await Self.shadowJSON(gateway)
            #expect(Self.counts(object, "v3")["timed_out"] == 10)
            for version in ["v2", "v3", "v4"] {
                let errors = Self.shadow(object, version)["error_rate"] as? [String: Double]
                #expect(errors?["shadow"] == 1, "\(version)")
                #expect(errors?["primary"] == 0, "\(version)")
                #expect(Self.counts(object, version)["compared"] == 0, "\(version)")
            }
            let metrics = try await HTTPClient.shared.send(.GET, "\(gateway.adminURL)/metrics").text
            // v2 answers 500 at once, so its calls end as errors; on a loaded machine one has been
            // seen to pass the 3 s timeout first (before and after the mirror moved to the data
            // plane's client), so the test pins that all ten are counted as errors or timeouts.
            #expect(Self.metric(metrics, #"turnout_shadow_requests_total{model="m",version="v2",outcome="error"}"#) + Self.metric(metrics, #"turnout_shadow_requests_total{model="m",version="v2",outcome="timeout"}"#) == 10, "\(metrics)")
            #expect(metrics.contains(#"turnout_shadow_requests_total{model="m",version="v3",outcome="timeout"} 10"#))
            #expect(metrics.contains(#"turnout_shadow_requests_total{model="m",version="v4",outcome="error"} 10"#))
        }
        try await primary.stop()
        try await failing.stop()
        try await slow.stop()
        withExtendedLifetime(down) {}
    }

    @Test("agreement, kappa, numeric differences and drift on a shadow that disagrees on a known tenth")
    func controlledDisagreement() async throws {
        let primary = try await ScriptedModelServer.start(Self.model(shadow: false))
        let shadow = try await ScriptedModelServer.start(Self.model(shadow: true))
        let yaml = Self.config(
            primary: primary.url, shadows: [("v2", shadow.url)],
            release: "{ strategy: shadow, primary: v1, shadows: [v2], timeout: 30s, concurrency: 256, compare: { min_pairs: 100, min_agreement: 0.95, max_psi: 0.1 } }"
        )
        // The generous timeout and concurrency keep every mirror compared on a loaded machine: this
        // test is about the statistics, and a timed-out or dropped mirror would change them.
        try await GatewayHarness.run(yaml) { gateway in
            // a = 0.005, 0.015, ... 0.995: half of each class; every tenth request has b = 1 and is flipped.
            var primaryLabels: [Int] = []
            var shadowLabels: [Int] = []
            var primaryValues: [Double] = []
            for index in 0..<200 {
                let a = (Double(index % 100) + 0.5) / 100
                let b: Double = index % 10 == 3 ? 1 : 0
                primaryLabels.append(a > 0.5 ? 1 : 0)
                primaryValues.append(a)
                shadowLabels.append(b == 1 ? 1 - primaryLabels.last! : primaryLabels.last!)
                let answer = try await HTTPClient.shared.send(.POST, "\(gateway.baseURL)/v2/models/m/infer", body: Self.request(a, b))
                #expect(answer.status == 200)
            }
            try await ReloadTests.eventually { Self.counts(try await Self.shadowJSON(gateway), "v2")["pairs"] == 200 }
            let object = Self.shadow(try await Self.shadowJSON(gateway), "v2")
            #expect((object["counts"] as? [String: Int])?["compared"] == 200, "\(object["counts"] ?? "no counts")")
            let labels = try #require(object["classification"] as? [String: Double])
            #expect(labels["agreement"] == 0.9)
            #expect(abs((labels["kappa"] ?? 0) - Self.kappa(primaryLabels, shadowLabels)) < 1e-12)
            let numeric = try #require(object["numeric"] as? [String: Double])
            #expect(abs((numeric["mean_abs_diff"] ?? 0) - 0.1) < 1e-6)
            #expect(abs((numeric["max_abs_diff"] ?? 0) - 0.1) < 1e-6)
            let drift = try #require(object["drift"] as? [String: Any])
            let ks = Self.kolmogorovSmirnov(primaryValues, primaryValues.map { $0 + 0.1 })
            #expect(abs((drift["ks"] as? Double ?? 0) - ks) < 1e-12)
            #expect(ks >= 0.1)
            #expect((drift["psi"] as? Double ?? 0) > 0)
            let verdict = try #require(object["verdict"] as? [String: Any])
            #expect(verdict["ready"] as? Bool == false)
            let reasons = verdict["reasons"] as? [String] ?? []
            #expect(reasons.contains { $0.contains("agreement 0.9") && $0.contains("min_agreement 0.95") }, "\(reasons)")
        }
        try await primary.stop()
        try await shadow.stop()
    }

    /// The largest gap between the two empirical CDFs, checked at every observed value.
    static func kolmogorovSmirnov(_ a: [Double], _ b: [Double]) -> Double {
        func cdf(_ sample: [Double], _ x: Double) -> Double {
            Double(sample.filter { $0 <= x }.count) / Double(sample.count)
        }
        var largest = 0.0
        for x in a + b { largest = max(largest, abs(cdf(a, x) - cdf(b, x))) }
        return largest
    }

    /// Cohen's kappa by its textbook formula, written out here rather than taken from the code under test.
    static func kappa(_ a: [Int], _ b: [Int]) -> Double {
        let n = Double(a.count)
        let observed = Double(zip(a, b).filter { $0 == $1 }.count) / n
        let a1 = Double(a.filter { $0 == 1 }.count) / n
        let b1 = Double(b.filter { $0 == 1 }.count) / n
        let expected = a1 * b1 + (1 - a1) * (1 - b1)
        return (observed - expected) / (1 - expected)
    }

    @Test("a full mirror queue drops jobs and counts them; the client is never refused")
    func fullQueueDrops() async throws {
        let gate = Gate()
        let primary = try await ScriptedModelServer.start(Self.model(shadow: false))
        let held = try await ScriptedModelServer.start { head, body in
            await gate.wait()
            return await Self.model(shadow: true)(head, body)
        }
        let yaml = Self.config(primary: primary.url, shadows: [("v2", held.url)], release: "{ strategy: shadow, primary: v1, shadows: [v2], concurrency: 1, timeout: 60s }")
        let total = ShadowMirror.backlogPerShadow + 1_000
        try await GatewayHarness.run(yaml) { gateway in
            try await withThrowingTaskGroup(of: Int.self) { group in
                for worker in 0..<8 {
                    group.addTask {
                        var ok = 0
                        for index in stride(from: worker, to: total, by: 8) {
                            let answer = try await HTTPClient.shared.send(.POST, "\(gateway.baseURL)/v2/models/m/infer", body: Self.request(Double(index % 100) / 100, 0))
                            if answer.status == 200 { ok += 1 }
                        }
                        return ok
                    }
                }
                var ok = 0
                for try await count in group { ok += count }
                #expect(ok == total)
            }
            let before = Self.counts(try await Self.shadowJSON(gateway), "v2")
            #expect((before["dropped"] ?? 0) >= 150, "\(before)")
            await gate.release()
            try await ReloadTests.eventually(timeout: .seconds(30)) {
                let counts = Self.counts(try await Self.shadowJSON(gateway), "v2")
                return (counts["pairs"] ?? 0) + (counts["dropped"] ?? 0) == total
            }
            let metrics = try await HTTPClient.shared.send(.GET, "\(gateway.adminURL)/metrics").text
            #expect(metrics.contains(#"turnout_shadow_requests_total{model="m",version="v2",outcome="dropped"} \#(before["dropped"] ?? -1)"#))
        }
        try await primary.stop()
        try await held.stop()
    }

    @Test("promote --to makes a shadow the primary, keeps the old one as a shadow and starts a new comparison")
    func promoteTo() async throws {
        let primary = try await ScriptedModelServer.start(Self.model(shadow: false))
        let shadow = try await ScriptedModelServer.start(Self.model(shadow: true))
        let yaml = Self.config(primary: primary.url, shadows: [("v2", shadow.url)], release: "{ strategy: shadow, primary: v1, shadows: [v2] }")
        try await GatewayHarness.run(yaml) { gateway in
            let client = HTTPClient.shared
            _ = try await client.send(.POST, "\(gateway.baseURL)/v2/models/m/infer", body: Self.request(0.7, 0))
            try await ReloadTests.eventually { Self.counts(try await Self.shadowJSON(gateway), "v2")["pairs"] == 1 }
            let wrong = try await client.send(.POST, "\(gateway.adminURL)/api/v1/models/m/promote?to=v9")
            #expect(wrong.status == 409)
            #expect(wrong.text.contains("v9 is not a shadow of m"))
            let promoted = try await client.send(.POST, "\(gateway.adminURL)/api/v1/models/m/promote?to=v2&keep_shadow=true")
            #expect(promoted.status == 200, "\(promoted.text)")
            let answer = try await client.send(.POST, "\(gateway.baseURL)/v2/models/m/infer", body: Self.request(0.7, 0))
            #expect(answer.headers.first(name: "x-turnout-version") == "v2")
            let object = try await Self.shadowJSON(gateway)
            #expect(object["primary"] as? String == "v2")
            try await ReloadTests.eventually { Self.counts(try await Self.shadowJSON(gateway), "v1")["pairs"] == 1 }
            #expect(primary.requests.count == 2)
            #expect(primary.requests.last?.head.headers.first(name: "x-turnout-shadow") == "1")
            let events = try await client.send(.GET, "\(gateway.adminURL)/api/v1/events?model=m&limit=1").text
            #expect(events.contains(#""action":"promote""#))
            #expect(events.contains("promoted shadow v2 to primary in place of v1; v1 stays as a shadow"))
            // Without --keep-shadow the last shadow's promotion leaves a single release.
            let single = try await client.send(.POST, "\(gateway.adminURL)/api/v1/models/m/promote?to=v1")
            #expect(single.status == 200)
            #expect(single.text.contains(#""strategy":"single""#))
            let gone = try await client.send(.GET, "\(gateway.adminURL)/api/v1/models/m/shadow")
            #expect(gone.status == 409)
        }
        try await primary.stop()
        try await shadow.stop()
    }

    @Test("bodies over max_body are answered but not mirrored, and counted as skipped")
    func largeBodiesSkipped() async throws {
        let primary = try await ScriptedModelServer.start { _, _ in (200, Self.answer(probabilities: [0.5], labels: [1])) }
        let shadow = try await ScriptedModelServer.start(Self.model(shadow: true))
        let yaml = Self.config(primary: primary.url, shadows: [("v2", shadow.url)], release: "{ strategy: shadow, primary: v1, shadows: [v2], max_body: 1KiB }")
        try await GatewayHarness.run(yaml) { gateway in
            let big = ByteBuffer(string: #"{"inputs":[{"name":"x","datatype":"BYTES","shape":[1],"data":[""# + String(repeating: "x", count: 4096) + #""]}]}"#)
            let answer = try await HTTPClient.shared.send(.POST, "\(gateway.baseURL)/v2/models/m/infer", body: big)
            #expect(answer.status == 200)
            try await ReloadTests.eventually { Self.counts(try await Self.shadowJSON(gateway), "v2")["skipped"] == 1 }
            #expect(shadow.requests.isEmpty)
        }
        try await primary.stop()
        try await shadow.stop()
    }

    @Test("on the quickstart, v2 shadowing v1 over the whole data set: the agreement is what the two models really do")
    func quickstartAgreementMatchesTheModels() async throws {
        let release = """
                  strategy: shadow
                  primary: v1
                  shadows: [v2]
                  compare: { min_pairs: 100, min_agreement: 0.9 }
            """
        let data = try BuiltinModelTests.dataSet()
        let goldens = try BuiltinModelTests.goldens()
        // XGBoost's own predictions for every row, thresholded as the models' label output is.
        let v1 = goldens["v1", default: []].map { $0 > 0.5 }
        let v2 = goldens["v2", default: []].map { $0 > 0.5 }
        let expected = Double(zip(v1, v2).filter { $0 == $1 }.count) / Double(v1.count)
        try await GatewayHarness.run(try ABTestTests.config(release: release)) { gateway in
            for row in data.rows {
                let answer = try await HTTPClient.shared.send(
                    .POST, "\(gateway.baseURL)/v2/models/breast-cancer/infer", body: ByteBuffer(string: LoadGenerator.inferenceBody(row: row))
                )
                #expect(answer.headers.first(name: "x-turnout-version") == "v1")
            }
            try await ReloadTests.eventually(timeout: .seconds(30)) {
                Self.counts(try await Self.shadowJSON(gateway, model: "breast-cancer"), "v2")["pairs"] == data.rows.count
            }
            let object = Self.shadow(try await Self.shadowJSON(gateway, model: "breast-cancer"), "v2")
            let labels = try #require(object["classification"] as? [String: Double])
            #expect(abs((labels["agreement"] ?? 0) - expected) < 1e-12, "expected \(expected)")
            #expect(expected < 1, "the two models disagree on some rows, so the test can tell")
            let counts = object["counts"] as? [String: Int] ?? [:]
            #expect(counts["compared"] == data.rows.count)
            let verdict = object["verdict"] as? [String: Any] ?? [:]
            #expect(verdict["ready"] as? Bool == (expected >= 0.9))
        }
    }

    @Test("a slow shadow drops only its own pairs: the fast shadow of the same model compares every request")
    func slowShadowDoesNotStarveTheOthers() async throws {
        let slow = try await ScriptedModelServer.start { _, _ in
            try? await Task.sleep(for: .seconds(2))
            return (200, Self.answer(probabilities: [0.5], labels: [1]))
        }
        let release = """
                  strategy: shadow
                  primary: v1
                  shadows: [v2, v3]
                  timeout: 3s
                  concurrency: 1
            """
        let yaml = try ABTestTests.config(release: release).replacingOccurrences(
            of: "    release:\n", with: "      v3: { upstream: [\"\(slow.url)\"], probe: false }\n    release:\n"
        )
        let data = try BuiltinModelTests.dataSet()
        let goldens = try BuiltinModelTests.goldens()
        // XGBoost's own predictions for every row, thresholded as the models' label output is.
        let v1 = goldens["v1", default: []].map { $0 > 0.5 }
        let v2 = goldens["v2", default: []].map { $0 > 0.5 }
        let expected = Double(zip(v1, v2).filter { $0 == $1 }.count) / Double(v1.count)
        try await GatewayHarness.run(yaml) { gateway in
            // One request after another, as the issue's reproduction sent them: the slow shadow's
            // lane fills after concurrency + backlog requests and drops the rest. With one call in
            // flight it drains a call per 2 s, so even requests slowed by a loaded machine fill it.
            for row in data.rows {
                let answer = try await HTTPClient.shared.send(
                    .POST, "\(gateway.baseURL)/v2/models/breast-cancer/infer", body: ByteBuffer(string: LoadGenerator.inferenceBody(row: row))
                )
                #expect(answer.status == 200)
            }
            try await ReloadTests.eventually(timeout: .seconds(30)) {
                Self.counts(try await Self.shadowJSON(gateway, model: "breast-cancer"), "v2")["pairs"] == data.rows.count
            }
            let object = try await Self.shadowJSON(gateway, model: "breast-cancer")
            let fast = Self.shadow(object, "v2")
            #expect((fast["counts"] as? [String: Int])?["dropped"] == 0)
            let labels = try #require(fast["classification"] as? [String: Double])
            #expect(abs((labels["agreement"] ?? 0) - expected) < 1e-12, "expected \(expected)")
            // The slow shadow really was overrun, so the test shows the lanes are separate.
            let slowCounts = Self.counts(object, "v3")
            #expect((slowCounts["dropped"] ?? 0) > 0, "\(slowCounts)")
        }
        try await slow.stop()
    }

    @Test("the comparison is saved in the store and continues after a restart; a new release starts it afresh")
    func comparisonSurvivesRestart() async throws {
        let primary = try await ScriptedModelServer.start(Self.model(shadow: false))
        let shadow = try await ScriptedModelServer.start(Self.model(shadow: true))
        let directory = try TemporaryDirectory.make("shadow-restart")
        defer { try? FileManager.default.removeItem(at: directory) }
        let yaml = "store: sqlite:\(directory.path)/turnout.db\n"
            + Self.config(primary: primary.url, shadows: [("v2", shadow.url)], release: "{ strategy: shadow, primary: v1, shadows: [v2] }")
        try await GatewayHarness.run(yaml) { gateway in
            for index in 0..<10 {
                _ = try await HTTPClient.shared.send(.POST, "\(gateway.baseURL)/v2/models/m/infer", body: Self.request(Double(index) / 10, 1))
            }
            try await ReloadTests.eventually { Self.counts(try await Self.shadowJSON(gateway), "v2")["pairs"] == 10 }
        }
        try await GatewayHarness.run(yaml) { gateway in
            #expect(Self.counts(try await Self.shadowJSON(gateway), "v2")["pairs"] == 10)
            _ = try await HTTPClient.shared.send(.POST, "\(gateway.baseURL)/v2/models/m/infer", body: Self.request(0.3, 1))
            try await ReloadTests.eventually { Self.counts(try await Self.shadowJSON(gateway), "v2")["pairs"] == 11 }
            let labels = Self.shadow(try await Self.shadowJSON(gateway), "v2")["classification"] as? [String: Double]
            #expect(labels?["agreement"] == 0, "every request had b = 1, so every label was flipped")
            let put = try await HTTPClient.shared.send(
                .PUT, "\(gateway.adminURL)/api/v1/models/m/release", body: ByteBuffer(string: #"{"strategy": "shadow", "primary": "v1", "shadows": ["v2"], "sample": 50}"#)
            )
            #expect(put.status == 200)
            #expect(Self.counts(try await Self.shadowJSON(gateway), "v2")["pairs"] == 0)
        }
        try await primary.stop()
        try await shadow.stop()
    }

    @Test("turnout shadow prints the comparison and the verdict; turnout promote --to makes v2 the primary")
    func commandLine() async throws {
        let release = """
                  strategy: shadow
                  primary: v1
                  shadows: [v2]
                  compare: { min_pairs: 100 }
            """
        let rows = try BuiltinModelTests.dataSet().rows.prefix(50)
        try await GatewayHarness.run(try ABTestTests.config(release: release)) { gateway in
            for row in rows {
                _ = try await HTTPClient.shared.send(
                    .POST, "\(gateway.baseURL)/v2/models/breast-cancer/infer", body: ByteBuffer(string: LoadGenerator.inferenceBody(row: row))
                )
            }
            try await ReloadTests.eventually { Self.counts(try await Self.shadowJSON(gateway, model: "breast-cancer"), "v2")["pairs"] == 50 }
            let printed = try await CommandLineTests.runOffPool(["shadow", "breast-cancer", "--server", gateway.adminURL])
            #expect(printed.status == 0, "\(printed.errors)")
            #expect(printed.output.contains("breast-cancer: primary v1, 100% of requests mirrored"), "\(printed.output)")
            #expect(printed.output.contains("shadow v2: pairs 50, compared 50, skipped 0, dropped 0, timed out 0"), "\(printed.output)")
            #expect(printed.output.contains("top-1 agreement") && printed.output.contains("Cohen's kappa"))
            #expect(printed.output.contains("verdict: not ready\n  - 50 pairs, fewer than min_pairs 100"), "\(printed.output)")
            let refused = try await CommandLineTests.runOffPool(["promote", "breast-cancer", "--to", "v2", "--full", "--server", gateway.adminURL])
            #expect(refused.status != 0)
            #expect(refused.errors.contains("--to and --full cannot be used together"), "\(refused.errors)")
            let promoted = try await CommandLineTests.runOffPool(["promote", "breast-cancer", "--to", "v2", "--keep-shadow", "--server", gateway.adminURL])
            #expect(promoted.status == 0, "\(promoted.errors)")
            let answer = try await HTTPClient.shared.send(
                .POST, "\(gateway.baseURL)/v2/models/breast-cancer/infer", body: ByteBuffer(string: LoadGenerator.inferenceBody(row: rows.first!))
            )
            #expect(answer.version == "v2")
            let after = try await CommandLineTests.runOffPool(["shadow", "breast-cancer", "--server", gateway.adminURL])
            #expect(after.output.contains("primary v2") && after.output.contains("shadow v1:"), "\(after.output)")
        }
    }

    @Test("sampled raw pairs follow the model's log setting: the payload and each shadow's answer are stored, cut to max_bytes")
    func sampledPairsAreStored() async throws {
        let primary = try await ScriptedModelServer.start(Self.model(shadow: false))
        let shadow = try await ScriptedModelServer.start(Self.model(shadow: true))
        let yaml = Self.config(primary: primary.url, shadows: [("v2", shadow.url)], release: "{ strategy: shadow, primary: v1, shadows: [v2] }")
            .replacingOccurrences(of: "    protocol: v2\n", with: "    protocol: v2\n    log: { sample: 1, max_bytes: 40 }\n")
        try await GatewayHarness.run(yaml) { gateway in
            _ = try await HTTPClient.shared.send(.POST, "\(gateway.baseURL)/v2/models/m/infer", headers: [("x-request-id", "logged-1")], body: Self.request(0.8, 0))
            try await ReloadTests.eventually { Self.counts(try await Self.shadowJSON(gateway), "v2")["pairs"] == 1 }
            await FeedbackTests.flushDecisionLog(gateway)
            let store = try SQLiteStore(path: try #require(gateway.storePath))
            defer { try? store.close() }
            let samples = try await store.shadowSamples(requestID: "logged-1")
            #expect(samples.count == 1)
            let sample = try #require(samples.first)
            #expect(sample.version == "v2" && sample.model == "m" && sample.outcome == "answered" && sample.status == 200)
            #expect(sample.truncated && sample.response.count == 40)
            let full = Self.answer(probabilities: [0.9], labels: [1])
            #expect(String(decoding: sample.response, as: UTF8.self) == String(full.prefix(40)))
            let payload = try await store.payloadSample(requestID: "logged-1")
            #expect(payload != nil, "the request and the primary's answer are the request's payload sample")
        }
        try await primary.stop()
        try await shadow.stop()
    }

    @Test("a pooled connection the shadow closed as it was reused is replaced once, not counted as a shadow error")
    func staleConnectionIsReplaced() async throws {
        let primary = try await ScriptedModelServer.start(Self.model(shadow: false))
        let shadow = try await TestUpstream.start(name: "shadow")
        let yaml = Self.config(primary: primary.url, shadows: [("v2", shadow.url)], release: "{ strategy: shadow, primary: v1, shadows: [v2], concurrency: 1 }")
        try await GatewayHarness.run(yaml) { gateway in
            // The shadow answers the first mirror, then closes its connection on the next request.
            _ = try await HTTPClient.shared.send(.POST, "\(gateway.baseURL)/v2/models/m/infer", headers: [("x-test-drop-next", "1")], body: Self.request(0.8, 0))
            try await ReloadTests.eventually { Self.counts(try await Self.shadowJSON(gateway), "v2")["pairs"] == 1 }
            _ = try await HTTPClient.shared.send(.POST, "\(gateway.baseURL)/v2/models/m/infer", body: Self.request(0.8, 0))
            try await ReloadTests.eventually { Self.counts(try await Self.shadowJSON(gateway), "v2")["pairs"] == 2 }
            let counts = Self.counts(try await Self.shadowJSON(gateway), "v2")
            #expect(counts["failed"] == 0 && counts["shadow_errors"] == 0, "\(counts)")
            #expect(shadow.connections == 2, "the stale connection was replaced by a new one")
        }
        try await primary.stop()
        try await shadow.stop()
    }

    @Test("a shadow's idle_timeout applies to the mirror's pooled connections, as it does on the data plane")
    func shadowIdleTimeoutIsHonoured() async throws {
        let primary = try await ScriptedModelServer.start(Self.model(shadow: false))
        let shadow = try await TestUpstream.start(name: "shadow")
        // The mirror used to keep connections for a fixed 4 s whatever the shadow's setting; a
        // 200 ms idle_timeout must make the second mirrored call, 1 s later, open a new connection.
        let yaml = Self.config(primary: primary.url, shadows: [("v2", shadow.url)], release: "{ strategy: shadow, primary: v1, shadows: [v2], concurrency: 1 }")
            .replacingOccurrences(of: "v2: { upstream: [\"\(shadow.url)\"], probe: false }", with: "v2: { upstream: [\"\(shadow.url)\"], probe: false, idle_timeout: 200ms }")
        #expect(yaml.contains("idle_timeout: 200ms"))
        try await GatewayHarness.run(yaml) { gateway in
            _ = try await HTTPClient.shared.send(.POST, "\(gateway.baseURL)/v2/models/m/infer", body: Self.request(0.8, 0))
            try await ReloadTests.eventually { Self.counts(try await Self.shadowJSON(gateway), "v2")["pairs"] == 1 }
            #expect(shadow.connections == 1)
            try await Task.sleep(for: .seconds(1))
            _ = try await HTTPClient.shared.send(.POST, "\(gateway.baseURL)/v2/models/m/infer", body: Self.request(0.8, 0))
            try await ReloadTests.eventually { Self.counts(try await Self.shadowJSON(gateway), "v2")["pairs"] == 2 }
            let counts = Self.counts(try await Self.shadowJSON(gateway), "v2")
            #expect(counts["failed"] == 0 && counts["shadow_errors"] == 0, "\(counts)")
            #expect(shadow.connections == 2, "the connection idle past idle_timeout was not reused")
        }
        try await primary.stop()
        try await shadow.stop()
    }
}
