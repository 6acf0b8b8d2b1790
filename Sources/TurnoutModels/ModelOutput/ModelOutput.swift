/// What a model answered, reduced to the parts a shadow comparison needs: the top-1 class per
/// row, one number per row for distribution drift, and every floating-point value.
///
/// ``ModelOutputReader`` builds it from an Open Inference Protocol (V2) or V1 response body.
public struct ModelOutput: Sendable, Equatable {
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
