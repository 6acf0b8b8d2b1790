import Foundation
import Testing
@testable import TurnoutModels

/// Turnout's predictions against XGBoost's own (`inplace_predict` on float32 input), for every
/// supported objective, on rows that include missing values. Goldens come from
/// scripts/train_examples.py.
@Suite("XGBoost parity")
struct XGBoostParityTests {
    static let tolerance = 1e-6
    static let fixtures = ["binary_logistic", "reg_logistic", "reg_squarederror", "multi_softprob", "multi_softmax"]

    @Test("batch predictions equal XGBoost's", arguments: fixtures)
    func batchPredictionsMatchXGBoost(name: String) throws {
        let golden = try GoldenCase(name: name)
        let model = try XGBoostModel(contentsOf: golden.modelURL)
        #expect(model.objective.rawValue == golden.objective)
        #expect(model.featureCount == golden.featureCount)

        var output = [Float](repeating: .nan, count: golden.rows.count * model.outputsPerRow)
        model.predict(rows: golden.flatRows, rowCount: golden.rows.count, into: &output)
        let expected = golden.predictions.flatMap { $0 }
        #expect(output.count == expected.count)
        let worst = zip(output, expected).map { abs(Double($0) - Double($1)) }.max() ?? .infinity
        #expect(worst <= Self.tolerance, "largest difference \(worst) for \(name)")
    }

    @Test("margins equal XGBoost's output_margin", arguments: fixtures)
    func marginsMatchXGBoost(name: String) throws {
        let golden = try GoldenCase(name: name)
        let model = try XGBoostModel(contentsOf: golden.modelURL)
        var margins = [Float](repeating: .nan, count: golden.rows.count * model.marginsPerRow)
        golden.flatRows.withUnsafeBufferPointer { rows in
            margins.withUnsafeMutableBufferPointer { output in
                model.predictMargins(rows: rows, rowCount: golden.rows.count, into: output)
            }
        }
        let expected = golden.margins.flatMap { $0 }
        #expect(margins.count == expected.count)
        let worst = zip(margins, expected).map { abs(Double($0) - Double($1)) }.max() ?? .infinity
        #expect(worst <= Self.tolerance, "largest margin difference \(worst) for \(name)")
    }

    @Test("one row at a time equals XGBoost's, including rows with missing values", arguments: fixtures)
    func singleRowPredictionsMatchXGBoost(name: String) throws {
        let golden = try GoldenCase(name: name)
        let model = try XGBoostModel(contentsOf: golden.modelURL)
        #expect(golden.rows.contains { $0.contains(where: \.isNaN) }, "the fixture should exercise missing values")
        #expect(golden.rows.contains { $0.allSatisfy(\.isNaN) }, "the fixture should have an all-missing row")
        for (row, expected) in zip(golden.rows, golden.predictions) {
            let predicted = model.predict(row: row)
            #expect(predicted.count == expected.count)
            for (value, reference) in zip(predicted, expected) {
                #expect(abs(Double(value) - Double(reference)) <= Self.tolerance, "row \(row): \(value) vs \(reference)")
            }
        }
    }

    @Test("missing values follow each node's default direction, not a zero value")
    func missingValuesDifferFromZero() throws {
        let golden = try GoldenCase(name: "reg_squarederror")
        let model = try XGBoostModel(contentsOf: golden.modelURL)
        let allMissing = try #require(golden.rows.firstIndex { $0.allSatisfy(\.isNaN) })
        let zeros = [Float](repeating: 0, count: model.featureCount)
        let missingPrediction = model.predict(row: golden.rows[allMissing])[0]
        #expect(abs(Double(missingPrediction) - Double(golden.predictions[allMissing][0])) <= Self.tolerance)
        #expect(missingPrediction != model.predict(row: zeros)[0])
    }

    @Test("class probabilities of multi:softmax equal XGBoost's multi:softprob transform of its margins")
    func softmaxProbabilities() throws {
        let golden = try GoldenCase(name: "multi_softmax")
        let model = try XGBoostModel(contentsOf: golden.modelURL)
        #expect(model.classCount == 3)
        #expect(model.probabilitiesPerRow == 3)
        var probabilities = [Float](repeating: .nan, count: golden.rows.count * 3)
        golden.flatRows.withUnsafeBufferPointer { rows in
            probabilities.withUnsafeMutableBufferPointer { output in
                model.predictProbabilities(rows: rows, rowCount: golden.rows.count, into: output)
            }
        }
        for (row, label) in golden.predictions.enumerated() {
            let slice = Array(probabilities[row * 3..<(row + 1) * 3])
            #expect(abs(slice.reduce(0, +) - 1) < 1e-5)
            #expect(Float(slice.firstIndex(of: slice.max()!)!) == label[0], "row \(row)")
        }
    }

    @Test("an XGBoost 1.x scalar base_score reads like the 3.x bracketed form")
    func legacyScalarBaseScore() throws {
        let golden = try GoldenCase(name: "reg_logistic")
        let text = try String(contentsOf: golden.modelURL, encoding: .utf8)
        #expect(text.contains("\"base_score\":\"[4E-1]\""))
        let legacy = text.replacingOccurrences(of: "\"base_score\":\"[4E-1]\"", with: "\"base_score\":\"4E-1\"")
        let model = try XGBoostModel(jsonData: Data(legacy.utf8))
        for (row, expected) in zip(golden.rows, golden.predictions) {
            #expect(abs(Double(model.predict(row: row)[0]) - Double(expected[0])) <= Self.tolerance)
        }
    }
}
