import TurnoutAdminAPI
import TurnoutStore

extension VersionStatsAnswer {
    /// The answer for a version's aggregated observations.
    init(_ counts: AggregateCounts) {
        self.init(
            requests: counts.count,
            errors: counts.errors,
            errorRate: counts.errorRate,
            latencyP50Ms: counts.latency.quantileMicros(0.5).map { $0 / 1_000 },
            latencyP99Ms: counts.latency.quantileMicros(0.99).map { $0 / 1_000 },
            feedback: counts.rewardCount,
            meanReward: counts.meanReward
        )
    }
}
