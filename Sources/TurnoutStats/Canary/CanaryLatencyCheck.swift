import Foundation

/// Compares the canary's latencies with the stable version's, Kayenta-style: the Mann–Whitney U
/// test and the Hodges–Lehmann shift on log latencies, so the shift reads as a ratio of latencies
/// whatever the distributions' shape.
///
/// With `[lower, upper]` the two-sided ``confidence`` interval of the log shift (Moses'
/// interval, see ``MannWhitneyTest``) and `t = log(1 + allowedIncrease)`: the check fails when
/// `lower > t` (the canary is slower by more than the allowed fraction), passes when
/// `upper <= t`, and is inconclusive otherwise or while either version has fewer than
/// ``minSamples`` latencies. Each one-sided statement therefore holds at `(1 + confidence) / 2`
/// (99% for the default 0.98).
///
/// Latencies are seconds. Values at or below zero (clock granularity) are raised to
/// ``latencyFloor`` so their logarithm exists; non-finite values are dropped. When every
/// latency of both versions is the same value the shift is exactly 0 and the check passes.
///
/// The reported `p_value` is the one-sided Mann–Whitney p-value that the canary is slower at
/// all (shift > 0); it is there for people. The verdict comes from the interval against the
/// allowed fraction, so a small p-value with an inconclusive or passing verdict is expected when
/// the canary is slightly, but acceptably, slower.
public struct CanaryLatencyCheck: Sendable, Hashable {
    /// The smallest latency the check uses, one microsecond: lower values are raised to it.
    public static let latencyFloor = 1e-6

    /// The largest acceptable slowdown of the canary as a fraction (0.25: 25% slower).
    public var allowedIncrease: Double
    /// Confidence level of the two-sided interval of the shift.
    public var confidence: Double
    /// Latencies each version needs before the check concludes anything.
    public var minSamples: Int

    /// A check with the given settings.
    public init(allowedIncrease: Double = 0.25, confidence: Double = 0.98, minSamples: Int = 200) {
        self.allowedIncrease = allowedIncrease
        self.confidence = confidence
        self.minSamples = minSamples
    }

    /// Judges the canary's latencies (seconds) against the stable version's.
    public func evaluate(stable: [Double], canary: [Double]) -> CanaryCheckResult {
        let stableSeconds = Self.usable(stable)
        let canarySeconds = Self.usable(canary)
        var values: [String: Double] = [
            "stable_samples": Double(stableSeconds.count), "canary_samples": Double(canarySeconds.count),
            "min_samples": Double(minSamples),
        ]
        let needed = Swift.max(minSamples, 1)
        guard stableSeconds.count >= needed, canarySeconds.count >= needed else {
            return CanaryCheckResult(
                verdict: .inconclusive,
                summary: "too few latencies: canary \(canarySeconds.count), stable \(stableSeconds.count) (need \(needed) each)",
                values: values)
        }
        let comparison: MannWhitneyTest.Result
        do {
            comparison = try MannWhitneyTest(alternative: .greater, confidence: confidence)
                .evaluate(control: stableSeconds.map(Foundation.log), variant: canarySeconds.map(Foundation.log))
        } catch .zeroVariance {
            comparison = Self.identicalSamples(stable: stableSeconds.count, canary: canarySeconds.count)
        } catch {
            return CanaryCheckResult(verdict: .inconclusive, summary: "latency check not possible: \(error)", values: values)
        }
        let threshold = Foundation.log1p(allowedIncrease)
        let verdict: CanaryCheckResult.Verdict =
            if comparison.shiftInterval.lower > threshold { .fail }
            else if comparison.shiftInterval.upper <= threshold { .pass }
            else { .inconclusive }
        let stableMedian = SampleQuantile.linear(stableSeconds, 0.5) ?? 0
        let canaryMedian = SampleQuantile.linear(canarySeconds, 0.5) ?? 0
        values.merge([
            "u": comparison.u, "z": comparison.z, "p_value": comparison.pValue,
            "log_shift": comparison.shift, "log_shift_lower": comparison.shiftInterval.lower,
            "log_shift_upper": comparison.shiftInterval.upper,
            "ratio": Foundation.exp(comparison.shift), "ratio_lower": Foundation.exp(comparison.shiftInterval.lower),
            "ratio_upper": Foundation.exp(comparison.shiftInterval.upper),
            "allowed_ratio": 1 + allowedIncrease, "confidence": confidence,
            "stable_median_seconds": stableMedian, "canary_median_seconds": canaryMedian,
        ]) { _, new in new }
        let percent = CanaryNumberFormat.value(confidence * 100)
        let summary = "canary/stable latency ratio \(CanaryNumberFormat.value(Foundation.exp(comparison.shift)))"
            + " (\(percent)% CI \(CanaryNumberFormat.value(Foundation.exp(comparison.shiftInterval.lower)))"
            + " to \(CanaryNumberFormat.value(Foundation.exp(comparison.shiftInterval.upper)))"
            + ", allowed up to \(CanaryNumberFormat.value(1 + allowedIncrease)))"
            + ", median \(CanaryNumberFormat.value(canaryMedian)) s vs \(CanaryNumberFormat.value(stableMedian)) s"
            + ", p=\(CanaryNumberFormat.pValue(comparison.pValue))"
        return CanaryCheckResult(verdict: verdict, summary: summary, values: values)
    }

    /// Finite latencies, raised to ``latencyFloor``.
    static func usable(_ latencies: [Double]) -> [Double] {
        latencies.lazy.filter(\.isFinite).map { Swift.max($0, latencyFloor) }
    }

    /// The comparison of two samples made of one repeated value: no shift, no evidence either way.
    static func identicalSamples(stable: Int, canary: Int) -> MannWhitneyTest.Result {
        MannWhitneyTest.Result(
            u: Double(stable) * Double(canary) / 2, z: 0, pValue: 1, shift: 0,
            shiftInterval: Interval(lower: 0, upper: 0))
    }
}
