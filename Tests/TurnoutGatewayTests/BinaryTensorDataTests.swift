import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
import TurnoutCore
import TurnoutGateway

/// Triton's binary tensor data extension through a real gateway: hand-built binary requests
/// against the quickstart's in-process models, routing on the JSON header of a binary body,
/// shadows that compare binary answers, and binary bodies passed to an upstream untouched.
@Suite("Binary tensor data on the data plane")
struct BinaryTensorDataTests {
    let client = HTTPClient.shared

    /// The little-endian bytes of float32 values.
    static func fp32(_ values: [Float]) -> [UInt8] {
        values.flatMap { value in withUnsafeBytes(of: value.bitPattern.littleEndian) { Array($0) } }
    }

    /// A request with the rows as one binary FP32 input; `extra` adds top-level members.
    static func binaryRequest(rows: [[Float]], extra: String = "") -> (body: ByteBuffer, headers: [(String, String)]) {
        let data = fp32(rows.flatMap { $0 })
        let header = #"{"id":"r1","inputs":[{"name":"input-0","shape":[\#(rows.count),30],"datatype":"FP32","parameters":{"binary_data_size":\#(data.count)}}]\#(extra)}"#
        var body = ByteBuffer(string: header)
        body.writeBytes(data)
        return (body, [("inference-header-content-length", String(header.utf8.count)), ("content-type", "application/octet-stream")])
    }

    static func jsonRequest(rows: [[Float]]) -> ByteBuffer {
        let values = rows.flatMap { $0 }.map { "\($0)" }.joined(separator: ",")
        return ByteBuffer(string: #"{"id":"r1","inputs":[{"name":"input-0","shape":[\#(rows.count),30],"datatype":"FP32","data":[\#(values)]}]}"#)
    }

    /// The JSON header and binary part of an answer, split by its Inference-Header-Content-Length.
    static func split(_ answer: Answer) throws -> (header: [String: Any], binary: [UInt8]) {
        let length = try #require(answer.headers.first(name: "inference-header-content-length").flatMap(Int.init))
        let bytes = Array(answer.body.readableBytesView)
        let header = try #require(try JSONSerialization.jsonObject(with: Data(bytes[..<length])) as? [String: Any])
        return (header, Array(bytes[length...]))
    }

    static func floats(_ bytes: ArraySlice<UInt8>) -> [Float] {
        stride(from: bytes.startIndex, to: bytes.endIndex, by: 4).map { offset in
            Float(bitPattern: bytes[offset..<offset + 4].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
        }
    }

    @Test("an in-process model answers a binary request as it answers the JSON form, outputs binary when asked")
    func builtinAnswersBinary() async throws {
        let data = try BuiltinModelTests.dataSet()
        let rows = Array(data.rows.prefix(64))
        try await GatewayHarness.run(try BuiltinModelTests.quickstart()) { gateway in
            let url = "\(gateway.baseURL)/v2/models/breast-cancer/versions/v2/infer"
            let json = try await client.send(.POST, url, body: Self.jsonRequest(rows: rows))
            #expect(json.status == 200, "\(json.text)")
            let jsonOutputs = try #require(json.json["outputs"] as? [[String: Any]])
            let probabilities = try #require(jsonOutputs.first { $0["name"] as? String == "probabilities" }?["data"] as? [Double]).map(Float.init)
            let labels = try #require(jsonOutputs.first { $0["name"] as? String == "label" }?["data"] as? [Int])

            // Binary in, JSON out: the same bytes as the JSON request's answer.
            let plain = Self.binaryRequest(rows: rows)
            let jsonAnswer = try await client.send(.POST, url, headers: plain.headers, body: plain.body)
            #expect(jsonAnswer.status == 200, "\(jsonAnswer.text)")
            #expect(jsonAnswer.headers.first(name: "inference-header-content-length") == nil)
            #expect(jsonAnswer.body == json.body)

            // Binary in, binary out: FP32 probabilities and INT64 labels after the JSON header.
            let binary = Self.binaryRequest(rows: rows, extra: #","parameters":{"binary_data_output":true}"#)
            let answer = try await client.send(.POST, url, headers: binary.headers, body: binary.body)
            #expect(answer.status == 200, "\(answer.text)")
            #expect(answer.headers.first(name: "content-type") == "application/octet-stream")
            let (header, bytes) = try Self.split(answer)
            #expect(header["id"] as? String == "r1")
            let outputs = try #require(header["outputs"] as? [[String: Any]])
            #expect(outputs.map { ($0["parameters"] as? [String: Any])?["binary_data_size"] as? Int } == [64 * 4, 64 * 8])
            #expect(Self.floats(bytes[..<(64 * 4)]) == probabilities)
            let binaryLabels = stride(from: 64 * 4, to: bytes.count, by: 8).map { Int(bytes[$0]) }
            #expect(binaryLabels == labels)

            // One output asked for as binary, the other left JSON.
            let mixed = Self.binaryRequest(rows: rows, extra: #","outputs":[{"name":"probabilities","parameters":{"binary_data":true}}]"#)
            let mixedAnswer = try await client.send(.POST, url, headers: mixed.headers, body: mixed.body)
            let (mixedHeader, mixedBytes) = try Self.split(mixedAnswer)
            #expect(Self.floats(mixedBytes[...]) == probabilities)
            let mixedOutputs = try #require(mixedHeader["outputs"] as? [[String: Any]])
            #expect(mixedOutputs.last?["data"] as? [Int] == labels)
        }
    }

    @Test("inconsistent binary sizes are 400 naming the input", arguments: [
        ("short", "input 'input-0': binary_data_size is 120 bytes but only 116 bytes"),
        ("long", "input 'input-0': the body has 8 bytes after the JSON header"),
        ("header", "Inference-Header-Content-Length is 100000 but the body has only"),
        ("missing", "input 'input-0': parameters.binary_data_size needs the Inference-Header-Content-Length header"),
    ])
    func sizeErrors(kind: String, message: String) async throws {
        let data = try BuiltinModelTests.dataSet()
        var request = Self.binaryRequest(rows: [data.rows[0]])
        switch kind {
        case "short": request.body.moveWriterIndex(to: request.body.writerIndex - 4)
        case "long": request.body.writeBytes([UInt8](repeating: 0, count: 8))
        case "header": request.headers[0].1 = "100000"
        default: request.headers.removeFirst()
        }
        try await GatewayHarness.run(try BuiltinModelTests.quickstart()) { gateway in
            let answer = try await client.send(.POST, "\(gateway.baseURL)/v2/models/breast-cancer/versions/v1/infer",
                                               headers: request.headers, body: request.body)
            #expect(answer.status == 400)
            #expect((answer.json["error"] as? String)?.contains(message) == true, "\(answer.text)")
        }
    }

    @Test("routing on an OIP parameter reads the JSON header of a binary body")
    func routingReadsTheHeader() async throws {
        let config = try BuiltinModelTests.quickstart().replacingOccurrences(of: "unit: { header: x-user-id }", with: "unit: { parameter: user }")
        let data = try BuiltinModelTests.dataSet()
        try await GatewayHarness.run(config) { gateway in
            let url = "\(gateway.baseURL)/v2/models/breast-cancer/infer"
            for user in 0..<12 {
                let binary = Self.binaryRequest(rows: [data.rows[user]], extra: #","parameters":{"user":"u\#(user)"}"#)
                let answer = try await client.send(.POST, url, headers: binary.headers, body: binary.body)
                #expect(answer.status == 200, "\(answer.text)")
                // The JSON form of the same user lands on the same version: the key was read.
                let json = ByteBuffer(string: #"{"parameters":{"user":"u\#(user)"},"inputs":[{"name":"input-0","shape":[1,30],"datatype":"FP32","data":[\#(data.rows[user].map { "\($0)" }.joined(separator: ","))]}]}"#)
                #expect(try await client.send(.POST, url, body: json).version == answer.version)
            }
        }
    }

    @Test("a shadow compares binary answers: the agreement is what the two models really do on the rows sent")
    func shadowReadsBinaryAnswers() async throws {
        let release = """
                  strategy: shadow
                  primary: v1
                  shadows: [v2]
                  compare: { min_pairs: 10 }
            """
        let data = try BuiltinModelTests.dataSet()
        let goldens = try BuiltinModelTests.goldens()
        let sent = Array(stride(from: 0, to: data.rows.count, by: 5))
        let v1 = sent.map { goldens["v1", default: []][$0] > 0.5 }
        let v2 = sent.map { goldens["v2", default: []][$0] > 0.5 }
        let expected = Double(zip(v1, v2).filter { $0 == $1 }.count) / Double(sent.count)
        try await GatewayHarness.run(try ABTestTests.config(release: release)) { gateway in
            for row in sent {
                let binary = Self.binaryRequest(rows: [data.rows[row]], extra: #","parameters":{"binary_data_output":true}"#)
                let answer = try await client.send(.POST, "\(gateway.baseURL)/v2/models/breast-cancer/infer", headers: binary.headers, body: binary.body)
                #expect(answer.status == 200)
                #expect(answer.headers.first(name: "inference-header-content-length") != nil)
            }
            try await ReloadTests.eventually(timeout: .seconds(30)) {
                ShadowTests.counts(try await ShadowTests.shadowJSON(gateway, model: "breast-cancer"), "v2")["pairs"] == sent.count
            }
            let object = ShadowTests.shadow(try await ShadowTests.shadowJSON(gateway, model: "breast-cancer"), "v2")
            #expect((object["counts"] as? [String: Int])?["compared"] == sent.count, "\(object)")
            let labels = try #require(object["classification"] as? [String: Double])
            #expect(abs((labels["agreement"] ?? 0) - expected) < 1e-12, "expected \(expected)")
            #expect(expected < 1, "the two models disagree on some rows, so the test can tell")
        }
    }

    @Test("a binary request to an upstream arrives byte for byte, with its Inference-Header-Content-Length")
    func passthroughToUpstream() async throws {
        let upstream = try await ScriptedModelServer.start { _, _ in (200, #"{"outputs":[]}"#) }
        let yaml = """
            models:
              m:
                protocol: v2
                versions:
                  v1: { upstream: ["\(upstream.url)"], probe: false }
                release: { strategy: single, version: v1 }
            """
        let request = Self.binaryRequest(rows: [[Float](repeating: 0.25, count: 30)])
        try await GatewayHarness.run(yaml) { gateway in
            let answer = try await client.send(.POST, "\(gateway.baseURL)/v2/models/m/infer", headers: request.headers, body: request.body)
            #expect(answer.status == 200)
        }
        let received = try #require(upstream.requests.first)
        #expect(received.body == request.body)
        #expect(received.head.headers.first(name: "inference-header-content-length") == request.headers[0].1)
        try await upstream.stop()
    }
}
