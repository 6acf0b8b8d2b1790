/// The running comparison of one shadow version against the primary: counts, label agreement,
/// numeric differences, distribution drift and latency, fed one mirrored request at a time.
///
/// A value with no I/O: the gateway records each finished mirror with ``record(_:)``, persists
/// the value as JSON (it is `Codable`), and reads ``summary()`` and ``verdict(_:)``.
///
/// Definitions:
/// - a *pair* is a mirrored request whose shadow call ended one way or another; *skipped* and
///   *dropped* requests never reached the shadow and are not pairs;
/// - a pair is *compared* when both sides answered 2xx, both outputs were read, and they have
///   the same number of rows (else it counts as a *shape mismatch*); a pair with a 2xx answer
///   on both sides but an output missing counts as *unreadable* unless `bodiesEqual` is set
///   (the raw protocol, whose bodies are not parsed);
/// - a *primary error* is a status of 500 or more; a *shadow error* is a timeout, a failed call,
///   a status of 500 or more, or any non-2xx status when the primary answered 2xx (the shadow
///   refused a request the primary served). A 4xx on both sides is the client's fault and is
///   neither side's error. Error rates are errors over pairs;
/// - agreement, kappa and numeric differences accumulate over every compared pair; drift and
///   latency use the newest `window` values.
public struct ShadowComparison: Sendable, Equatable, Codable {
    /// Drift needs at least this many paired predictions in the window.
    public static let minimumDriftSample = 20
    /// More distinct labels than this (both sides together) make kappa unavailable.
    public static let maximumDistinctLabels = LabelTally.maximumDistinctLabels

    /// How many of the newest predictions and latencies drift and latency quantiles use.
    public let window: Int

    var pairs = 0
    var compared = 0
    var skipped: [ShadowSkipReason: Int] = [:]
    var dropped = 0
    var timedOut = 0
    var shadowFailures = 0
    var shapeMismatches = 0
    var unreadable = 0
    var primaryErrors = 0
    var shadowErrors = 0
    var statusesCompared = 0
    var statusMatches = 0
    var bodiesCompared = 0
    var bodiesEqual = 0
    var unlabeledPairs = 0
    var labels = LabelTally()
    var numbers = NumericTally()
    var primaryPredictions: SlidingWindow
    var shadowPredictions: SlidingWindow
    var primaryLatencies: SlidingWindow
    var shadowLatencies: SlidingWindow

    /// Starts an empty comparison keeping the newest `window` predictions and latencies.
    ///
    /// - Precondition: `window > 0`.
    public init(window: Int = 5000) {
        precondition(window > 0, "the window must hold at least one value")
        self.window = window
        primaryPredictions = SlidingWindow(capacity: window)
        shadowPredictions = SlidingWindow(capacity: window)
        primaryLatencies = SlidingWindow(capacity: window)
        shadowLatencies = SlidingWindow(capacity: window)
    }

    /// Records a request that was not mirrored (for example a body over `max_body`).
    public mutating func recordSkipped(_ reason: ShadowSkipReason) {
        skipped[reason, default: 0] += 1
    }

    /// Records a mirror dropped because the shadow queue was full.
    public mutating func recordDropped() {
        dropped += 1
    }

    /// Records one mirrored request whose shadow call has ended.
    public mutating func record(_ pair: ShadowPair) {
        pairs += 1
        let primaryServed = (200..<300).contains(pair.primaryStatus)
        if pair.primaryStatus >= 500 { primaryErrors += 1 }
        Self.appendLatency(pair.primaryLatency, to: &primaryLatencies)
        switch pair.shadow {
        case .answered(let status, let latency, let output):
            Self.appendLatency(latency, to: &shadowLatencies)
            statusesCompared += 1
            if status == pair.primaryStatus { statusMatches += 1 }
            let shadowServed = (200..<300).contains(status)
            if status >= 500 || (primaryServed && !shadowServed) { shadowErrors += 1 }
            if let equal = pair.bodiesEqual {
                bodiesCompared += 1
                if equal { bodiesEqual += 1 }
            }
            guard primaryServed && shadowServed else { return }
            if let primary = pair.primaryOutput, let shadow = output {
                compare(primary, shadow)
            } else if pair.bodiesEqual == nil {
                unreadable += 1
            }
        case .timedOut(let latency):
            Self.appendLatency(latency, to: &shadowLatencies)
            timedOut += 1
            shadowErrors += 1
        case .failed:
            shadowFailures += 1
            shadowErrors += 1
        }
    }

    /// Compares two read answers of the same request.
    private mutating func compare(_ primary: ComparedOutput, _ shadow: ComparedOutput) {
        guard primary.rowCount == shadow.rowCount else {
            shapeMismatches += 1
            return
        }
        compared += 1
        if let primaryLabels = primary.labels, let shadowLabels = shadow.labels {
            labels.record(primary: primaryLabels, shadow: shadowLabels)
        } else {
            unlabeledPairs += 1
        }
        numbers.record(primary: primary.numbers, shadow: shadow.numbers)
        let rows = primary.rowCount
        guard primary.predictions.count == rows, shadow.predictions.count == rows else { return }
        // Drift keeps the rows paired: a row enters both windows or neither.
        for (p, s) in zip(primary.predictions, shadow.predictions) where p.isFinite && s.isFinite {
            primaryPredictions.append(p)
            shadowPredictions.append(s)
        }
    }

    /// Latencies that are not finite and non-negative are measurement errors and are left out.
    private static func appendLatency(_ seconds: Double, to window: inout SlidingWindow) {
        if seconds.isFinite && seconds >= 0 { window.append(seconds) }
    }
}
