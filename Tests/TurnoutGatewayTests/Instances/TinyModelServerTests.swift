import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
import TurnoutGateway

/// `examples/instances/tiny_model_server.py`, which the instance tests and examples run.
@Suite("Tiny model server", .serialized)
struct TinyModelServerTests {
    typealias Support = InstanceTestSupport
    let name = InstanceName(key: InstanceKey(model: "breast-cancer", version: "v2"), number: 1)

    static var request: ByteBuffer {
        get throws {
            ByteBuffer(data: try Data(contentsOf: CommandLineTests.root.appending(path: "examples/smoke/request.json")))
        }
    }

    @Test("answers the quickstart's request in the Open Inference Protocol, with its version label and the asked error rate")
    func inferenceAndErrors() async throws {
        let driver = ProcessInstanceDriver(logger: CapturedLog().logger)
        let instance = try await driver.startProcess(Support.tinyServer(["--version-label", "v2", "--error-rate", "0.2"]), name: name)
        let base = instance.address.url
        try await Support.eventually("ready") { await Support.status(of: base + "/v2/health/ready") == 200 }
        #expect(await Support.status(of: base + "/v2/health/live") == 200)
        let metadata = try await HTTPClient.shared.send(.GET, base + "/v2/models/breast-cancer")
        #expect(metadata.json["name"] as? String == "breast-cancer")

        var statuses: [Int] = []
        var predictions: Set<Double> = []
        for _ in 0..<10 {
            let answer = try await HTTPClient.shared.send(.POST, base + "/v2/models/breast-cancer/infer", body: try Self.request)
            statuses.append(answer.status)
            guard answer.status == 200 else { continue }
            #expect(answer.json["model_version"] as? String == "v2")
            let output = try #require((answer.json["outputs"] as? [[String: Any]])?.first)
            #expect(output["name"] as? String == "predict")
            #expect(output["datatype"] as? String == "FP32")
            #expect(output["shape"] as? [Int] == [1])
            predictions.formUnion((output["data"] as? [Double]) ?? [])
        }
        #expect(statuses.filter { $0 == 500 }.count == 2)
        #expect(statuses.filter { $0 == 200 }.count == 8)
        #expect(predictions.count == 1)
        let exit = await instance.stop(grace: .seconds(10))
        #expect(exit.status == .exited(0))
    }

    @Test("is not ready during its start-up delay, and ready after it")
    func startupDelay() async throws {
        // Two servers rather than one watched through its delay: a test starved by the full suite
        // could miss a short not-ready phase.
        let driver = ProcessInstanceDriver(logger: CapturedLog().logger)
        let slow = try await driver.startProcess(Support.tinyServer(["--startup-delay", "3600"]), name: name)
        let quick = try await driver.startProcess(Support.tinyServer(["--startup-delay", "0.5"]), name: name)
        try await Support.eventually("the slow one answers its liveness") { await Support.status(of: slow.address.url + "/v2/health/live") == 200 }
        #expect(await Support.status(of: slow.address.url + "/v2/health/ready") == 503)
        let refused = try await HTTPClient.shared.send(.POST, slow.address.url + "/v2/models/breast-cancer/infer", body: try Self.request)
        #expect(refused.status == 503)
        try await Support.eventually("the quick one is ready after its delay") { await Support.status(of: quick.address.url + "/v2/health/ready") == 200 }
        await slow.stop(grace: .seconds(10))
        await quick.stop(grace: .seconds(10))
    }
}
