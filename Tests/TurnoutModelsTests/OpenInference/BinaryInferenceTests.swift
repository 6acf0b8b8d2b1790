import Foundation
import Testing
@testable import TurnoutModels

/// Requests and responses in Triton's binary tensor data extension: a JSON header, then raw
/// tensor data. The binary form must give the same batch and the same answers as the JSON form.
@Suite("Binary tensor data: requests, responses and shadow reading")
struct BinaryInferenceTests {
    /// A request whose single input is sent as binary data; returns the body and the header length.
    static func binaryRequest(
        datatype: String, shape: [Int], data: [UInt8], binaryDataSize: Int? = nil, extra: String = ""
    ) -> (body: [UInt8], header: String) {
        let shapeText = shape.map(String.init).joined(separator: ",")
        let header = Array(#"{"id":"b1","inputs":[{"name":"features","shape":[\#(shapeText)],"datatype":"\#(datatype)","parameters":{"binary_data_size":\#(binaryDataSize ?? data.count)}}]\#(extra)}"#.utf8)
        return (header + data, String(header.count))
    }

    static func fp32Bytes(_ values: [Float]) -> [UInt8] { BinaryTensorDataTests.le(values.map(\.bitPattern)) }

    static func decode(_ body: [UInt8], header: String?, featureCount: Int = 30) throws(InferenceRequestError) -> InferenceBatch {
        let outcome = body.withUnsafeBytes { raw in
            Result { () throws(InferenceRequestError) in
                try OpenInferenceCodec.decodeV2Request(raw, featureCount: featureCount, inferenceHeaderLength: header)
            }
        }
        return try outcome.get()
    }

    @Test("FP32 rows sent as binary decode to the same batch as the JSON form, and give the same answer")
    func fp32MatchesJSON() throws {
        let data = try BreastCancerData()
        let rows = Array(data.rows.prefix(40))
        let request = Self.binaryRequest(datatype: "FP32", shape: [40, 30], data: Self.fp32Bytes(rows.flatMap { $0 }))
        let binary = try Self.decode(request.body, header: request.header)
        let json = try OpenInferenceCodec.decodeV2Request(ResponseEncodingTests.v2Body(rows: rows, id: "b1"), featureCount: 30)
        #expect(binary.features == json.features)
        #expect(binary.rowCount == 40)
        #expect(binary.id == "b1")
        #expect(binary.requestedOutputs == RequestedOutputs())
        let model = try XGBoostModel(contentsOf: Fixture.exampleURL("examples/models/breast-cancer-v2.json"))
        #expect(model.infer(binary) == model.infer(json))
    }

    @Test("integer and FP64 inputs decode like their JSON form", arguments: ["INT64", "INT32", "FP64"])
    func otherDatatypes(datatype: String) throws {
        let values: [Int] = (0..<60).map { ($0 * 37) % 101 - 50 }
        let bytes: [UInt8] = switch datatype {
        case "INT64": BinaryTensorDataTests.le(values.map(Int64.init))
        case "INT32": BinaryTensorDataTests.le(values.map(Int32.init))
        default: BinaryTensorDataTests.le(values.map { Double($0).bitPattern })
        }
        let request = Self.binaryRequest(datatype: datatype, shape: [2, 30], data: bytes)
        let binary = try Self.decode(request.body, header: request.header)
        let jsonText = #"{"inputs":[{"name":"features","shape":[2,30],"datatype":"\#(datatype)","data":[\#(values.map(String.init).joined(separator: ","))]}]}"#
        let json = try OpenInferenceCodec.decodeV2Request(Array(jsonText.utf8), featureCount: 30)
        #expect(binary.features == json.features)
    }

    @Test("binary_data_output and per-output binary_data are read from the request")
    func requestedOutputs() throws {
        let request = Self.binaryRequest(
            datatype: "FP32", shape: [30], data: Self.fp32Bytes(Array(repeating: 1, count: 30)),
            extra: #","parameters":{"binary_data_output":true},"outputs":[{"name":"label","parameters":{"binary_data":false}},{"name":"probabilities"}]"#)
        let batch = try Self.decode(request.body, header: request.header)
        #expect(batch.requestedOutputs == RequestedOutputs(binaryByDefault: true, binaryByName: ["label": false]))
        #expect(batch.requestedOutputs.isBinary("probabilities"))
        #expect(!batch.requestedOutputs.isBinary("label"))
    }

    @Test("a JSON-only body with the header is accepted")
    func headerWithoutBinary() throws {
        let body = ResponseEncodingTests.v2Body(rows: [Array(repeating: 0.5, count: 30)])
        #expect(try Self.decode(body, header: String(body.count)).rowCount == 1)
    }

    @Test("inconsistent sizes and missing pieces are errors that name the input", arguments: [
        ("size", "binary_data_size is 100 bytes but 30 FP32 elements take 120"),
        ("short", "binary_data_size is 120 bytes but only 100 bytes of binary data remain"),
        ("leftover", "the body has 4 bytes after the JSON header that no tensor's binary_data_size accounts for"),
        ("no header", "parameters.binary_data_size needs the Inference-Header-Content-Length header"),
        ("both", "has both 'data' and parameters.binary_data_size"),
        ("bytes", "datatype 'BYTES' holds strings; the model takes numeric features"),
        ("unknown", "datatype 'FP8' is not a tensor datatype"),
        ("negative", "parameters.binary_data_size must be a non-negative integer"),
    ])
    func inputErrors(kind: String, fragment: String) {
        let values = Self.fp32Bytes(Array(repeating: 1, count: 30))
        let request: (body: [UInt8], header: String?) = switch kind {
        case "size": Self.binaryRequest(datatype: "FP32", shape: [1, 30], data: Array(values.prefix(100)))
        case "short": { let r = Self.binaryRequest(datatype: "FP32", shape: [1, 30], data: values); return (Array(r.body.dropLast(20)), r.header) }()
        case "leftover": { let r = Self.binaryRequest(datatype: "FP32", shape: [1, 30], data: values); return (r.body + [0, 0, 0, 0], r.header) }()
        case "no header": (Self.binaryRequest(datatype: "FP32", shape: [1, 30], data: values).body, nil)
        case "both": { let header = Array(#"{"inputs":[{"name":"features","shape":[1,30],"datatype":"FP32","data":[\#(Array(repeating: "1", count: 30).joined(separator: ","))],"parameters":{"binary_data_size":120}}]}"#.utf8); return (header + values, String(header.count)) }()
        case "bytes": Self.binaryRequest(datatype: "BYTES", shape: [1, 30], data: values)
        case "unknown": Self.binaryRequest(datatype: "FP8", shape: [1, 30], data: values)
        default: Self.binaryRequest(datatype: "FP32", shape: [1, 30], data: values, binaryDataSize: -1)
        }
        do {
            _ = try Self.decode(request.body, header: request.header)
            Issue.record("accepted \(kind)")
        } catch {
            #expect(error.input == "features", "\(error.message)")
            #expect(error.message.contains(fragment), "\(error.message)")
        }
    }

    @Test("a bad Inference-Header-Content-Length is an error", arguments: [
        ("abc", "Inference-Header-Content-Length 'abc' is not a non-negative integer"),
        ("-1", "is not a non-negative integer"),
        ("99999", "Inference-Header-Content-Length is 99999 but the body has only"),
        ("0", "is not supported; send the JSON header"),
    ])
    func headerErrors(header: String, fragment: String) {
        let request = Self.binaryRequest(datatype: "FP32", shape: [30], data: Self.fp32Bytes(Array(repeating: 1, count: 30)))
        #expect {
            _ = try Self.decode(request.body, header: header)
        } throws: { error in
            (error as? InferenceRequestError)?.message.contains(fragment) == true
        }
    }

    @Test("binary outputs: a JSON header with binary_data_size, then FP32 and INT64 data equal to the JSON answer")
    func binaryResponse() throws {
        let golden = try GoldenCase(name: "multi_softprob")
        let model = try XGBoostModel(contentsOf: golden.modelURL)
        let outputs = model.infer(InferenceBatch(inputName: "x", rowCount: golden.rows.count, featureCount: 4, features: golden.flatRows))
        let encoded = OpenInferenceCodec.encodeV2Response(outputs, modelName: "iris", modelVersion: "1", id: "r",
                                                          requestedOutputs: RequestedOutputs(binaryByDefault: true))
        let headerLength = try #require(encoded.headerLength)
        let header = try ResponseEncodingTests.object(Array(encoded.bytes[..<headerLength]))
        let probabilities = try ResponseEncodingTests.output(header, "probabilities")
        let rows = golden.rows.count
        #expect(probabilities["data"] == nil)
        #expect((probabilities["parameters"] as? [String: Any])?["binary_data_size"] as? Int == rows * 3 * 4)
        let label = try ResponseEncodingTests.output(header, "label")
        #expect((label["parameters"] as? [String: Any])?["binary_data_size"] as? Int == rows * 8)
        #expect(encoded.bytes.count == headerLength + rows * 3 * 4 + rows * 8)
        let scores = try encoded.bytes.withUnsafeBytes { raw in
            try BinaryTensorReader(bytes: UnsafeRawBufferPointer(rebasing: raw[headerLength..<headerLength + rows * 12]), datatype: .fp32, count: rows * 3)
                .numbers(as: Float.self)
        }
        #expect(scores == outputs.scores)
        let labels = try encoded.bytes.withUnsafeBytes { raw in
            try BinaryTensorReader(bytes: UnsafeRawBufferPointer(rebasing: raw[(headerLength + rows * 12)...]), datatype: .int64, count: rows).labelTexts()
        }
        #expect(labels == outputs.labels.map(String.init))
    }

    @Test("binary_data on one output overrides the default; all JSON gives no header length")
    func mixedResponse() throws {
        let outputs = InferenceOutputs(task: .binaryClassification, rowCount: 2, scores: [0.25, 0.75], labels: [0, 1])
        let mixed = OpenInferenceCodec.encodeV2Response(outputs, modelName: "m", modelVersion: nil, id: nil,
                                                        requestedOutputs: RequestedOutputs(binaryByName: ["label": true]))
        let headerLength = try #require(mixed.headerLength)
        let header = try ResponseEncodingTests.object(Array(mixed.bytes[..<headerLength]))
        #expect(try ResponseEncodingTests.output(header, "probabilities")["data"] as? [Double] == [0.25, 0.75])
        #expect(Array(mixed.bytes[headerLength...]) == BinaryTensorDataTests.le([Int64(0), 1]))
        let json = OpenInferenceCodec.encodeV2Response(outputs, modelName: "m", modelVersion: nil, id: nil, requestedOutputs: RequestedOutputs())
        #expect(json.headerLength == nil)
        #expect(json.bytes == OpenInferenceCodec.encodeV2Response(outputs, modelName: "m", modelVersion: nil, id: nil))
    }

    @Test("a binary answer reads as the same model output as its JSON form, with or without the header length")
    func outputReaderBinary() throws {
        let golden = try GoldenCase(name: "multi_softprob")
        let model = try XGBoostModel(contentsOf: golden.modelURL)
        let outputs = model.infer(InferenceBatch(inputName: "x", rowCount: golden.rows.count, featureCount: 4, features: golden.flatRows))
        let json = try ModelOutputReader.read(OpenInferenceCodec.encodeV2Response(outputs, modelName: "iris", modelVersion: nil, id: nil), format: .v2)
        for requested in [RequestedOutputs(binaryByDefault: true), RequestedOutputs(binaryByName: ["probabilities": true])] {
            let binary = OpenInferenceCodec.encodeV2Response(outputs, modelName: "iris", modelVersion: nil, id: nil, requestedOutputs: requested)
            // JSON carries each float32 as its shortest decimal, binary as the float32 itself:
            // equal once both are rounded to float32.
            for read in [try ModelOutputReader.read(binary.bytes, format: .v2),
                         try ModelOutputReader.read(binary.bytes, format: .v2, headerLength: binary.headerLength)] {
                #expect(read.labels == json.labels)
                #expect(read.predictions.map(Float.init) == json.predictions.map(Float.init))
                #expect(read.numbers.map(Float.init) == json.numbers.map(Float.init))
                #expect(read.numbers.count == golden.rows.count * 3)
            }
            #expect(try ModelOutputReader.read(binary.bytes, format: .v2, outputName: "label").labels == json.labels)
        }
    }

    @Test("binary BYTES and BOOL outputs read as labels")
    func outputReaderLabels() throws {
        var data = BinaryTensorWriter()
        data.append(byteElements: [Array("cat".utf8), Array("dog".utf8)])
        let header = Array(#"{"outputs":[{"name":"animal","datatype":"BYTES","shape":[2],"parameters":{"binary_data_size":\#(data.bytes.count)}},{"name":"ok","datatype":"BOOL","shape":[2],"parameters":{"binary_data_size":2}}]}"#.utf8)
        let output = try ModelOutputReader.read(header + data.bytes + [1, 0], format: .v2)
        #expect(output.labels == ["cat", "dog"])
        #expect(try ModelOutputReader.read(header + data.bytes + [1, 0], format: .v2, outputName: "ok").labels == ["true", "false"])
    }

    @Test("a binary answer whose sizes disagree is an error", arguments: [
        ([UInt8](repeating: 0, count: 4), "declare 8 bytes of binary data but 4 bytes follow"),
        ([UInt8](repeating: 0, count: 12), "the body has 4 bytes after the JSON header"),
    ])
    func outputReaderErrors(tail: [UInt8], fragment: String) {
        let header = Array(#"{"outputs":[{"name":"p","datatype":"FP32","shape":[2],"parameters":{"binary_data_size":8}}]}"#.utf8)
        let headerLength = tail.count == 12 ? header.count : nil
        #expect {
            _ = try ModelOutputReader.read(header + tail, format: .v2, headerLength: headerLength)
        } throws: { error in
            (error as? ModelOutputError)?.message.contains(fragment) == true
        }
    }
}
