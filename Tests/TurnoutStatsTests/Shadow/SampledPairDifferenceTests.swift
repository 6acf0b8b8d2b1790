import Testing
import TurnoutStats

/// One sampled pair judged the way the running comparison judges pairs: statuses first, then
/// the top-1 labels row by row; unlabeled answers are not judged but their gap is given.
@Suite("Sampled pair difference")
struct SampledPairDifferenceTests {
    static func output(_ labels: [String]?, _ predictions: [Double]) -> ComparedOutput {
        ComparedOutput(labels: labels, predictions: predictions, numbers: predictions)
    }

    @Test("each way a pair can differ, or not be judged, is told apart")
    func cases() {
        let primary = Self.output(["1", "0", "1"], [0.9, 0.2, 0.7])
        let cases: [(Int?, ComparedOutput?, ShadowOutcome, Bool?, String)] = [
            (200, primary, .answered(status: 200, latency: 0, output: Self.output(["1", "0", "1"], [0.8, 0.2, 0.7])), true, "same labels in 3 rows"),
            (200, primary, .answered(status: 200, latency: 0, output: Self.output(["1", "1", "0"], [0.9, 0.6, 0.4])), false,
             "label 0 vs 1 in row 1; 2 of 3 rows differ"),
            (200, primary, .answered(status: 503, latency: 0, output: nil), false, "status 200 vs 503"),
            (500, nil, .answered(status: 500, latency: 0, output: nil), true, "both answered 500"),
            (200, primary, .answered(status: 200, latency: 0, output: Self.output(["1"], [0.9])), false, "3 rows vs 1"),
            (200, primary, .answered(status: 200, latency: 0, output: nil), nil,
             "not compared: an answer was cut to max_bytes or is not a model answer"),
            (200, Self.output(nil, [1.5]), .answered(status: 200, latency: 0, output: Self.output(nil, [1.25])), nil, "no labels to compare"),
            (200, primary, .timedOut(latency: 1), false, "the shadow timed out"),
            (200, primary, .failed(reason: "connection refused"), false, "the shadow failed: connection refused"),
            (nil, primary, .answered(status: 200, latency: 0, output: primary), true, "same labels in 3 rows"),
        ]
        for (status, primaryOutput, shadow, agrees, summary) in cases {
            let difference = SampledPairDifference(primaryStatus: status, primaryOutput: primaryOutput, shadow: shadow)
            #expect(difference.agrees == agrees && difference.summary == summary, "\(shadow): \(difference)")
        }
    }

    @Test("the largest gap between paired finite predictions is given, NaN left out")
    func largestGap() {
        let difference = SampledPairDifference(
            primaryStatus: 200, primaryOutput: Self.output(nil, [1.5, .nan, 2]),
            shadow: .answered(status: 200, latency: 0, output: Self.output(nil, [1.25, 3, 2.5]))
        )
        #expect(difference.maxPredictionDifference == 0.5)
    }
}
