/// What a model answered for a batch, in the shape the protocols report it.
public struct InferenceOutputs: Sendable, Equatable {
    /// What kind of answer the model gives.
    public enum Task: Sendable, Equatable {
        /// One probability (of class 1) per row, and a 0/1 label.
        case binaryClassification
        /// One probability per class per row, and the label of the most likely class.
        case multiClassClassification(classCount: Int)
        /// One value per row, no label.
        case regression
    }

    /// The kind of answer.
    public var task: Task
    /// The number of rows.
    public var rowCount: Int
    /// Probabilities (`rowCount` or `rowCount * classCount`, row-major) or regression values.
    public var scores: [Float]
    /// The predicted class per row for classifiers; empty for regression.
    public var labels: [Int64]

    /// Creates outputs.
    public init(task: Task, rowCount: Int, scores: [Float], labels: [Int64]) {
        self.task = task
        self.rowCount = rowCount
        self.scores = scores
        self.labels = labels
    }

    /// The number of scores per row.
    public var scoresPerRow: Int {
        if case .multiClassClassification(let classCount) = task { return classCount }
        return 1
    }
}
