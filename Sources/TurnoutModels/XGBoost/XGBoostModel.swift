import Foundation

/// A gradient-boosted tree model loaded from XGBoost's JSON format, evaluated in process.
///
/// Load a file written by `Booster.save_model("model.json")` (XGBoost 1.x to 3.x) and call
/// `predict(rows:rowCount:into:)`. Predictions reproduce
/// XGBoost's own single-precision arithmetic: features are `Float`, a split sends `x` left when
/// `x < threshold`, a missing value (NaN) follows the node's default direction, leaf values are
/// summed in tree order onto the intercept, and the objective's transform is applied last.
///
/// The trees live in flat arrays (see `TreeEnsemble`), so a model is a cheap-to-copy,
/// immutable `Sendable` value that many threads can evaluate at once.
public struct XGBoostModel: Sendable {
    /// The learning objective, which decides how margins become predictions.
    public let objective: XGBoostObjective
    /// The number of input features each row must have.
    public let featureCount: Int
    /// The number of margins per row: the class count for multi-class models, else 1.
    let groupCount: Int
    /// The intercept of each group in margin space (XGBoost's `base_score` after its link function).
    let baseMargins: [Float]
    /// The trees.
    let ensemble: TreeEnsemble

    init(objective: XGBoostObjective, featureCount: Int, groupCount: Int, baseMargins: [Float], ensemble: TreeEnsemble) {
        self.objective = objective
        self.featureCount = featureCount
        self.groupCount = groupCount
        self.baseMargins = baseMargins
        self.ensemble = ensemble
    }

    /// Loads a model from an XGBoost JSON file.
    ///
    /// - Throws: ``XGBoostModelError`` when the file cannot be read or is not a model this
    ///   runtime can evaluate; the reason names the file and the offending JSON path.
    public init(contentsOf url: URL) throws(XGBoostModelError) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw XGBoostModelError("cannot read \(url.path): \(error.localizedDescription)")
        }
        do {
            try self.init(jsonData: data)
        } catch {
            throw XGBoostModelError("\(url.path): \(error.reason)")
        }
    }

    /// Loads a model from the bytes of an XGBoost JSON document.
    ///
    /// - Throws: ``XGBoostModelError`` when the bytes are not JSON, or not an XGBoost model
    ///   this runtime can evaluate.
    public init(jsonData: Data) throws(XGBoostModelError) {
        let parsed = jsonData.withUnsafeBytes { bytes in
            Result { () throws(JSONSyntaxError) -> JSONValue in try JSONScanner.parseDocument(bytes) }
        }
        switch parsed {
        case .success(let document):
            self = try XGBoostModelParser(root: document).parse()
        case .failure(let error):
            throw XGBoostModelError("not valid JSON (\(error.description))")
        }
    }

    /// The number of classes a classifier chooses from (2 for `binary:logistic`), or 1 for a
    /// regression model.
    public var classCount: Int {
        switch objective {
        case .binaryLogistic: 2
        case .multiClassProbabilities, .multiClassLabel: groupCount
        case .regressionLogistic, .regressionSquaredError: 1
        }
    }

    /// How many values `predict(rows:rowCount:into:)`
    /// writes per row: the class count for `multi:softprob`, else 1 (as XGBoost's `predict`).
    public var outputsPerRow: Int {
        objective == .multiClassProbabilities ? groupCount : 1
    }

    /// How many probabilities ``predictProbabilities(rows:rowCount:into:)`` writes per row:
    /// 1 (the probability of class 1) for `binary:logistic`, the class count for multi-class.
    public var probabilitiesPerRow: Int {
        objective.isMultiClass ? groupCount : 1
    }

    /// The number of margins per row (raw sums before the objective's transform).
    public var marginsPerRow: Int { groupCount }

    /// The number of trees in the model.
    public var treeCount: Int { ensemble.treeCount }
}
