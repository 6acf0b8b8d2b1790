import Testing
import TurnoutStats

@Suite("BanditArmStatistics")
struct BanditArmStatisticsTests {
    @Test func recordingAccumulatesCountSumAndSquares() {
        var arm = BanditArmStatistics.empty
        for reward in [1.0, 0.0, 0.5, 2.0] { arm.record(reward) }
        #expect(arm == BanditArmStatistics(n: 4, sum: 3.5, sumSquares: 5.25))
        #expect(arm.mean == 0.875)
        // Unbiased variance of 1, 0, 0.5, 2: Σ(x − 0.875)² / 3 = 2.1875 / 3.
        #expect(abs(arm.sampleVariance - 2.1875 / 3) < 1e-15)
    }

    @Test func mergingIsTheStatisticsOfTheUnion() {
        var first = BanditArmStatistics.empty
        var second = BanditArmStatistics.empty
        var union = BanditArmStatistics.empty
        for (index, reward) in [0.2, 0.9, 1.0, 0.0, 0.4].enumerated() {
            if index < 2 { first.record(reward) } else { second.record(reward) }
            union.record(reward)
        }
        #expect(first.merging(second) == union)
        #expect(first + second == union)
        var merged = first
        merged.merge(second)
        #expect(merged == union)
        #expect(first.merging(.empty) == first)
    }

    @Test func emptyArmHasZeroMeanAndVariance() {
        #expect(BanditArmStatistics.empty.mean == 0)
        #expect(BanditArmStatistics.empty.sampleVariance == 0)
        #expect(BanditArmStatistics.bernoulli(successes: 3, of: 4) == BanditArmStatistics(n: 4, sum: 3, sumSquares: 3))
    }
}
