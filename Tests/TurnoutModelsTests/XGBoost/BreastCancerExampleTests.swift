import Foundation
import Testing
import TurnoutModels

/// The example models served by the quickstart, against XGBoost's predictions on the whole
/// committed data set (Fixtures/breast_cancer.golden.json, from scripts/train_examples.py).
@Suite("Breast-cancer example models")
struct BreastCancerExampleTests {
    static let tolerance = 1e-6

    /// XGBoost's float32 probabilities (held as exact doubles in the JSON).
    static func goldens(_ version: String) throws -> [Float] {
        let golden = try Fixture.json(Fixture.url("breast_cancer.golden.json"))
        return try #require(golden[version] as? [Double]).map(Float.init)
    }

    static func model(_ version: String) throws -> XGBoostModel {
        try XGBoostModel(contentsOf: Fixture.exampleURL("examples/models/breast-cancer-\(version).json"))
    }

    @Test("every row of the data set, one row per call (batch of 1)", arguments: ["v1", "v2"])
    func batchOfOne(version: String) throws {
        let data = try BreastCancerData()
        let model = try Self.model(version)
        let expected = try Self.goldens(version)
        #expect(model.featureCount == 30)
        #expect(model.objective == .binaryLogistic)
        #expect(data.rows.count == expected.count)
        var output: [Float] = [.nan]
        for (index, row) in data.rows.enumerated() {
            model.predict(rows: row, rowCount: 1, into: &output)
            #expect(abs(Double(output[0]) - Double(expected[index])) <= Self.tolerance, "row \(index)")
        }
    }

    @Test("a batch of 1,000 rows in one call", arguments: ["v1", "v2"])
    func batchOfThousand(version: String) throws {
        let data = try BreastCancerData()
        let model = try Self.model(version)
        let expected = try Self.goldens(version)
        let rowCount = 1_000
        let rows = (0..<rowCount).flatMap { data.rows[$0 % data.rows.count] }
        var output = [Float](repeating: .nan, count: rowCount)
        model.predict(rows: rows, rowCount: rowCount, into: &output)
        let worst = (0..<rowCount).map { abs(Double(output[$0]) - Double(expected[$0 % expected.count])) }.max() ?? .infinity
        #expect(worst <= Self.tolerance)
    }

    @Test("v1 is the weak model and v2 the better one on the data set")
    func accuracyOrdering() throws {
        let data = try BreastCancerData()
        func accuracy(_ model: XGBoostModel) -> Double {
            let hits = zip(data.rows, data.labels).filter { row, label in (model.predict(row: row)[0] > 0.5 ? 1 : 0) == label }
            return Double(hits.count) / Double(data.labels.count)
        }
        let weak = accuracy(try Self.model("v1"))
        let strong = accuracy(try Self.model("v2"))
        #expect(strong > weak + 0.1, "v1 \(weak), v2 \(strong)")
        #expect(data.header.last == "label")
        #expect(data.header.count == 31)
    }
}
