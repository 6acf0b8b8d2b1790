/// One arm of a bandit, inside an ``ExperimentAnswer``.
public struct BanditArmAnswer: Sendable, Hashable, Codable {
    /// The arm's version.
    public var name: String
    /// How many requests it answered since the evidence started.
    public var pulls: Int64
    /// How many rewards it received (a count, written as a number).
    public var rewards: Double
    /// The mean reward; `null` before the first reward.
    public var mean: Double?
    /// A 95% interval of the mean as `[lower, upper]`; `null` with fewer than two rewards.
    public var ci: [Double]?
    /// Its share of traffic in force now, from 0 to 1.
    public var share: Double
    /// The share the policy computed for the next period.
    public var nextShare: Double
    /// The probability that it is the best arm.
    public var probabilityBest: Double

    /// Creates an arm.
    public init(
        name: String, pulls: Int64, rewards: Double, mean: Double?, ci: [Double]?, share: Double, nextShare: Double,
        probabilityBest: Double
    ) {
        self.name = name
        self.pulls = pulls
        self.rewards = rewards
        self.mean = mean
        self.ci = ci
        self.share = share
        self.nextShare = nextShare
        self.probabilityBest = probabilityBest
    }

    enum CodingKeys: String, CodingKey {
        case name, pulls, rewards, mean, ci, share
        case nextShare = "next_share"
        case probabilityBest = "probability_best"
    }

    /// Writes a missing mean or interval as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(pulls, forKey: .pulls)
        try container.encode(rewards, forKey: .rewards)
        try container.encode(mean, forKey: .mean)
        try container.encode(ci, forKey: .ci)
        try container.encode(share, forKey: .share)
        try container.encode(nextShare, forKey: .nextShare)
        try container.encode(probabilityBest, forKey: .probabilityBest)
    }
}
