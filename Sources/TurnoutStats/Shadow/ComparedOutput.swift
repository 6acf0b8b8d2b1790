/// One side's answer to a mirrored request, as the shadow comparison sees it: the top-1 class per
/// row, one number per row for distribution drift, and every floating-point value.
///
/// TurnoutModels' `ModelOutputReader` builds it from a response body; the statistics module does
/// not parse bodies itself.
public struct ComparedOutput: Sendable, Equatable, Codable {
    /// The top-1 class of each row as text (integers without a fraction, booleans as `true` /
    /// `false`); nil when the output carries no classification.
    public var labels: [String]?
    /// One number per row: the scalar output of the row, the class-1 probability of a two-column
    /// output, or the top-1 probability of a wider one; empty when there is no floating-point output.
    public var predictions: [Double]
    /// Every floating-point value of every floating-point output, flattened in order (NaN for `null`).
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
