import Foundation
import Testing
import TurnoutModels

/// KServe V1 answers as KServe's XGBoost server gives them: its `predict` returns
/// `Booster.predict(...).tolist()`, so `multi:softmax` answers class indices as floats,
/// `multi:softprob` a list of class probabilities per row, and `reg:logistic` a probability.
@Suite("V1 answers for multi-class and logistic models")
struct V1MultiClassTests {
    static func predictions(_ name: String) throws -> (golden: GoldenCase, predictions: [Any]) {
        let golden = try GoldenCase(name: name)
        let model = try XGBoostModel(contentsOf: golden.modelURL)
        let instances = golden.rows.map { "[" + $0.map { $0.isNaN ? "null" : "\(Double($0))" }.joined(separator: ",") + "]" }
        let body = Array(#"{"instances": [\#(instances.joined(separator: ","))]}"#.utf8)
        let bytes = try body.withUnsafeBytes { raw throws(InferenceRequestError) in try OpenInferenceCodec.inferV1(body: raw, model: model) }
        return (golden, try #require(try ResponseEncodingTests.object(bytes)["predictions"] as? [Any]))
    }

    @Test("multi:softmax: one class index per row, written as a float like XGBoost's predict")
    func softmaxClassIndices() throws {
        let (golden, predictions) = try Self.predictions("multi_softmax")
        let values = try #require(predictions as? [Double])
        #expect(values == golden.predictions.map { Double($0[0]) })
        // The text is `2.0`, as Python writes the float32 class index KServe returns.
        let model = try XGBoostModel(contentsOf: golden.modelURL)
        let outputs = model.infer(InferenceBatch(inputName: "x", rowCount: 1, featureCount: 4, features: golden.rows[2]))
        #expect(String(decoding: OpenInferenceCodec.encodeV1Response(outputs, classIndices: true), as: UTF8.self) == #"{"predictions":[2.0]}"#)
    }

    @Test("multi:softprob: a list of class probabilities per row")
    func softprobProbabilities() throws {
        let (golden, predictions) = try Self.predictions("multi_softprob")
        let rows = try #require(predictions as? [[Double]])
        for (row, reference) in zip(rows, golden.predictions) {
            #expect(row.count == 3)
            for (value, expected) in zip(row, reference) { #expect(abs(Float(value) - expected) <= 1e-6) }
        }
    }

    @Test("reg:logistic: a probability per row, equal to XGBoost's")
    func logisticProbability() throws {
        let (golden, predictions) = try Self.predictions("reg_logistic")
        let values = try #require(predictions as? [Double])
        #expect(values.count == golden.rows.count)
        for (value, reference) in zip(values, golden.predictions) {
            #expect(value > 0 && value < 1)
            #expect(abs(Float(value) - reference[0]) <= 1e-6)
        }
    }
}
