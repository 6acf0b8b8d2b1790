/// One side's answer to a mirrored request, as the shadow comparison sees it.
///
/// The gateway builds it from the model output it read (TurnoutModels' `ModelOutput` has the
/// same three fields); the statistics module does not parse bodies itself.
public struct ComparedOutput: Sendable, Equatable, Codable {
    /// The top-1 class of each row; nil when the output carries no classification.
    public var labels: [String]?
    /// One number per row, for distribution drift; empty when there is none.
    public var predictions: [Double]
    /// Every floating-point value of the output in order, for numeric differences.
    public var numbers: [Double]

    /// Creates an output.
    public init(labels: [String]?, predictions: [Double], numbers: [Double]) {
        self.labels = labels
        self.predictions = predictions
        self.numbers = numbers
    }

    /// The number of rows: the number of labels, or else the number of predictions.
    public var rowCount: Int {
        labels?.count ?? predictions.count
    }
}
