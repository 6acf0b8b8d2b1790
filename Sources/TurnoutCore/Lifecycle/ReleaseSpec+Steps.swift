extension ReleaseSpec {
    /// How many lifecycle steps a release with this spec has.
    ///
    /// Strategies without steps (single, split, flag) are one step: promoting it promotes
    /// the release. Stepped strategies (canary) will report their own count here.
    public var lifecycleStepCount: Int {
        switch self {
        case .single, .split, .flag, .abtest, .bandit, .shadow: 1
        case .canary(let canary): canary.stepCount
        case .bluegreen(let blueGreen): blueGreen.stepCount
        }
    }
}
