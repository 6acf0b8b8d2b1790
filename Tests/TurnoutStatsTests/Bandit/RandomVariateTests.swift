import Foundation
import Testing
import TurnoutStats

/// The samplers behind Thompson sampling, against the library's independently tested CDFs: the
/// Kolmogorov–Smirnov distance of 20,000 seeded draws must stay below the 0.1% critical value.
@Suite("Random variates")
struct RandomVariateTests {
    static let draws = 20_000
    /// The asymptotic Kolmogorov–Smirnov critical value at the 0.1% level.
    static let criticalDistance = 1.949 / Double(draws).squareRoot()

    /// The largest gap between the empirical CDF of `sample` and `cdf`.
    static func kolmogorovSmirnovDistance(_ sample: [Double], _ cdf: (Double) -> Double) -> Double {
        let sorted = sample.sorted()
        let count = Double(sorted.count)
        var distance = 0.0
        for (index, value) in sorted.enumerated() {
            let expected = cdf(value)
            distance = max(distance, abs(Double(index + 1) / count - expected), abs(expected - Double(index) / count))
        }
        return distance
    }

    @Test func standardNormalMatchesPhi() {
        var generator = SeededGenerator(seed: 11)
        let sample = (0..<Self.draws).map { _ in RandomVariate.standardNormal(using: &generator) }
        #expect(Self.kolmogorovSmirnovDistance(sample, NormalDistribution.standardCDF) < Self.criticalDistance)
    }

    @Test(arguments: [0.3, 1.0, 2.5, 40.0])
    func gammaMatchesTheRegularizedIncompleteGamma(shape: Double) {
        var generator = SeededGenerator(seed: 12)
        let sample = (0..<Self.draws).map { _ in RandomVariate.gamma(shape: shape, using: &generator) }
        #expect(Self.kolmogorovSmirnovDistance(sample) { SpecialFunctions.regularizedGammaP(shape, $0) } < Self.criticalDistance)
        #expect(sample.allSatisfy { $0 > 0 && $0.isFinite })
    }

    @Test(arguments: [(1.0, 1.0), (3.0, 7.0), (0.5, 0.5), (120.0, 30.0)])
    func betaMatchesTheRegularizedIncompleteBeta(alpha: Double, beta: Double) {
        var generator = SeededGenerator(seed: 13)
        let sample = (0..<Self.draws).map { _ in RandomVariate.beta(alpha, beta, using: &generator) }
        let distance = Self.kolmogorovSmirnovDistance(sample) { SpecialFunctions.regularizedIncompleteBeta($0, a: alpha, b: beta) }
        #expect(distance < Self.criticalDistance)
        #expect(sample.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    @Test func uniformStaysInItsInterval() {
        var generator = SeededGenerator(seed: 14)
        for _ in 0..<10_000 {
            let closed = RandomVariate.uniform(using: &generator)
            let open = RandomVariate.openUniform(using: &generator)
            #expect(closed >= 0 && closed < 1)
            #expect(open > 0 && open < 1)
        }
    }
}
