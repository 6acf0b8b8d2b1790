import Foundation
import Testing
import TurnoutStats

/// The running shadow comparison: the issue's agreement/kappa vector, kappa from counts against
/// statsmodels (drift.json), drift and latency quantiles against the scipy/NumPy-checked
/// `DistributionDrift` and `SampleQuantile` on exactly the window, hand-computable numeric
/// differences and counts, the verdict's reasons, merging and the Codable round trip.
@Suite("Shadow comparison")
struct ShadowComparisonTests {
    /// The label cases of drift.json (scripts/oracles/stats_fixtures.py, statsmodels' cohens_kappa).
    struct LabelFixtures: Decodable {
        struct Case: Decodable {
            let live: [Int]
            let shadow: [Int]
            let agreement: Double
            let kappa: Double
        }

        let labels: [Case]
    }

    static let live = [0, 0, 1, 1, 1, 0, 1, 0, 1, 1]
    static let shadow = [0, 1, 1, 1, 0, 0, 1, 0, 1, 1]

    static func output(labels: [String]? = nil, predictions: [Double] = [], numbers: [Double] = []) -> ComparedOutput {
        ComparedOutput(labels: labels, predictions: predictions, numbers: numbers)
    }

    /// A pair both sides answered 200 with the given outputs.
    static func answered(
        _ primary: ComparedOutput?, _ shadow: ComparedOutput?, primaryLatency: Double = 0.01, shadowLatency: Double = 0.01
    ) -> ShadowPair {
        ShadowPair(primaryStatus: 200, primaryLatency: primaryLatency, primaryOutput: primary,
                   shadow: .answered(status: 200, latency: shadowLatency, output: shadow))
    }

    static func labelPair(_ primary: [Int], _ shadow: [Int]) -> ShadowPair {
        answered(output(labels: primary.map(String.init)), output(labels: shadow.map(String.init)))
    }

    // MARK: Labels

    @Test("issue vector: agreement 0.8, kappa 0.583333, as ten one-row pairs and as one ten-row pair")
    func issueVector() throws {
        var oneRowPairs = ShadowComparison()
        for (a, b) in zip(Self.live, Self.shadow) { oneRowPairs.record(Self.labelPair([a], [b])) }
        var oneBatch = ShadowComparison()
        oneBatch.record(Self.labelPair(Self.live, Self.shadow))
        for (comparison, pairs) in [(oneRowPairs, 10), (oneBatch, 1)] {
            let summary = comparison.summary()
            #expect(summary.pairs == pairs)
            #expect(summary.compared == pairs)
            #expect(summary.labeledRows == 10)
            #expect(abs(try #require(summary.agreement) - 0.8) < 1e-12)
            #expect(abs(try #require(summary.kappa) - 0.583333) < 1e-6)
        }
    }

    @Test("kappa from counts and from a confusion table equals statsmodels and the array form on drift.json")
    func kappaFromCounts() throws {
        let file: LabelFixtures = try Fixture.load("drift.json")
        var log = MismatchLog()
        for (index, fixture) in file.labels.enumerated() {
            let arrays = try LabelAgreement(fixture.live, fixture.shadow)
            let classes = Set(fixture.live + fixture.shadow).max()! + 1
            var table = [[Int]](repeating: [Int](repeating: 0, count: classes), count: classes)
            for (a, b) in zip(fixture.live, fixture.shadow) { table[a][b] += 1 }
            let fromTable = try LabelAgreement(confusion: table)
            var comparison = ShadowComparison()
            comparison.record(Self.labelPair(fixture.live, fixture.shadow))
            let summary = comparison.summary()
            let tolerance = Tolerance(relative: 1e-12, absolute: 1e-14)
            log.check(fromTable.kappa, fixture.kappa, tolerance, "labels \(index) table kappa vs statsmodels")
            log.check(fromTable.kappa, arrays.kappa, tolerance, "labels \(index) table kappa vs arrays")
            log.check(fromTable.agreement, fixture.agreement, Tolerance(relative: 1e-14, absolute: 0), "labels \(index) table agreement")
            log.check(summary.kappa ?? .nan, fixture.kappa, tolerance, "labels \(index) comparison kappa vs statsmodels")
            log.check(summary.agreement ?? .nan, fixture.agreement, Tolerance(relative: 1e-14, absolute: 0), "labels \(index) comparison agreement")
            #expect(fromTable.count == fixture.live.count)
        }
        #expect(log.checked == 5 * file.labels.count)
        #expect(log.lines.isEmpty, "\(log.summary)")
    }

    @Test("confusion tables and counts that cannot be right are refused")
    func invalidCounts() {
        #expect(throws: StatisticsError.self) { try LabelAgreement(confusion: [[1, 2], [3]]) }
        #expect(throws: StatisticsError.self) { try LabelAgreement(confusion: [[1, -2], [3, 4]]) }
        #expect(throws: StatisticsError.emptyArm) { try LabelAgreement(confusion: [[0, 0], [0, 0]]) }
        #expect(throws: StatisticsError.self) { try LabelAgreement(matches: 1, firstCounts: ["a": 2], secondCounts: ["a": 1]) }
        #expect(throws: StatisticsError.self) { try LabelAgreement(matches: 2, firstCounts: ["a": 2], secondCounts: ["b": 2]) }
    }

    @Test("a shadow that flips every 10th label agrees on exactly 90% of rows", arguments: [1, 7, 50])
    func knownDisagreement(rowsPerPair: Int) throws {
        var generator = SeededGenerator(seed: 42)
        let primary = (0..<1000).map { _ in Int(generator.next() % 3) }
        let shadow = primary.enumerated().map { index, label in index % 10 == 9 ? (label + 1) % 3 : label }
        var comparison = ShadowComparison()
        var start = 0
        while start < primary.count {
            let end = min(start + rowsPerPair, primary.count)
            comparison.record(Self.labelPair(Array(primary[start..<end]), Array(shadow[start..<end])))
            start = end
        }
        let summary = comparison.summary()
        #expect(summary.labeledRows == 1000)
        #expect(summary.agreement == 0.9)
        let reference = try LabelAgreement(primary, shadow)
        #expect(abs(try #require(summary.kappa) - reference.kappa) < 1e-12)
    }

    @Test("kappa is unavailable, with the reason, past 1000 distinct labels and for one constant label")
    func kappaUnavailable() throws {
        var many = ShadowComparison()
        many.record(Self.answered(Self.output(labels: (0..<600).map { "p\($0)" }), Self.output(labels: (0..<600).map { "s\($0)" })))
        #expect(many.summary().kappa == nil)
        #expect(many.summary().kappaUnavailable?.contains("more than 1000 distinct labels") == true)
        #expect(many.summary().agreement == 0)
        var exactlyAtBound = ShadowComparison()
        exactlyAtBound.record(Self.answered(Self.output(labels: (0..<500).map { "p\($0)" }), Self.output(labels: (0..<500).map { "s\($0)" })))
        #expect(exactlyAtBound.summary().kappa != nil)
        var constant = ShadowComparison()
        constant.record(Self.labelPair([1, 1, 1], [1, 1, 1]))
        #expect(constant.summary().agreement == 1)
        #expect(constant.summary().kappa == nil)
        #expect(constant.summary().kappaUnavailable == "both sides always give the same single label")
        var unlabeled = ShadowComparison()
        unlabeled.record(Self.answered(Self.output(predictions: [0.5]), Self.output(labels: ["1"], predictions: [0.5])))
        #expect(unlabeled.summary().agreement == nil)
        #expect(unlabeled.summary().agreementUnavailable == "the outputs carry no labels")
        #expect(ShadowComparison().summary().agreementUnavailable == "no compared pairs yet")
    }

    // MARK: Numbers

    @Test("numeric differences: mean and max absolute, mean relative over non-zero primaries")
    func numericDifferences() throws {
        var comparison = ShadowComparison()
        comparison.record(Self.answered(Self.output(predictions: [1, 2], numbers: [1, 2]), Self.output(predictions: [1.5, 2], numbers: [1.5, 2])))
        comparison.record(Self.answered(Self.output(predictions: [0, -4], numbers: [0, -4, .nan]), Self.output(predictions: [1, -2], numbers: [1, -2, 3])))
        // Different counts of numbers: compared for rows, not for numbers.
        comparison.record(Self.answered(Self.output(predictions: [1], numbers: [1, 2]), Self.output(predictions: [9], numbers: [9])))
        let summary = comparison.summary()
        // |d| = 0.5, 0, 1, 2 (the NaN pair is left out); |d|/|p| = 0.5, 0, 0.5 (p = 0 left out).
        #expect(summary.comparedNumbers == 4)
        #expect(summary.meanAbsoluteDifference == 0.875)
        #expect(summary.maxAbsoluteDifference == 2)
        #expect(abs(try #require(summary.meanRelativeDifference) - 1.0 / 3) < 1e-15)
        #expect(summary.compared == 3)
        #expect(ShadowComparison().summary().meanAbsoluteDifference == nil)
    }

    // MARK: Drift

    @Test("drift equals DistributionDrift on the newest window of paired predictions")
    func driftOnTheWindow() throws {
        var generator = SeededGenerator(seed: 7)
        let window = 200
        let total = 530
        let primary = (0..<total).map { _ in generator.nextUniform() }
        // The shadow drifts upward later on, so the newest window differs from the whole run.
        let shadow = primary.enumerated().map { index, value in index < 300 ? value * 0.5 : min(1, value + 0.2) }
        var comparison = ShadowComparison(window: window)
        var start = 0
        while start < total {
            let end = min(start + 3, total)
            comparison.record(Self.answered(Self.output(predictions: Array(primary[start..<end])), Self.output(predictions: Array(shadow[start..<end]))))
            start = end
        }
        let summary = comparison.summary()
        let expected = try DistributionDrift(reference: Array(primary.suffix(window)), candidate: Array(shadow.suffix(window)), bins: 10)
        let everything = try DistributionDrift(reference: primary, candidate: shadow, bins: 10)
        #expect(summary.driftSampleSize == window)
        #expect(summary.populationStabilityIndex == expected.populationStabilityIndex)
        #expect(summary.jensenShannonDistance == expected.jensenShannonDistance)
        #expect(summary.kolmogorovSmirnov == expected.kolmogorovSmirnov)
        #expect(summary.driftUnavailable == nil)
        #expect(summary.populationStabilityIndex != everything.populationStabilityIndex)
        #expect(summary.kolmogorovSmirnov != everything.kolmogorovSmirnov)
    }

    @Test("drift waits for 20 paired finite predictions")
    func driftNeedsTwentyValues() throws {
        var comparison = ShadowComparison()
        let values = (0..<19).map(Double.init)
        comparison.record(Self.answered(Self.output(predictions: values + [.nan]), Self.output(predictions: values + [1])))
        #expect(comparison.summary().populationStabilityIndex == nil)
        #expect(comparison.summary().driftUnavailable == "19 paired predictions in the window, fewer than 20")
        comparison.record(Self.answered(Self.output(predictions: [3]), Self.output(predictions: [4])))
        #expect(comparison.summary().driftSampleSize == 20)
        let expected = try DistributionDrift(reference: values + [3], candidate: values + [4])
        #expect(comparison.summary().populationStabilityIndex == expected.populationStabilityIndex)
    }

    // MARK: Latency

    @Test("latency p50/p99 per side over the window and their ratios")
    func latency() throws {
        var comparison = ShadowComparison(window: 100)
        // 50 old, slow pairs fall out of the window; then primaries 1...100 ms and shadows twice that.
        for _ in 0..<50 { comparison.record(Self.answered(nil, nil, primaryLatency: 9, shadowLatency: 9)) }
        for millisecond in 1...100 {
            comparison.record(Self.answered(nil, nil, primaryLatency: Double(millisecond) / 1000, shadowLatency: Double(millisecond) / 500))
        }
        let summary = comparison.summary()
        // NumPy's linear quantile of 1...100: p50 = 50.5, p99 = 99 + 0.01 * (100 - 99) = 99.01.
        #expect(abs(try #require(summary.primaryLatencyP50) - 0.0505) < 1e-15)
        #expect(abs(try #require(summary.primaryLatencyP99) - 0.09901) < 1e-15)
        #expect(abs(try #require(summary.shadowLatencyP50) - 0.101) < 1e-15)
        #expect(abs(try #require(summary.shadowLatencyP99) - 0.19802) < 1e-15)
        #expect(abs(try #require(summary.latencyP50Ratio) - 2) < 1e-12)
        #expect(abs(try #require(summary.latencyP99Ratio) - 2) < 1e-12)
    }

    // MARK: Counts

    @Test("counts: timeouts, failures, skips, drops, shape mismatches, unreadable, error rates, statuses and bodies")
    func counts() throws {
        var comparison = ShadowComparison()
        let one = Self.output(labels: ["1"], predictions: [0.9])
        comparison.record(Self.answered(one, one))
        comparison.record(ShadowPair(primaryStatus: 200, primaryLatency: 0.01, primaryOutput: one, shadow: .timedOut(latency: 5)))
        comparison.record(ShadowPair(primaryStatus: 200, primaryLatency: 0.01, primaryOutput: one, shadow: .failed(reason: "connection refused")))
        comparison.record(ShadowPair(primaryStatus: 200, primaryLatency: 0.01, primaryOutput: one, shadow: .answered(status: 503, latency: 0.01, output: nil)))
        comparison.record(ShadowPair(primaryStatus: 200, primaryLatency: 0.01, primaryOutput: one, shadow: .answered(status: 422, latency: 0.01, output: nil)))
        comparison.record(ShadowPair(primaryStatus: 400, primaryLatency: 0.01, primaryOutput: nil, shadow: .answered(status: 400, latency: 0.01, output: nil)))
        comparison.record(ShadowPair(primaryStatus: 502, primaryLatency: 0.01, primaryOutput: nil, shadow: .answered(status: 200, latency: 0.01, output: one)))
        comparison.record(Self.answered(one, Self.output(labels: ["1", "0"], predictions: [0.9, 0.1])))
        comparison.record(Self.answered(one, nil))
        comparison.record(ShadowPair(primaryStatus: 200, primaryLatency: 0.01, primaryOutput: nil,
                                     shadow: .answered(status: 200, latency: 0.01, output: nil), bodiesEqual: true))
        comparison.record(ShadowPair(primaryStatus: 200, primaryLatency: 0.01, primaryOutput: nil,
                                     shadow: .answered(status: 200, latency: 0.01, output: nil), bodiesEqual: false))
        comparison.recordSkipped(.bodyTooLarge)
        comparison.recordSkipped(.bodyTooLarge)
        comparison.recordSkipped(.notComparable)
        for _ in 0..<4 { comparison.recordDropped() }
        let summary = comparison.summary()
        #expect(summary.pairs == 11)
        #expect(summary.compared == 1)
        #expect(summary.timedOut == 1)
        #expect(summary.shadowFailures == 1)
        #expect(summary.shapeMismatches == 1)
        #expect(summary.unreadable == 1)
        #expect(summary.skipped == [.bodyTooLarge: 2, .notComparable: 1])
        #expect(summary.skippedTotal == 3)
        #expect(summary.dropped == 4)
        // Primary: only the 502. Shadow: timeout, failure, 503, and the 422 to a request the primary served.
        #expect(summary.primaryErrors == 1)
        #expect(summary.shadowErrors == 4)
        #expect(summary.primaryErrorRate == 1.0 / 11)
        #expect(summary.shadowErrorRate == 4.0 / 11)
        // 9 answered shadow calls; statuses differ for the 503, the 422 and the 502/200 pair.
        #expect(summary.statusMatchRate == 6.0 / 9)
        #expect(summary.bodyEqualityRate == 0.5)
        // The timeout counts at its latency on the shadow side; the failure has none.
        #expect(summary.shadowLatencyP99 != nil)
        let empty = ShadowComparison().summary()
        #expect(empty.shadowErrorRate == nil)
        #expect(empty.statusMatchRate == nil)
        #expect(empty.bodyEqualityRate == nil)
    }

    // MARK: Verdict

    /// A comparison with 10 labelled rows at agreement 0.8, drift and latency from 30 rows.
    static func populated() -> ShadowComparison {
        var comparison = ShadowComparison()
        comparison.record(Self.labelPair(live, shadow))
        let predictions = (0..<30).map { Double($0) / 30 }
        comparison.record(Self.answered(Self.output(predictions: predictions), Self.output(predictions: predictions.map { $0 * $0 }),
                                        primaryLatency: 0.010, shadowLatency: 0.030))
        comparison.record(ShadowPair(primaryStatus: 200, primaryLatency: 0.010, primaryOutput: nil, shadow: .failed(reason: "reset")))
        return comparison
    }

    @Test("verdict reasons, one per failed criterion")
    func verdictReasons() throws {
        let summary = Self.populated().summary()
        let psi = try #require(summary.populationStabilityIndex)
        #expect(psi > 0.2)
        let verdict = summary.verdict(ShadowThresholds(minPairs: 1000, minAgreement: 0.95, maxPSI: 0.2, maxLatencyP99Ratio: 1.5, maxErrorRate: 0.01))
        #expect(!verdict.ready)
        #expect(verdict.reasons == [
            "3 pairs, fewer than min_pairs 1000",
            "agreement 0.8 below min_agreement 0.95",
            "psi \(String(format: "%.3g", psi)) above max_psi 0.2",
            // Primary latencies 0.01 three times; shadow 0.01 and 0.03, whose linear p99 is 0.0298.
            "latency p99 ratio 2.98 above max_latency_p99_ratio 1.5",
            "shadow error rate 0.333 above max_error_rate 0.01",
        ])
        let passing = summary.verdict(ShadowThresholds(minPairs: 3, minAgreement: 0.8, maxPSI: psi, maxLatencyP99Ratio: 2.98, maxErrorRate: 0.34))
        #expect(passing == ShadowVerdict(reasons: []))
        #expect(passing.ready)
        #expect(summary.verdict(ShadowThresholds(minPairs: 0)).ready)
    }

    @Test("a value that rounds to its limit is printed with more digits")
    func verdictDigits() {
        var comparison = ShadowComparison()
        let primary = (0..<10_000).map { _ in "a" }
        var shadow = primary
        shadow[0] = "b"
        comparison.record(Self.labelPair([], []))
        comparison.record(Self.answered(Self.output(labels: primary), Self.output(labels: shadow)))
        #expect(comparison.verdict(ShadowThresholds(minPairs: 0, minAgreement: 0.99995)).reasons == ["agreement 0.9999 below min_agreement 0.99995"])
    }

    @Test("unavailable criteria are reasons too")
    func verdictUnavailable() {
        var comparison = ShadowComparison()
        comparison.record(Self.answered(Self.output(predictions: [1]), Self.output(predictions: [2])))
        let verdict = comparison.verdict(ShadowThresholds(minPairs: 1, minAgreement: 0.9, maxPSI: 0.1, maxLatencyP99Ratio: 2, maxErrorRate: 0.1))
        #expect(verdict.reasons == [
            "agreement unavailable: the outputs carry no labels",
            "psi unavailable: 1 paired predictions in the window, fewer than 20",
        ])
        let empty = ShadowComparison().verdict(ShadowThresholds(minPairs: 0, maxLatencyP99Ratio: 2, maxErrorRate: 0.1))
        #expect(empty.reasons == ["latency p99 ratio unavailable: no shadow latencies yet", "shadow error rate unavailable: no pairs yet"])
    }

    // MARK: Persistence and merging

    @Test("Codable round trip keeps the comparison and its summary; thresholds read the config keys")
    func codableRoundTrip() throws {
        var comparison = ShadowComparison(window: 25)
        comparison.record(Self.labelPair(Self.live, Self.shadow))
        for index in 0..<40 {
            comparison.record(Self.answered(Self.output(predictions: [Double(index)], numbers: [Double(index)]),
                                            Self.output(predictions: [Double(index) + 0.5], numbers: [Double(index) * 1.1]),
                                            primaryLatency: Double(index) / 1000, shadowLatency: Double(index) / 800))
        }
        comparison.recordSkipped(.bodyTooLarge)
        comparison.recordDropped()
        let data = try JSONEncoder().encode(comparison)
        let decoded = try JSONDecoder().decode(ShadowComparison.self, from: data)
        #expect(decoded == comparison)
        #expect(decoded.summary() == comparison.summary())
        #expect(decoded.window == 25)
        let summaryData = try JSONEncoder().encode(comparison.summary())
        #expect(try JSONDecoder().decode(ShadowSummary.self, from: summaryData) == comparison.summary())
        // Recording after decoding continues the window where it was.
        var continued = decoded
        var original = comparison
        for index in 0..<30 {
            let pair = Self.answered(Self.output(predictions: [Double(index)]), Self.output(predictions: [Double(index * 2)]))
            continued.record(pair)
            original.record(pair)
        }
        #expect(continued.summary() == original.summary())

        let thresholds = try JSONDecoder().decode(ShadowThresholds.self, from: Data(#"{"min_agreement": 0.95, "max_psi": 0.1, "max_latency_p99_ratio": 1.5, "max_error_rate": 0.01}"#.utf8))
        #expect(thresholds == ShadowThresholds(minPairs: 1000, minAgreement: 0.95, maxPSI: 0.1, maxLatencyP99Ratio: 1.5, maxErrorRate: 0.01))
        #expect(try JSONDecoder().decode(ShadowThresholds.self, from: JSONEncoder().encode(thresholds)) == thresholds)
    }

    @Test("merging two halves equals recording everything in one comparison")
    func merge() throws {
        var generator = SeededGenerator(seed: 11)
        var pairs: [ShadowPair] = []
        for index in 0..<300 {
            let label = Int(generator.next() % 4)
            let prediction = generator.nextUniform()
            let shadowOutcome: ShadowOutcome = index % 37 == 0
                ? .timedOut(latency: 1)
                : .answered(status: index % 53 == 0 ? 500 : 200, latency: generator.nextUniform() / 10,
                            output: Self.output(labels: [String(index % 9 == 0 ? (label + 1) % 4 : label)], predictions: [prediction * 1.1], numbers: [prediction * 1.1]))
            pairs.append(ShadowPair(primaryStatus: 200, primaryLatency: generator.nextUniform() / 20,
                                    primaryOutput: Self.output(labels: [String(label)], predictions: [prediction], numbers: [prediction]),
                                    shadow: shadowOutcome))
        }
        var whole = ShadowComparison(window: 120)
        var first = ShadowComparison(window: 120)
        var second = ShadowComparison(window: 120)
        for (index, pair) in pairs.enumerated() {
            whole.record(pair)
            if index < 170 { first.record(pair) } else { second.record(pair) }
        }
        whole.recordDropped()
        second.recordDropped()
        let merged = first.merging(second)
        let expected = whole.summary()
        let actual = merged.summary()
        #expect(actual.pairs == expected.pairs)
        #expect(actual.dropped == 1)
        #expect(actual.shadowErrors == expected.shadowErrors)
        #expect(actual.agreement == expected.agreement)
        #expect(abs(try #require(actual.kappa) - (try #require(expected.kappa))) < 1e-12)
        #expect(abs(try #require(actual.meanAbsoluteDifference) - (try #require(expected.meanAbsoluteDifference))) < 1e-15)
        #expect(actual.maxAbsoluteDifference == expected.maxAbsoluteDifference)
        #expect(actual.populationStabilityIndex == expected.populationStabilityIndex)
        #expect(actual.kolmogorovSmirnov == expected.kolmogorovSmirnov)
        #expect(actual.primaryLatencyP99 == expected.primaryLatencyP99)
        #expect(actual.shadowLatencyP50 == expected.shadowLatencyP50)
    }
}
