extension ReleaseSpec {
    /// The version a release of this spec falls back to when nothing older is known: the
    /// single version, the first version listed in a split (list the stable version first),
    /// or a flag's fallback.
    public var baselineVersion: String {
        switch self {
        case .single(let version): version
        case .split(let weights): weights.first { $0.weight > 0 }?.version ?? weights[0].version
        case .flag(_, let fallback): fallback
        case .abtest(let test): test.control
        case .bandit(let bandit): bandit.arms[0]
        case .shadow(let shadow): shadow.primary
        case .canary(let canary): canary.stable
        case .bluegreen(let blueGreen): blueGreen.active
        }
    }

    /// The version that gets all the traffic when the release is promoted, or `nil` when
    /// promotion keeps the spec's own routing (a flag keeps deciding per request).
    ///
    /// For a split it is the version with the largest weight other than `stable`; a tie goes
    /// to the version listed last, the newest by convention.
    public func promotionTarget(stable: String?) -> String? {
        switch self {
        case .single(let version):
            return version
        case .split(let weights):
            let candidates = weights.filter { $0.version != stable && $0.weight > 0 }
            let best = candidates.reversed().max { $0.weight < $1.weight }
            return best?.version ?? baselineVersion
        case .flag:
            return nil
        case .abtest(let test):
            return ReleaseSpec.split(weights: test.weights).promotionTarget(stable: stable ?? test.control)
        case .bandit(let bandit):
            // Without a recorded winner, a manual promotion goes to the last arm listed.
            return bandit.arms.last { $0 != stable } ?? bandit.arms[0]
        case .canary(let canary):
            return canary.canary
        case .bluegreen(let blueGreen):
            return blueGreen.preview
        case .shadow(let shadow):
            // A plain promotion makes the first shadow the primary; `promote --to` picks another.
            return shadow.shadows.first ?? shadow.primary
        }
    }

    /// The only version that receives traffic, when exactly one does.
    public var soleVersion: String? {
        switch self {
        case .single(let version):
            return version
        case .split(let weights):
            let live = weights.filter { $0.weight > 0 }
            return live.count == 1 ? live[0].version : nil
        case .shadow(let shadow):
            return shadow.primary
        case .bluegreen(let blueGreen):
            // Before the switch only requests asking for the preview reach it.
            return blueGreen.active
        case .flag, .abtest, .bandit, .canary:
            return nil
        }
    }
}
