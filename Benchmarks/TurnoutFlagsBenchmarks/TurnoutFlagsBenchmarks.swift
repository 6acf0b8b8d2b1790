import Benchmark
import Foundation
import TurnoutFlags

/// Evaluation cost of the two kinds of flag a model release uses: a fractional rollout and a
/// targeting rule with three conditions. Per evaluation (scaled by 1,000).
let benchmarks: @Sendable () -> Void = {
    let document = #"""
        {"flags": {
          "rollout": {
            "state": "ENABLED",
            "variants": {"v1": "v1", "v2": "v2", "v3": "v3"},
            "defaultVariant": "v1",
            "targeting": {"fractional": [["v1", 80], ["v2", 15], ["v3", 5]]}
          },
          "targeted": {
            "state": "ENABLED",
            "variants": {"v1": "v1", "v2": "v2"},
            "defaultVariant": "v1",
            "targeting": {"if": [
              {"and": [
                {"ends_with": [{"var": "email"}, "@example.com"]},
                {"in": [{"var": "country"}, ["NL", "DE", "FR"]]},
                {"sem_ver": [{"var": "app_version"}, ">=", "2.1.0"]}
              ]}, "v2", null
            ]}
          }
        }}
        """#
    let flags: FlagSet
    do {
        flags = try FlagSet(parsing: Data(document.utf8))
    } catch {
        fatalError("benchmark flags do not parse: \(error)")
    }
    let evaluator = FlagEvaluator(flagSet: flags, clock: { 1_700_000_000 })
    let countries = ["NL", "US", "DE", "JP"]
    let contexts = (0..<1_024).map { (index: Int) -> EvaluationContext in
        let email: String = index % 2 == 0 ? "u\(index)@example.com" : "u\(index)@elsewhere.org"
        let version: String = index % 3 == 0 ? "2.3.1" : "1.9.0"
        let attributes: [String: JSONValue] = [
            "email": .string(email),
            "country": .string(countries[index % 4]),
            "app_version": .string(version),
        ]
        return EvaluationContext(targetingKey: "user-\(index)", attributes: attributes)
    }
    let configuration = Benchmark.Configuration(metrics: [.wallClock, .throughput], scalingFactor: .kilo, maxDuration: .seconds(3))

    Benchmark("flag with a fractional rule", configuration: configuration) { benchmark in
        var index = 0
        for _ in benchmark.scaledIterations {
            blackHole(evaluator.evaluate("rollout", context: contexts[index & 1023]))
            index &+= 1
        }
    }

    Benchmark("flag with a three-condition targeting rule", configuration: configuration) { benchmark in
        var index = 0
        for _ in benchmark.scaledIterations {
            blackHole(evaluator.evaluate("targeted", context: contexts[index & 1023]))
            index &+= 1
        }
    }
}
