import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
import TurnoutCore
import TurnoutGateway
import TurnoutLoad

/// The quickstart served end to end: in-process XGBoost models behind the data plane.
@Suite("In-process models")
struct BuiltinModelTests {
    let client = HTTPClient.shared
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The quickstart with its model paths made absolute, on free ports, with a store of its own
    /// (the harness's temporary file rather than turnout.db in the working directory).
    static func quickstart() throws -> String {
        let text = try String(contentsOf: root.appending(path: "examples/quickstart.yaml"), encoding: .utf8)
        return text
            .replacingOccurrences(of: "store: sqlite:turnout.db\n", with: "")
            .replacingOccurrences(of: "listen: 127.0.0.1:8080\n", with: "")
            .replacingOccurrences(of: "admin:\n  listen: 127.0.0.1:8081\n", with: "")
            .replacingOccurrences(of: "builtin: models/", with: "builtin: \(root.path)/examples/models/")
    }

    static func dataSet() throws -> LoadDataSet {
        try LoadDataSet(csv: String(contentsOf: root.appending(path: "examples/data/breast_cancer.csv"), encoding: .utf8), labelColumn: "label")
    }

    /// XGBoost's own predictions for every row, written by scripts/train_examples.py.
    static func goldens() throws -> [String: [Double]] {
        let data = try Data(contentsOf: root.appending(path: "Tests/TurnoutModelsTests/Fixtures/breast_cancer.golden.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return ["v1": try #require(object["v1"] as? [Double]), "v2": try #require(object["v2"] as? [Double])]
    }

    @Test("the quickstart configuration validates")
    func quickstartValidates() throws {
        let config = try TurnoutConfig.parse(yaml: String(contentsOf: Self.root.appending(path: "examples/quickstart.yaml"), encoding: .utf8))
        #expect(config.model(named: "breast-cancer")?.versions.count == 2)
    }

    @Test("both versions answer through the gateway with XGBoost's own predictions")
    func predictionsMatchXGBoost() async throws {
        let data = try Self.dataSet()
        let goldens = try Self.goldens()
        try await GatewayHarness.run(try Self.quickstart()) { gateway in
            for version in ["v1", "v2"] {
                for row in stride(from: 0, to: data.rows.count, by: 37) {
                    let body = ByteBuffer(string: LoadGenerator.inferenceBody(row: data.rows[row]))
                    let answer = try await client.send(.POST, "\(gateway.baseURL)/v2/models/breast-cancer/versions/\(version)/infer", body: body)
                    #expect(answer.status == 200)
                    #expect(answer.version == version)
                    let outputs = try #require(answer.json["outputs"] as? [[String: Any]])
                    let probability = try #require((outputs.first { $0["name"] as? String == "probabilities" }?["data"] as? [Double])?.first)
                    #expect(abs(probability - goldens[version]![row]) <= 1e-6, "row \(row) of \(version)")
                }
            }
        }
    }

    @Test("bad tensors get 400 naming the problem; V1 and metadata routes answer")
    func badInputAndOtherRoutes() async throws {
        try await GatewayHarness.run(try Self.quickstart()) { gateway in
            let infer = "\(gateway.baseURL)/v2/models/breast-cancer/infer"
            let cases: [(String, String)] = [
                ("{not json", "JSON"),
                (#"{"inputs":[{"name":"x","shape":[1,3],"datatype":"FP32","data":[1,2,3]}]}"#, "input 'x'"),
                (#"{"inputs":[{"name":"x","shape":[1,30],"datatype":"BYTES","data":["a"]}]}"#, "BYTES"),
                (#"{"inputs":[]}"#, "input"),
            ]
            for (body, fragment) in cases {
                let answer = try await client.send(.POST, infer, headers: [("x-user-id", "u1")], body: ByteBuffer(string: body))
                #expect(answer.status == 400, "\(body)")
                #expect((answer.json["error"] as? String)?.contains(fragment) == true, "\(body): \(answer.text)")
            }
            let row = try Self.dataSet().rows[0]
            let v1 = try await client.send(.POST, "\(gateway.baseURL)/v1/models/breast-cancer:predict",
                                           body: ByteBuffer(string: #"{"instances":[[\#(row.map { "\($0)" }.joined(separator: ","))]]}"#))
            #expect(v1.status == 200)
            #expect((v1.json["predictions"] as? [Any])?.count == 1)
            let metadata = try await client.send(.GET, "\(gateway.baseURL)/v2/models/breast-cancer/versions/v2")
            #expect(metadata.json["name"] as? String == "breast-cancer")
            #expect(((metadata.json["inputs"] as? [[String: Any]])?.first?["shape"] as? [Int]) == [-1, 30])
            let ready = try await client.send(.GET, "\(gateway.baseURL)/v2/health/ready")
            #expect(ready.status == 200)
        }
    }

    @Test("a missing or broken model file stops the gateway from starting, with the reason")
    func brokenModelFile() async throws {
        let broken = FileManager.default.temporaryDirectory.appending(path: "turnout-broken-\(UInt32.random(in: 0...UInt32.max)).json")
        try Data(#"{"learner": {}}"#.utf8).write(to: broken)
        defer { try? FileManager.default.removeItem(at: broken) }
        for path in [broken.path, "/nonexistent/model.json"] {
            let config = try TurnoutConfig.parse(yaml: "models:\n  m: { versions: { v1: { builtin: \(path) } } }\n")
            do {
                _ = try await Gateway(config: config, logger: .init(label: "test"))
                Issue.record("the gateway started")
            } catch {
                #expect("\(error)".contains("models.m.versions.v1.builtin: cannot load \(path)"))
            }
        }
    }

    @Test("turnout load reports the requests it made, the split and each version's accuracy")
    func loadGenerator() async throws {
        let data = try Self.dataSet()
        let report = try await GatewayHarness.run(try Self.quickstart()) { gateway in
            await LoadGenerator(
                options: LoadOptions(url: gateway.baseURL, model: "breast-cancer", requests: 400, users: 200, concurrency: 8),
                data: data
            ).run()
        }
        #expect(report.requests == 400)
        #expect(report.succeeded == 400)
        #expect(report.errors.isEmpty)
        let v1 = try #require(report.versions["v1"])
        let v2 = try #require(report.versions["v2"])
        #expect(v1.answers + v2.answers == 400)
        #expect(v1.share > 0.3 && v2.share > 0.3)
        #expect(try #require(v2.accuracy) > 0.95)
        #expect(try #require(v1.accuracy) < 0.85)
        #expect(report.latency.p50 > 0 && report.latency.p50 <= report.latency.p99)
    }
}
