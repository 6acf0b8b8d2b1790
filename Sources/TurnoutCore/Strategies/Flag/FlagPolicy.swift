import TurnoutFlags
import TurnoutStats

/// Routes by a feature flag: the flag's string variant names the version. The evaluation
/// context is the unit key as `targetingKey` plus the request's headers and OIP parameters.
struct FlagPolicy: RoutingPolicy {
    let flagKey: String
    let fallback: String
    let versions: Set<String>
    let source: any FlagSource

    var weights: [VersionWeight] { [] }
    var needsAttributes: Bool { true }

    func decide(_ request: RoutingRequest, random: inout SeededGenerator) -> Decision {
        let resolution = FlagEvaluator(flagSet: source.flags).evaluate(flagKey, context: request.evaluationContext, expecting: .string)
        if case .string(let version)? = resolution.value, versions.contains(version) {
            return Decision(primary: version, reason: .flag, probability: 1)
        }
        return Decision(primary: fallback, reason: .fallback, probability: 1)
    }

    /// The policy of a flag release on `key`: by the flag when there are flags, else everything
    /// to `fallback` (no flag files configured).
    static func make(key: String, fallback: String, versions: Set<String>, flags: (any FlagSource)?) -> any RoutingPolicy {
        guard let flags else { return SinglePolicy(version: fallback) }
        return FlagPolicy(flagKey: key, fallback: fallback, versions: versions, source: flags)
    }
}
