/// One shadow of a ``ShadowAnswer``: the counts, each comparison with the primary and the verdict.
///
/// A comparison with too little data is left out, with a `*_unavailable` reason where there is
/// one; inside a comparison, a statistic that is missing or not finite is left out.
public struct ShadowVersionAnswer: Sendable, Hashable, Codable {
    /// The shadow's version.
    public var version: String
    /// Whether it is ready to be promoted, and if not why.
    public var verdict: Verdict
    /// What happened to the mirrored requests.
    public var counts: Counts
    /// Each side's error rate.
    public var errorRate: ErrorRates
    /// Top-1 class agreement, for classifiers.
    public var classification: Classification?
    /// Why agreement cannot be computed, when it cannot.
    public var classificationUnavailable: String?
    /// Differences of numeric outputs.
    public var numeric: Numeric?
    /// Drift of the shadow's predictions from the primary's.
    public var drift: Drift?
    /// Why drift cannot be computed, when it cannot.
    public var driftUnavailable: String?
    /// Each side's latency.
    public var latency: Latency?
    /// Byte comparison, for a raw-protocol model.
    public var raw: Raw?

    /// Creates an answer.
    public init(
        version: String, verdict: Verdict, counts: Counts, errorRate: ErrorRates, classification: Classification? = nil,
        classificationUnavailable: String? = nil, numeric: Numeric? = nil, drift: Drift? = nil, driftUnavailable: String? = nil,
        latency: Latency? = nil, raw: Raw? = nil
    ) {
        self.version = version
        self.verdict = verdict
        self.counts = counts
        self.errorRate = errorRate
        self.classification = classification
        self.classificationUnavailable = classificationUnavailable
        self.numeric = numeric
        self.drift = drift
        self.driftUnavailable = driftUnavailable
        self.latency = latency
        self.raw = raw
    }

    enum CodingKeys: String, CodingKey {
        case version, verdict, counts, classification, numeric, drift, latency, raw
        case errorRate = "error_rate"
        case classificationUnavailable = "classification_unavailable"
        case driftUnavailable = "drift_unavailable"
    }

    /// Ready, or not with the reasons.
    public struct Verdict: Sendable, Hashable, Codable {
        /// Whether every threshold is met.
        public var ready: Bool
        /// The thresholds not met.
        public var reasons: [String]

        /// Creates a verdict.
        public init(ready: Bool, reasons: [String]) {
            self.ready = ready
            self.reasons = reasons
        }
    }

    /// What happened to the mirrored requests.
    public struct Counts: Sendable, Hashable, Codable {
        /// Pairs of answers.
        public var pairs: Int
        /// Pairs whose outputs were compared.
        public var compared: Int
        /// Requests not mirrored (a body over `max_body`, not comparable).
        public var skipped: Int
        /// Requests dropped because the mirror queue was full.
        public var dropped: Int
        /// Shadow calls that timed out.
        public var timedOut: Int
        /// Shadow calls that failed.
        public var failed: Int
        /// Error answers of the primary.
        public var primaryErrors: Int
        /// Error answers of the shadow.
        public var shadowErrors: Int
        /// Pairs whose outputs have different shapes.
        public var shapeMismatches: Int
        /// Pairs with an output that could not be read.
        public var unreadable: Int

        /// Creates counts.
        public init(
            pairs: Int, compared: Int, skipped: Int, dropped: Int, timedOut: Int, failed: Int, primaryErrors: Int, shadowErrors: Int,
            shapeMismatches: Int, unreadable: Int
        ) {
            self.pairs = pairs
            self.compared = compared
            self.skipped = skipped
            self.dropped = dropped
            self.timedOut = timedOut
            self.failed = failed
            self.primaryErrors = primaryErrors
            self.shadowErrors = shadowErrors
            self.shapeMismatches = shapeMismatches
            self.unreadable = unreadable
        }

        enum CodingKeys: String, CodingKey {
            case pairs, compared, skipped, dropped, failed, unreadable
            case timedOut = "timed_out"
            case primaryErrors = "primary_errors"
            case shadowErrors = "shadow_errors"
            case shapeMismatches = "shape_mismatches"
        }
    }

    /// Each side's error rate, from 0 to 1.
    public struct ErrorRates: Sendable, Hashable, Codable {
        /// The primary's.
        public var primary: Double?
        /// The shadow's.
        public var shadow: Double?

        /// Creates rates; non-finite values are left out.
        public init(primary: Double?, shadow: Double?) {
            self.primary = primary.finite
            self.shadow = shadow.finite
        }
    }

    /// Top-1 class agreement.
    public struct Classification: Sendable, Hashable, Codable {
        /// Rows with a label on both sides.
        public var rows: Double?
        /// The share of rows with the same top-1 class.
        public var agreement: Double?
        /// Cohen's kappa.
        public var kappa: Double?

        /// Creates the comparison; non-finite values are left out.
        public init(rows: Double?, agreement: Double?, kappa: Double?) {
            self.rows = rows.finite
            self.agreement = agreement.finite
            self.kappa = kappa.finite
        }
    }

    /// Differences of numeric outputs.
    public struct Numeric: Sendable, Hashable, Codable {
        /// Numbers compared.
        public var values: Double?
        /// The mean absolute difference.
        public var meanAbsDiff: Double?
        /// The largest absolute difference.
        public var maxAbsDiff: Double?
        /// The mean relative difference.
        public var meanRelDiff: Double?

        /// Creates the comparison; non-finite values are left out.
        public init(values: Double?, meanAbsDiff: Double?, maxAbsDiff: Double?, meanRelDiff: Double?) {
            self.values = values.finite
            self.meanAbsDiff = meanAbsDiff.finite
            self.maxAbsDiff = maxAbsDiff.finite
            self.meanRelDiff = meanRelDiff.finite
        }

        enum CodingKeys: String, CodingKey {
            case values
            case meanAbsDiff = "mean_abs_diff"
            case maxAbsDiff = "max_abs_diff"
            case meanRelDiff = "mean_rel_diff"
        }
    }

    /// Drift of the shadow's predictions from the primary's over the recent window.
    public struct Drift: Sendable, Hashable, Codable {
        /// The population stability index.
        public var psi: Double?
        /// The Jensen-Shannon distance.
        public var jsDistance: Double?
        /// The Kolmogorov-Smirnov statistic.
        public var ks: Double?
        /// Predictions in the window.
        public var window: Int

        /// Creates the comparison; non-finite values are left out.
        public init(psi: Double?, jsDistance: Double?, ks: Double?, window: Int) {
            self.psi = psi.finite
            self.jsDistance = jsDistance.finite
            self.ks = ks.finite
            self.window = window
        }

        enum CodingKeys: String, CodingKey {
            case psi, ks, window
            case jsDistance = "js_distance"
        }
    }

    /// Each side's latency in milliseconds, and the shadow's over the primary's.
    public struct Latency: Sendable, Hashable, Codable {
        /// The primary's median.
        public var primaryP50Ms: Double?
        /// The primary's 99th percentile.
        public var primaryP99Ms: Double?
        /// The shadow's median.
        public var shadowP50Ms: Double?
        /// The shadow's 99th percentile.
        public var shadowP99Ms: Double?
        /// Shadow median over primary median.
        public var p50Ratio: Double?
        /// Shadow p99 over primary p99.
        public var p99Ratio: Double?

        /// Creates the comparison; non-finite values are left out.
        public init(primaryP50Ms: Double?, primaryP99Ms: Double?, shadowP50Ms: Double?, shadowP99Ms: Double?, p50Ratio: Double?, p99Ratio: Double?) {
            self.primaryP50Ms = primaryP50Ms.finite
            self.primaryP99Ms = primaryP99Ms.finite
            self.shadowP50Ms = shadowP50Ms.finite
            self.shadowP99Ms = shadowP99Ms.finite
            self.p50Ratio = p50Ratio.finite
            self.p99Ratio = p99Ratio.finite
        }

        enum CodingKeys: String, CodingKey {
            case primaryP50Ms = "primary_p50_ms"
            case primaryP99Ms = "primary_p99_ms"
            case shadowP50Ms = "shadow_p50_ms"
            case shadowP99Ms = "shadow_p99_ms"
            case p50Ratio = "p50_ratio"
            case p99Ratio = "p99_ratio"
        }
    }

    /// Byte comparison of the answers.
    public struct Raw: Sendable, Hashable, Codable {
        /// The share of pairs with the same status.
        public var statusMatchRate: Double?
        /// The share of pairs with the same body.
        public var bodyMatchRate: Double?

        /// Creates the comparison; non-finite values are left out.
        public init(statusMatchRate: Double?, bodyMatchRate: Double?) {
            self.statusMatchRate = statusMatchRate.finite
            self.bodyMatchRate = bodyMatchRate.finite
        }

        enum CodingKeys: String, CodingKey {
            case statusMatchRate = "status_match_rate"
            case bodyMatchRate = "body_match_rate"
        }
    }
}
