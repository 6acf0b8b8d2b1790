/// The learning objectives whose predictions Turnout can reproduce.
///
/// The raw values are XGBoost's own objective names as stored in `learner.objective.name`.
public enum XGBoostObjective: String, Sendable, CaseIterable {
    /// Binary classification; predicts the probability of class 1.
    case binaryLogistic = "binary:logistic"
    /// Logistic regression on targets in [0, 1]; predicts a value in (0, 1).
    case regressionLogistic = "reg:logistic"
    /// Least-squares regression; predicts the raw sum.
    case regressionSquaredError = "reg:squarederror"
    /// Multi-class classification; predicts one probability per class.
    case multiClassProbabilities = "multi:softprob"
    /// Multi-class classification; predicts the index of the most likely class.
    case multiClassLabel = "multi:softmax"

    /// Reads an objective name, accepting `reg:linear`, the pre-1.0 name of `reg:squarederror`.
    init?(xgboostName: String) {
        if xgboostName == "reg:linear" {
            self = .regressionSquaredError
        } else {
            self.init(rawValue: xgboostName)
        }
    }

    /// Whether the model answers with a class (and class probabilities).
    public var isClassifier: Bool {
        switch self {
        case .binaryLogistic, .multiClassProbabilities, .multiClassLabel: true
        case .regressionLogistic, .regressionSquaredError: false
        }
    }

    /// Whether the model has one margin per class.
    var isMultiClass: Bool { self == .multiClassProbabilities || self == .multiClassLabel }

    /// Whether the margin goes through the logistic function.
    var isLogistic: Bool { self == .binaryLogistic || self == .regressionLogistic }
}
