import Foundation
import Testing
import TurnoutModels

/// Whole request → model → response paths, checked against XGBoost's goldens after parsing the
/// response with Foundation's JSON reader.
@Suite("Open Inference Protocol responses, V1 and metadata")
struct ResponseEncodingTests {
    static func object(_ bytes: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    static func output(_ response: [String: Any], _ name: String) throws -> [String: Any] {
        let outputs = try #require(response["outputs"] as? [[String: Any]])
        return try #require(outputs.first { $0["name"] as? String == name })
    }

    static func v2Body(rows: [[Float]], name: String = "features", id: String? = "abc") -> [UInt8] {
        let data = rows.map { "[" + $0.map { $0.isNaN ? "null" : "\($0)" }.joined(separator: ",") + "]" }.joined(separator: ",")
        let idMember = id.map { #""id": "\#($0)", "# } ?? ""
        return Array(#"{\#(idMember)"inputs": [{"name": "\#(name)", "shape": [\#(rows.count), \#(rows[0].count)], "datatype": "FP32", "data": [\#(data)]}]}"#.utf8)
    }

    @Test("binary classifier: probabilities [N] and labels [N] equal XGBoost's, id echoed")
    func binaryV2() throws {
        let data = try BreastCancerData()
        let model = try XGBoostModel(contentsOf: Fixture.exampleURL("examples/models/breast-cancer-v2.json"))
        let golden = try #require(try Fixture.json(Fixture.url("breast_cancer.golden.json"))["v2"] as? [Double]).map(Float.init)
        let rows = Array(data.rows.prefix(50))
        let bytes = try Self.v2Body(rows: rows).withUnsafeBytes { body throws(InferenceRequestError) in
            try OpenInferenceCodec.inferV2(body: body, model: model, modelName: "breast-cancer", modelVersion: "v2")
        }
        let response = try Self.object(bytes)
        #expect(response["model_name"] as? String == "breast-cancer")
        #expect(response["model_version"] as? String == "v2")
        #expect(response["id"] as? String == "abc")
        let probabilities = try Self.output(response, "probabilities")
        #expect(probabilities["datatype"] as? String == "FP32")
        #expect(probabilities["shape"] as? [Int] == [50])
        let values = try #require(probabilities["data"] as? [Double]).map(Float.init)
        for index in 0..<50 {
            #expect(abs(values[index] - golden[index]) <= 1e-6, "row \(index)")
        }
        let labels = try Self.output(response, "label")
        #expect(labels["datatype"] as? String == "INT64")
        #expect(labels["shape"] as? [Int] == [50])
        #expect(labels["data"] as? [Int] == golden.prefix(50).map { $0 > 0.5 ? 1 : 0 })
    }

    @Test("multi-class: probabilities [N, C] and the label of the largest", arguments: ["multi_softprob", "multi_softmax"])
    func multiClassV2(name: String) throws {
        let golden = try GoldenCase(name: name)
        let model = try XGBoostModel(contentsOf: golden.modelURL)
        let batch = InferenceBatch(inputName: "x", rowCount: golden.rows.count, featureCount: 4, features: golden.flatRows)
        let response = try Self.object(OpenInferenceCodec.encodeV2Response(model.infer(batch), modelName: "iris", modelVersion: nil, id: nil))
        #expect(response["model_version"] == nil)
        #expect(response["id"] == nil)
        let probabilities = try Self.output(response, "probabilities")
        #expect(probabilities["shape"] as? [Int] == [golden.rows.count, 3])
        let values = try #require(probabilities["data"] as? [Double])
        let labels = try #require(try Self.output(response, "label")["data"] as? [Int])
        for row in 0..<golden.rows.count {
            let slice = values[row * 3..<row * 3 + 3]
            if name == "multi_softprob" {
                for (value, reference) in zip(slice, golden.predictions[row]) { #expect(abs(Float(value) - reference) <= 1e-6) }
                #expect(labels[row] == slice.firstIndex(of: slice.max()!)! - row * 3)
            } else {
                #expect(Float(labels[row]) == golden.predictions[row][0], "softmax label row \(row)")
            }
        }
    }

    @Test("regression: a `predict` output and no label")
    func regressionV2() throws {
        let golden = try GoldenCase(name: "reg_squarederror")
        let model = try XGBoostModel(contentsOf: golden.modelURL)
        let batch = try OpenInferenceCodec.decodeV2Request(Self.v2Body(rows: golden.rows, id: nil), featureCount: model.featureCount)
        let response = try Self.object(OpenInferenceCodec.encodeV2Response(model.infer(batch), modelName: "diabetes", modelVersion: "1", id: batch.id))
        let outputs = try #require(response["outputs"] as? [[String: Any]])
        #expect(outputs.count == 1)
        let predict = try Self.output(response, "predict")
        #expect(predict["shape"] as? [Int] == [golden.rows.count])
        let values = try #require(predict["data"] as? [Double])
        for (value, reference) in zip(values, golden.predictions) { #expect(abs(Float(value) - reference[0]) <= 1e-6) }
    }

    @Test("response parameters are written back")
    func responseParameters() throws {
        let outputs = InferenceOutputs(task: .regression, rowCount: 1, scores: [1.5], labels: [])
        let bytes = OpenInferenceCodec.encodeV2Response(outputs, modelName: "m", modelVersion: "v", id: "q\"1",
                                                        parameters: ["a": .string("x"), "b": .number(2), "c": .bool(false), "d": .null, "e": .json("[1,2]")])
        let response = try Self.object(bytes)
        #expect(response["id"] as? String == "q\"1")
        let parameters = try #require(response["parameters"] as? [String: Any])
        #expect(parameters["a"] as? String == "x")
        #expect(parameters["b"] as? Double == 2)
        #expect(parameters["c"] as? Bool == false)
        #expect(parameters["d"] is NSNull)
        #expect(parameters["e"] as? [Int] == [1, 2])
    }

    @Test("V1 round trip: instances in, XGBoost's predictions out")
    func v1RoundTrip() throws {
        let data = try BreastCancerData()
        let model = try XGBoostModel(contentsOf: Fixture.exampleURL("examples/models/breast-cancer-v1.json"))
        let golden = try #require(try Fixture.json(Fixture.url("breast_cancer.golden.json"))["v1"] as? [Double]).map(Float.init)
        // Rows written as exact float32 values, so the Double → Float narrowing is exact too.
        let instances = data.rows.prefix(20).map { "[" + $0.map { "\(Double($0))" }.joined(separator: ",") + "]" }
        let body = Array(#"{"instances": [\#(instances.joined(separator: ","))]}"#.utf8)
        let bytes = try body.withUnsafeBytes { body throws(InferenceRequestError) in try OpenInferenceCodec.inferV1(body: body, model: model) }
        let predictions = try #require(try Self.object(bytes)["predictions"] as? [Double])
        #expect(predictions.count == 20)
        for (value, reference) in zip(predictions, golden) { #expect(abs(Float(value) - reference) <= 1e-6) }
    }

    @Test("V1 multi-class predictions are per-row probability lists")
    func v1MultiClass() throws {
        let golden = try GoldenCase(name: "multi_softprob")
        let model = try XGBoostModel(contentsOf: golden.modelURL)
        let instances = golden.rows.map { "[" + $0.map { $0.isNaN ? "null" : "\(Double($0))" }.joined(separator: ",") + "]" }
        let batch = try OpenInferenceCodec.decodeV1Request(Array(#"{"instances": [\#(instances.joined(separator: ","))]}"#.utf8), featureCount: 4)
        #expect(batch.rowCount == golden.rows.count)
        let predictions = try #require(try Self.object(OpenInferenceCodec.encodeV1Response(model.infer(batch)))["predictions"] as? [[Double]])
        for (row, reference) in zip(predictions, golden.predictions) {
            for (value, expected) in zip(row, reference) { #expect(abs(Float(value) - expected) <= 1e-6) }
        }
    }

    @Test("V1 errors name the instance", arguments: [
        (#"{"instances": [[1, 2, 3], [1, 2]]}"#, InferenceRequestError.Kind.wrongFeatureCount, "instances[1]"),
        (#"{"instances": [[1, 2, 3, 4]]}"#, .wrongFeatureCount, "instances[0]"),
        (#"{"instances": [[1, "x", 3]]}"#, .nonNumericValue, "instances[0]"),
        (#"{"instances": [{"a": 1}]}"#, .wrongShape, "instances[0]"),
        (#"{"rows": [[1, 2, 3]]}"#, .missingInputs, "instances"),
        (#"{"instances": []}"#, .missingInputs, "instances"),
        (#"{"instances": [[1, 2, 3]"#, .malformedJSON, "JSON"),
    ])
    func v1Errors(body: String, kind: InferenceRequestError.Kind, fragment: String) {
        do {
            _ = try OpenInferenceCodec.decodeV1Request(Array(body.utf8), featureCount: 3)
            Issue.record("accepted \(body)")
        } catch {
            #expect(error.kind == kind, "\(error.message)")
            #expect(error.message.contains(fragment), "\(error.message)")
        }
    }

    @Test("model metadata describes the input and the outputs")
    func metadata() throws {
        let model = try XGBoostModel(contentsOf: Fixture.exampleURL("examples/models/breast-cancer-v2.json"))
        let metadata = try Self.object(OpenInferenceCodec.modelMetadata(name: "breast-cancer", versions: ["v1", "v2"], model: model))
        #expect(metadata["name"] as? String == "breast-cancer")
        #expect(metadata["versions"] as? [String] == ["v1", "v2"])
        #expect(metadata["platform"] as? String == "xgboost_json")
        let inputs = try #require(metadata["inputs"] as? [[String: Any]])
        #expect(inputs.count == 1)
        #expect(inputs[0]["datatype"] as? String == "FP32")
        #expect(inputs[0]["shape"] as? [Int] == [-1, 30])
        let outputs = try #require(metadata["outputs"] as? [[String: Any]])
        #expect(outputs.map { $0["name"] as? String } == ["probabilities", "label"])
        let iris = try Self.object(OpenInferenceCodec.modelMetadata(name: "iris", versions: ["1"], featureCount: 4,
                                                                    task: .multiClassClassification(classCount: 3)))
        #expect((iris["outputs"] as? [[String: Any]])?.first?["shape"] as? [Int] == [-1, 3])
    }

    @Test("the error body is JSON holding the message")
    func errorBody() throws {
        let message = "input \"x\": bad\nvalue"
        #expect(try Self.object(OpenInferenceCodec.errorBody(message))["error"] as? String == message)
    }
}
