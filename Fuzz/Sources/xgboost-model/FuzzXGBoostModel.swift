import FuzzSupport
import TurnoutModels

/// Rows are only scored for models of at most this many features, so the harness itself never
/// allocates what a hostile `num_feature` asks for.
private let maxScoredFeatures = 4096

/// Loads the input as an XGBoost JSON model, as a builtin version's file is loaded; a model that
/// loads scores a row of zeros and a row of missing values (every tree walked to a leaf).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXGBoostModel(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    guard let model = try? XGBoostModel(jsonData: input.data), model.featureCount <= maxScoredFeatures else { return 0 }
    _ = model.predict(row: [Float](repeating: 0, count: model.featureCount))
    _ = model.predict(row: [Float](repeating: .nan, count: model.featureCount))
    return 0
}
