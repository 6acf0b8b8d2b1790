import Benchmark
import Foundation
import TurnoutModels

/// In-process XGBoost prediction and Open Inference Protocol codec timings for the quickstart's
/// breast-cancer v2 model (100 trees of depth 3, 30 features). `scripts/bench_models` compares
/// the same rows against XGBoost's own `inplace_predict` in Python.
let benchmarks: @Sendable () -> Void = {
    let repository = URL(fileURLWithPath: #filePath)
        .resolvingSymlinksInPath()
        .deletingLastPathComponent()  // TurnoutModelsBenchmarks
        .deletingLastPathComponent()  // Benchmarks
        .deletingLastPathComponent()  // repository root
    let model: XGBoostModel
    let rows: [[Float]]
    do {
        model = try XGBoostModel(contentsOf: repository.appendingPathComponent("examples/models/breast-cancer-v2.json"))
        rows = try breastCancerRows(repository.appendingPathComponent("examples/data/breast_cancer.csv"))
    } catch {
        fatalError("cannot load the benchmark model or data: \(error)")
    }
    let thousandRows = (0..<1_000).flatMap { rows[$0 % rows.count] }
    let oneRowBody = Array(v2Body(rows: [rows[0]]).utf8)
    let thousandRowBody = Array(v2Body(rows: (0..<1_000).map { rows[$0 % rows.count] }).utf8)

    let perCall = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal], scalingFactor: .kilo, maxDuration: .seconds(3))
    let perBatch = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal], scalingFactor: .one, maxDuration: .seconds(3))

    // Allocated once, outside the measured closures, so the malloc counts show prediction alone.
    let output = UnsafeMutableBufferPointer<Float>.allocate(capacity: 1_000)

    Benchmark("XGBoost v2 predict, 1 row", configuration: perCall) { benchmark in
        rows[0].withUnsafeBufferPointer { row in
            for _ in benchmark.scaledIterations {
                model.predict(rows: row, rowCount: 1, into: output)
                blackHole(output[0])
            }
        }
    }

    Benchmark("XGBoost v2 predict, 1,000 rows", configuration: perBatch) { benchmark in
        thousandRows.withUnsafeBufferPointer { batch in
            for _ in benchmark.scaledIterations {
                model.predict(rows: batch, rowCount: 1_000, into: output)
                blackHole(output[999])
            }
        }
    }

    Benchmark("OIP V2 decode + predict + encode, 1 row", configuration: perCall) { benchmark in
        oneRowBody.withUnsafeBytes { body in
            for _ in benchmark.scaledIterations {
                blackHole(try? OpenInferenceCodec.inferV2(body: body, model: model, modelName: "breast-cancer", modelVersion: "v2"))
            }
        }
    }

    Benchmark("OIP V2 decode + predict + encode, 1,000 rows", configuration: perBatch) { benchmark in
        thousandRowBody.withUnsafeBytes { body in
            for _ in benchmark.scaledIterations {
                blackHole(try? OpenInferenceCodec.inferV2(body: body, model: model, modelName: "breast-cancer", modelVersion: "v2"))
            }
        }
    }
}

/// The feature columns of examples/data/breast_cancer.csv (the last column is the label).
func breastCancerRows(_ url: URL) throws -> [[Float]] {
    let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
    return lines.map { line in line.split(separator: ",").dropLast().map { Float($0) ?? .nan } }
}

/// A V2 infer request body with one FP32 tensor of shape [N, F].
func v2Body(rows: [[Float]]) -> String {
    let data = rows.map { row in row.map { "\($0)" }.joined(separator: ",") }.joined(separator: ",")
    return #"{"inputs":[{"name":"input-0","shape":[\#(rows.count),\#(rows[0].count)],"datatype":"FP32","data":[\#(data)]}]}"#
}
