/// A snapshot of a ``ShadowComparison``: the counts and every statistic, with the reason when
/// a statistic is not available yet.
public struct ShadowSummary: Sendable, Equatable, Codable {
    /// The window used for drift and latency.
    public var window: Int

    // MARK: Counts

    /// Mirrored requests whose shadow call ended.
    public var pairs: Int
    /// Pairs whose two outputs were read and compared.
    public var compared: Int
    /// Requests not mirrored, by reason.
    public var skipped: [ShadowSkipReason: Int]
    /// Requests not mirrored, all reasons together.
    public var skippedTotal: Int
    /// Mirrors dropped because the shadow queue was full.
    public var dropped: Int
    /// Shadow calls that hit their timeout.
    public var timedOut: Int
    /// Shadow calls that failed without an answer.
    public var shadowFailures: Int
    /// Pairs whose outputs have different numbers of rows.
    public var shapeMismatches: Int
    /// Pairs answered 2xx on both sides whose outputs could not both be read.
    public var unreadable: Int
    /// Pairs the primary answered with a status of 500 or more.
    public var primaryErrors: Int
    /// Pairs the shadow failed (see ``ShadowComparison`` for the definition).
    public var shadowErrors: Int
    /// `primaryErrors / pairs`; nil before the first pair.
    public var primaryErrorRate: Double?
    /// `shadowErrors / pairs`; nil before the first pair.
    public var shadowErrorRate: Double?
    /// Fraction of answered shadow calls with the primary's status; nil before the first answer.
    public var statusMatchRate: Double?
    /// Fraction of byte-compared pairs (raw protocol) with equal bodies; nil when none.
    public var bodyEqualityRate: Double?

    // MARK: Labels

    /// Rows whose labels were compared.
    public var labeledRows: Int
    /// Fraction of compared rows with the same top-1 label.
    public var agreement: Double?
    /// Cohen's kappa of the compared labels.
    public var kappa: Double?
    /// Why ``agreement`` is nil.
    public var agreementUnavailable: String?
    /// Why ``kappa`` is nil.
    public var kappaUnavailable: String?

    // MARK: Numbers

    /// Pairs of finite numbers compared.
    public var comparedNumbers: Int
    /// Mean of `|shadow - primary|` over every compared number.
    public var meanAbsoluteDifference: Double?
    /// Largest `|shadow - primary|`.
    public var maxAbsoluteDifference: Double?
    /// Mean of `|shadow - primary| / |primary|` over the numbers whose primary value is not zero.
    public var meanRelativeDifference: Double?

    // MARK: Drift

    /// Paired predictions in the window.
    public var driftSampleSize: Int
    /// Population stability index of the shadow's predictions against the primary's.
    public var populationStabilityIndex: Double?
    /// Jensen–Shannon distance (base 2) over the same 10 bins.
    public var jensenShannonDistance: Double?
    /// Two-sample Kolmogorov–Smirnov statistic.
    public var kolmogorovSmirnov: Double?
    /// Why the drift statistics are nil.
    public var driftUnavailable: String?

    // MARK: Latency

    /// Median primary latency in seconds over the window.
    public var primaryLatencyP50: Double?
    /// 99th percentile primary latency in seconds over the window.
    public var primaryLatencyP99: Double?
    /// Median shadow latency in seconds over the window (timeouts count at the timeout).
    public var shadowLatencyP50: Double?
    /// 99th percentile shadow latency in seconds over the window.
    public var shadowLatencyP99: Double?
    /// Shadow p50 over primary p50.
    public var latencyP50Ratio: Double?
    /// Shadow p99 over primary p99.
    public var latencyP99Ratio: Double?
}
