import Foundation
import Testing
import TurnoutModels

/// Reading model answers for shadow comparison: the builtin codec's own V2 and V1 responses
/// read back (checked against XGBoost's goldens and against what was encoded), hand-written
/// bodies of every form the rules name, and each error.
@Suite("Model output reader")
struct ModelOutputReaderTests {
    static func read(_ text: String, _ format: ModelOutputReader.Format, outputName: String? = nil) throws(ModelOutputError) -> ModelOutput {
        try ModelOutputReader.read(Array(text.utf8), format: format, outputName: outputName)
    }

    // MARK: The builtin codec's responses

    @Test("binary V2 response: INT64 labels, class-1 probabilities, XGBoost's predictions")
    func builtinBinaryV2() throws {
        let data = try BreastCancerData()
        let model = try XGBoostModel(contentsOf: Fixture.exampleURL("examples/models/breast-cancer-v2.json"))
        let golden = try #require(try Fixture.json(Fixture.url("breast_cancer.golden.json"))["v2"] as? [Double]).map(Float.init)
        let rows = Array(data.rows.prefix(60))
        let batch = InferenceBatch(inputName: "x", rowCount: rows.count, featureCount: rows[0].count, features: rows.flatMap { $0 })
        let outputs = model.infer(batch)
        let output = try ModelOutputReader.read(
            OpenInferenceCodec.encodeV2Response(outputs, modelName: "breast-cancer", modelVersion: "v2", id: "r1"), format: .v2)
        #expect(output.labels == golden.prefix(60).map { $0 > 0.5 ? "1" : "0" })
        #expect(output.labels == outputs.labels.map { String($0) })
        #expect(output.predictions.count == 60)
        for (value, reference) in zip(output.predictions, golden) { #expect(abs(Float(value) - reference) <= 1e-6) }
        // The codec writes each Float in its shortest form, which narrows back to the same Float.
        #expect(output.predictions.map(Float.init) == outputs.scores)
        #expect(output.numbers == output.predictions)
    }

    @Test("binary V1 response: one number per row, no labels")
    func builtinBinaryV1() throws {
        let data = try BreastCancerData()
        let model = try XGBoostModel(contentsOf: Fixture.exampleURL("examples/models/breast-cancer-v1.json"))
        let golden = try #require(try Fixture.json(Fixture.url("breast_cancer.golden.json"))["v1"] as? [Double]).map(Float.init)
        let rows = Array(data.rows.prefix(25))
        let batch = InferenceBatch(inputName: "x", rowCount: rows.count, featureCount: rows[0].count, features: rows.flatMap { $0 })
        let output = try ModelOutputReader.read(OpenInferenceCodec.encodeV1Response(model.infer(batch)), format: .v1)
        #expect(output.labels == nil)
        #expect(output.predictions.count == 25)
        for (value, reference) in zip(output.predictions, golden) { #expect(abs(Float(value) - reference) <= 1e-6) }
        #expect(output.numbers == output.predictions)
    }

    @Test("multi-class responses: labels, top-1 probabilities and all probabilities", arguments: ["multi_softprob", "multi_softmax"])
    func builtinMultiClass(name: String) throws {
        let golden = try GoldenCase(name: name)
        let model = try XGBoostModel(contentsOf: golden.modelURL)
        let batch = InferenceBatch(inputName: "x", rowCount: golden.rows.count, featureCount: 4, features: golden.flatRows)
        let outputs = model.infer(batch)
        let v2 = try ModelOutputReader.read(OpenInferenceCodec.encodeV2Response(outputs, modelName: "iris", modelVersion: nil, id: nil), format: .v2)
        let v1 = try ModelOutputReader.read(OpenInferenceCodec.encodeV1Response(outputs), format: .v1)
        // V2 takes the INT64 label output, which is XGBoost's label for either objective.
        #expect(v2.labels == outputs.labels.map { String($0) })
        if name == "multi_softmax" {
            #expect(v2.labels == golden.predictions.map { String(Int($0[0])) })
        } else {
            #expect(v2.labels == golden.predictions.map { String($0.firstIndex(of: $0.max()!)!) })
        }
        #expect(v2.numbers.map(Float.init) == outputs.scores)
        #expect(v2.predictions.map(Float.init) == (0..<golden.rows.count).map { outputs.scores[$0 * 3..<$0 * 3 + 3].max()! })
        // V1 and a V2 read restricted to the probabilities take the argmax of the probabilities.
        let probabilitiesOnly = try ModelOutputReader.read(
            OpenInferenceCodec.encodeV2Response(outputs, modelName: "iris", modelVersion: nil, id: nil), format: .v2, outputName: "probabilities")
        let argmax = (0..<golden.rows.count).map { row -> String in
            let scores = Array(outputs.scores[row * 3..<row * 3 + 3])
            return String(scores.firstIndex(of: scores.max()!)!)
        }
        #expect(v1.labels == argmax)
        #expect(probabilitiesOnly.labels == argmax)
        #expect(v1.predictions == v2.predictions)
        #expect(v1.numbers == v2.numbers)
        #expect(probabilitiesOnly.numbers == v2.numbers)
    }

    @Test("regression V2 response: predictions, no labels")
    func builtinRegression() throws {
        let golden = try GoldenCase(name: "reg_squarederror")
        let model = try XGBoostModel(contentsOf: golden.modelURL)
        let batch = InferenceBatch(inputName: "x", rowCount: golden.rows.count, featureCount: golden.featureCount, features: golden.flatRows)
        let output = try ModelOutputReader.read(OpenInferenceCodec.encodeV2Response(model.infer(batch), modelName: "d", modelVersion: nil, id: nil), format: .v2)
        #expect(output.labels == nil)
        #expect(output.predictions.count == golden.rows.count)
        for (value, reference) in zip(output.predictions, golden.predictions) { #expect(abs(Float(value) - reference[0]) <= 1e-6 * max(1, abs(reference[0]))) }
    }

    @Test("any byte collection reads the same: array, slice, Data, non-contiguous")
    func byteCollections() throws {
        let text = #"xx{"predictions": [0.25, 0.5]}"#
        let bytes = Array(text.utf8)
        let expected = ModelOutput(labels: nil, predictions: [0.25, 0.5], numbers: [0.25, 0.5])
        #expect(try ModelOutputReader.read(bytes[2...], format: .v1) == expected)
        #expect(try ModelOutputReader.read(Data(bytes.dropFirst(2)), format: .v1) == expected)
        #expect(try ModelOutputReader.read(bytes.dropFirst(2).lazy.map { $0 }, format: .v1) == expected)
    }

    // MARK: Hand-written V2 bodies

    @Test("V2 label datatypes: BYTES, BOOL, INT32 with 1.0, UINT8 rows of two values")
    func v2LabelDatatypes() throws {
        let bytes = try Self.read(#"{"outputs": [{"name": "c", "datatype": "BYTES", "shape": [3], "data": ["cat", "dog", "cat"]}]}"#, .v2)
        #expect(bytes == ModelOutput(labels: ["cat", "dog", "cat"], predictions: [], numbers: []))
        let flags = try Self.read(#"{"outputs": [{"name": "b", "datatype": "BOOL", "shape": [3, 1], "data": [[true], [false], [1]]}]}"#, .v2)
        #expect(flags.labels == ["true", "false", "true"])
        let integers = try Self.read(#"{"outputs": [{"name": "i", "datatype": "INT32", "shape": [3], "data": [1.0, -2, 7]}]}"#, .v2)
        #expect(integers.labels == ["1", "-2", "7"])
        let pairs = try Self.read(#"{"outputs": [{"name": "u", "datatype": "UINT8", "shape": [2, 2], "data": [1, 2, 3, 4]}]}"#, .v2)
        #expect(pairs.labels == ["1,2", "3,4"])
    }

    @Test("V2 probabilities only: [N,2] gives argmax labels and the class-1 column, [N,3] the top-1 probability")
    func v2ProbabilityColumns() throws {
        let two = try Self.read(#"{"outputs": [{"name": "p", "datatype": "FP32", "shape": [3, 2], "data": [[0.9, 0.1], [0.2, 0.8], [0.5, 0.5]]}]}"#, .v2)
        #expect(two == ModelOutput(labels: ["0", "1", "0"], predictions: [0.1, 0.8, 0.5], numbers: [0.9, 0.1, 0.2, 0.8, 0.5, 0.5]))
        let three = try Self.read(#"{"outputs": [{"name": "p", "datatype": "FP64", "shape": [2, 3], "data": [0.2, 0.7, 0.1, null, 0.3, 0.4]}]}"#, .v2)
        #expect(three.labels == ["1", "2"])
        #expect(three.predictions == [0.7, 0.4])
        #expect(three.numbers.count == 6)
        #expect(three.numbers[3].isNaN)
        let column = try Self.read(#"{"outputs": [{"name": "y", "datatype": "FP32", "shape": [2, 1], "data": [1.5, -2.5]}]}"#, .v2)
        #expect(column == ModelOutput(labels: nil, predictions: [1.5, -2.5], numbers: [1.5, -2.5]))
    }

    @Test("V2 label output first, predictions from the first FP output, numbers from every FP output")
    func v2SeveralOutputs() throws {
        let body = #"""
        {"model_name": "m", "outputs": [
          {"name": "emb", "datatype": "FP32", "shape": [2], "data": [10, 20]},
          {"name": "scores", "datatype": "FP32", "shape": [2, 2], "data": [0.6, 0.4, 0.3, 0.7]},
          {"name": "label", "datatype": "INT64", "shape": [2], "data": [1, 0]}]}
        """#
        let all = try Self.read(body, .v2)
        #expect(all == ModelOutput(labels: ["1", "0"], predictions: [10, 20], numbers: [10, 20, 0.6, 0.4, 0.3, 0.7]))
        let scores = try Self.read(body, .v2, outputName: "scores")
        #expect(scores == ModelOutput(labels: ["0", "1"], predictions: [0.4, 0.7], numbers: [0.6, 0.4, 0.3, 0.7]))
        let label = try Self.read(body, .v2, outputName: "label")
        #expect(label == ModelOutput(labels: ["1", "0"], predictions: [], numbers: []))
    }

    // MARK: Hand-written V1 bodies

    @Test("V1 forms", arguments: [
        (#"{"predictions": [0.5, 1, 2.25]}"#, ModelOutput(labels: nil, predictions: [0.5, 1, 2.25], numbers: [0.5, 1, 2.25])),
        (#"{"predictions": [1, 0, 2]}"#, ModelOutput(labels: ["1", "0", "2"], predictions: [], numbers: [])),
        (#"{"predictions": ["a", "b"]}"#, ModelOutput(labels: ["a", "b"], predictions: [], numbers: [])),
        (#"{"predictions": [true, false, 1]}"#, ModelOutput(labels: ["true", "false", "1"], predictions: [], numbers: [])),
        (#"{"predictions": [[0.25, 0.75], [0.5, 0.5]]}"#, ModelOutput(labels: ["1", "0"], predictions: [0.75, 0.5], numbers: [0.25, 0.75, 0.5, 0.5])),
        (#"{"predictions": [[0.1, 0.2, 0.7], [0.6, 0.3, 0.1]]}"#, ModelOutput(labels: ["2", "0"], predictions: [0.7, 0.6], numbers: [0.1, 0.2, 0.7, 0.6, 0.3, 0.1])),
        (#"{"predictions": [[3.5], [4]]}"#, ModelOutput(labels: nil, predictions: [3.5, 4], numbers: [3.5, 4])),
        (#"{"predictions": []}"#, ModelOutput(labels: nil, predictions: [], numbers: [])),
    ])
    func v1Forms(body: String, expected: ModelOutput) throws {
        #expect(try Self.read(body, .v1) == expected)
    }

    // MARK: Errors

    @Test("errors name the problem", arguments: [
        (#"{"outputs": [{"name": "p""#, ModelOutputReader.Format.v2, ModelOutputError.Kind.malformedJSON, "not valid JSON"),
        (#"[1, 2]"#, .v2, .malformedJSON, "not a JSON object"),
        (#"{"predictions": [1]}"#, .v2, .missingOutputs, "outputs"),
        (#"{"outputs": []}"#, .v2, .missingOutputs, "outputs"),
        (#"{"outputs": [{"datatype": "FP32", "shape": [1], "data": [1]}]}"#, .v2, .missingField, "name"),
        (#"{"outputs": [{"name": "p", "shape": [1], "data": [1]}]}"#, .v2, .missingField, "datatype"),
        (#"{"outputs": [{"name": "p", "datatype": "FP32", "data": [1]}]}"#, .v2, .missingField, "shape"),
        (#"{"outputs": [{"name": "p", "datatype": "FP32", "shape": [1]}]}"#, .v2, .missingField, "data"),
        (#"{"outputs": [{"name": "p", "datatype": "FLOAT", "shape": [1], "data": [1]}]}"#, .v2, .unsupportedDatatype, "FLOAT"),
        (#"{"outputs": [{"name": "p", "datatype": "FP32", "shape": [-1], "data": [1]}]}"#, .v2, .wrongShape, "non-negative"),
        (#"{"outputs": [{"name": "p", "datatype": "FP32", "shape": [2, 2], "data": [1, 2, 3]}]}"#, .v2, .dataCountMismatch, "holds 4 values but data has 3"),
        (#"{"outputs": [{"name": "p", "datatype": "FP32", "shape": [1], "data": ["x"]}]}"#, .v2, .invalidValue, "a string"),
        (#"{"outputs": [{"name": "l", "datatype": "INT64", "shape": [1], "data": ["x"]}]}"#, .v2, .invalidValue, "a string"),
        (#"{"outputs": [{"name": "p", "datatype": "FP32", "shape": [1], "data": [1]}, {"name": "l", "datatype": "INT64", "shape": [2], "data": [1, 0]}]}"#, .v2, .inconsistentRows, "2 rows"),
        (#"{"outputs": [{"name": "p", "datatype": "FP32", "shape": [1], "data": [1]}]}"#, .v2, .outputNotFound, "'missing'"),
        (#"{"outputs": [1]}"#, .v1, .missingPredictions, "predictions"),
        (#"{"predictions": [[0.1, 0.9], [1]]}"#, .v1, .inconsistentPredictions, "predictions[1] has 1 values"),
        (#"{"predictions": [[0.1, 0.9], 0.5]}"#, .v1, .inconsistentPredictions, "predictions[1] is a number among arrays"),
        (#"{"predictions": ["a", 0.5]}"#, .v1, .inconsistentPredictions, "predictions[1]"),
        (#"{"predictions": [0.5, {"a": 1}]}"#, .v1, .inconsistentPredictions, "an object"),
        (#"{"predictions": [[0.5, "x"]]}"#, .v1, .inconsistentPredictions, "predictions[0][1] is a string"),
    ])
    func errors(body: String, format: ModelOutputReader.Format, kind: ModelOutputError.Kind, fragment: String) {
        do {
            let output = try Self.read(body, format, outputName: kind == .outputNotFound ? "missing" : nil)
            Issue.record("expected \(kind), read \(output)")
        } catch {
            #expect(error.kind == kind)
            #expect(error.message.contains(fragment), "\(error.message)")
        }
    }
}
