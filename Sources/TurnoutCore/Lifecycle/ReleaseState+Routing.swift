extension ReleaseState {
    /// The version aborts and rollbacks send traffic to.
    public var stableVersion: String {
        previousStable ?? spec.baselineVersion
    }

    /// How traffic is divided in the current phase: the spec's own routing while the release
    /// runs or holds, the promotion target once promoted or completed, the stable version once
    /// aborted.
    public var routing: ReleaseSpec {
        switch phase {
        case .progressing, .paused:
            return spec.strategy.progressingRouting(in: self)
        case .promoted, .completed:
            return (promotedVersion ?? spec.promotionTarget(stable: stableVersion)).map { .single(version: $0) } ?? spec
        case .aborted:
            return .single(version: stableVersion)
        }
    }

    /// The previous stable version for a new release of `spec` that replaces `previous`: the
    /// version the spec names as stable, else the version that had all of the previous
    /// release's traffic, else the one it would have fallen back to; for a first release, the
    /// spec's baseline when promotion would move traffic away from it.
    public static func previousStable(for spec: ReleaseSpec, replacing previous: ReleaseState?) -> String? {
        // A named stable version is what the analysis compares with, and where an abort returns.
        if let named = spec.strategy.namedStableVersion { return named }
        if let previous {
            return previous.routing.soleVersion ?? previous.stableVersion
        }
        let baseline = spec.baselineVersion
        return spec.promotionTarget(stable: baseline) == baseline ? nil : baseline
    }
}
