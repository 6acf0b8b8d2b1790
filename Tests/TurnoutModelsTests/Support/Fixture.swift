import Foundation

/// Paths to the committed fixtures and example files, found relative to this source file
/// (SwiftPM resources are deliberately not used).
enum Fixture {
    static let testsDirectory = URL(fileURLWithPath: #filePath)
        .resolvingSymlinksInPath()  // a scratch package may reach this folder through a symlink
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // TurnoutModelsTests

    static let repositoryRoot = testsDirectory
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository

    static func url(_ name: String) -> URL {
        testsDirectory.appendingPathComponent("Fixtures").appendingPathComponent(name)
    }

    static func exampleURL(_ relativePath: String) -> URL {
        repositoryRoot.appendingPathComponent(relativePath)
    }

    static func json(_ url: URL) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        guard let dictionary = object as? [String: Any] else { throw FixtureError("\(url.path) is not a JSON object") }
        return dictionary
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// One per-objective golden file written by scripts/train_examples.py: features (null for a
/// missing value) and XGBoost's own predictions and margins for them.
struct GoldenCase {
    let modelURL: URL
    let objective: String
    let featureCount: Int
    let rows: [[Float]]
    /// XGBoost's outputs, which are float32 values (the JSON holds them as exact doubles).
    let predictions: [[Float]]
    let margins: [[Float]]

    init(name: String) throws {
        let golden = try Fixture.json(Fixture.url("\(name).golden.json"))
        guard let model = golden["model"] as? String,
              let objective = golden["objective"] as? String,
              let featureCount = golden["feature_count"] as? Int,
              let features = golden["features"] as? [[Any]],
              let predictions = golden["predictions"] as? [[Double]],
              let margins = golden["margins"] as? [[Double]]
        else { throw FixtureError("\(name).golden.json lacks a field") }
        modelURL = Fixture.url(model)
        self.objective = objective
        self.featureCount = featureCount
        // Golden features are float32 values written as exact doubles, so Float(_:) is exact.
        rows = features.map { row in row.map { ($0 as? Double).map(Float.init) ?? .nan } }
        // Rounding to Float also removes any last-digit noise of the JSON reader.
        self.predictions = predictions.map { $0.map(Float.init) }
        self.margins = margins.map { $0.map(Float.init) }
    }

    var flatRows: [Float] { rows.flatMap { $0 } }
}

/// examples/data/breast_cancer.csv as float32 rows and integer labels.
struct BreastCancerData {
    let header: [String]
    let rows: [[Float]]
    let labels: [Int]

    init() throws {
        let text = try String(contentsOf: Fixture.exampleURL("examples/data/breast_cancer.csv"), encoding: .utf8)
        var lines = text.split(separator: "\n")
        header = lines.removeFirst().split(separator: ",").map(String.init)
        var rows: [[Float]] = []
        var labels: [Int] = []
        for line in lines {
            let cells = line.split(separator: ",")
            guard let label = Int(cells[cells.count - 1]) else { throw FixtureError("bad label in \(line)") }
            let features = try cells.dropLast().map { cell -> Float in
                guard let value = Float(cell) else { throw FixtureError("bad number \(cell)") }
                return value
            }
            rows.append(features)
            labels.append(label)
        }
        self.rows = rows
        self.labels = labels
    }
}
