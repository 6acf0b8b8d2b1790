/// How one sampled shadow answer differs from the primary's answer to the same request: what
/// the dashboard and `GET /api/v1/models/{model}/shadow/samples` show beside the two bodies.
///
/// Agreement is judged as the running comparison judges it: on the statuses, and for two
/// served answers on the top-1 labels of every row. Answers without labels (regressors) are
/// neither agreeing nor disagreeing; their largest prediction difference is given instead.
public struct SampledPairDifference: Sendable, Equatable {
    /// Whether the two answers agree; nil when they cannot be judged on labels.
    public var agrees: Bool?
    /// The difference (or why there is none to tell) in a few words.
    public var summary: String
    /// The largest absolute difference between paired predictions, when both have them.
    public var maxPredictionDifference: Double?

    /// Creates a difference.
    public init(agrees: Bool?, summary: String, maxPredictionDifference: Double? = nil) {
        self.agrees = agrees
        self.summary = summary
        self.maxPredictionDifference = maxPredictionDifference
    }

    /// Compares a shadow's outcome with the primary's status and read answer.
    ///
    /// - Parameters:
    ///   - primaryStatus: the status the client got; nil when it is no longer stored.
    ///   - primaryOutput: the primary's answer as read; nil when unreadable or cut short.
    ///   - shadow: how the shadow's call ended, with its answer as read.
    public init(primaryStatus: Int?, primaryOutput: ComparedOutput?, shadow: ShadowOutcome) {
        switch shadow {
        case .timedOut:
            self.init(agrees: false, summary: "the shadow timed out")
        case .failed(let reason):
            self.init(agrees: false, summary: "the shadow failed: \(reason)")
        case .answered(let status, _, let output):
            if let primaryStatus, primaryStatus != status {
                self.init(agrees: false, summary: "status \(primaryStatus) vs \(status)")
            } else if !(200..<300).contains(status) {
                self.init(agrees: true, summary: "both answered \(status)")
            } else if let primaryOutput, let output {
                self.init(primary: primaryOutput, shadow: output)
            } else {
                self.init(agrees: nil, summary: "not compared: an answer was cut to max_bytes or is not a model answer")
            }
        }
    }

    /// Compares two read answers row by row.
    private init(primary: ComparedOutput, shadow: ComparedOutput) {
        guard primary.rowCount == shadow.rowCount else {
            self.init(agrees: false, summary: "\(primary.rowCount) rows vs \(shadow.rowCount)")
            return
        }
        let largest = Self.largestDifference(primary.predictions, shadow.predictions)
        guard let primaryLabels = primary.labels, let shadowLabels = shadow.labels else {
            self.init(agrees: nil, summary: "no labels to compare", maxPredictionDifference: largest)
            return
        }
        let differing = zip(primaryLabels, shadowLabels).enumerated().filter { $0.element.0 != $0.element.1 }
        if differing.isEmpty {
            let rows = primary.rowCount == 1 ? "same label" : "same labels in \(primary.rowCount) rows"
            self.init(agrees: true, summary: rows, maxPredictionDifference: largest)
        } else {
            let first = differing[0]
            let row = primary.rowCount == 1 ? "" : " in row \(first.offset); \(differing.count) of \(primary.rowCount) rows differ"
            self.init(agrees: false, summary: "label \(first.element.0) vs \(first.element.1)\(row)", maxPredictionDifference: largest)
        }
    }

    /// The largest absolute difference of finite paired values; nil without such a pair.
    private static func largestDifference(_ primary: [Double], _ shadow: [Double]) -> Double? {
        guard primary.count == shadow.count else { return nil }
        return zip(primary, shadow).filter { $0.0.isFinite && $0.1.isFinite }.map { abs($0.0 - $0.1) }.max()
    }
}
