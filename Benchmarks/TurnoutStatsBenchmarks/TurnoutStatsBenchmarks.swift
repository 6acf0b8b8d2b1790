import Benchmark
import TurnoutStats

/// The cost of each bandit policy: one decision (`choose`, what a per-request policy would pay)
/// and one update of the traffic shares (`shares`, what the gateway pays every `update_every`;
/// Thompson estimates the probability of being best from 10,000 posterior draws). Three arms
/// with some evidence each.
let benchmarks: @Sendable () -> Void = {
    let arms = [
        BanditArmStatistics.bernoulli(successes: 480, of: 1_000),
        .bernoulli(successes: 530, of: 1_100),
        .bernoulli(successes: 210, of: 400),
    ]
    let perDecision = Benchmark.Configuration(metrics: [.wallClock, .throughput], scalingFactor: .kilo, maxDuration: .seconds(3))
    let perUpdate = Benchmark.Configuration(metrics: [.wallClock, .throughput], scalingFactor: .one, maxDuration: .seconds(3))
    for kind in BanditPolicy.Kind.allCases {
        guard let policy = try? BanditPolicy(kind: kind, minShare: 0.05) else { fatalError("invalid benchmark policy \(kind)") }
        Benchmark("\(kind.rawValue) decision", configuration: perDecision) { benchmark in
            var generator = SeededGenerator(seed: 1)
            for _ in benchmark.scaledIterations {
                blackHole(try? policy.choose(arms: arms, random: &generator))
            }
        }
        Benchmark("\(kind.rawValue) shares update", configuration: perUpdate) { benchmark in
            var generator = SeededGenerator(seed: 1)
            for _ in benchmark.scaledIterations {
                blackHole(try? policy.shares(arms: arms, random: &generator))
            }
        }
    }
}
