/// A multi-armed bandit: traffic moves towards the arm that earns more reward while it learns.
public struct BanditSpec: Sendable, Equatable, Codable {
    /// The versions competing; the first is the one aborts return to.
    public var arms: [String]
    /// How traffic shares follow the evidence.
    public var policy: Policy
    /// Exploration rate of `epsilon_greedy`.
    public var epsilon: Double
    /// Temperature of `softmax`.
    public var temperature: Double
    /// How rewards are read.
    public var reward: Reward
    /// Every arm keeps at least this share of traffic.
    public var minShare: Double
    /// Seconds between updates of the traffic shares.
    public var updateEvery: Double
    /// Whether a unit keeps its arm between updates (sticky split by the shares) or every
    /// request is drawn afresh (the default, and what the propensities assume).
    public var sticky: Bool
    /// When the bandit concludes.
    public var conclude: Conclusion
    /// The traffic shares the controller computed last; routing only, never configured or
    /// stored (the evidence they come from is in the store). `nil` means equal shares.
    public var shares: [VersionWeight]? = nil

    /// The policies a bandit can follow.
    public enum Policy: String, Sendable, Equatable, Codable, CaseIterable {
        case thompson, ucb1
        case epsilonGreedy = "epsilon_greedy"
        case softmax
    }

    /// How rewards arrive.
    public struct Reward: Sendable, Equatable, Codable {
        /// `bernoulli` for rewards in 0...1, `gaussian` for unbounded ones.
        public var type: RewardType
        /// Seconds after which a decision without a reward gets ``defaultReward``.
        public var wait: Double
        /// The reward a decision gets when none arrived within ``wait``.
        public var defaultReward: Double

        /// Creates reward settings: Bernoulli, ten minutes, default 0.
        public init(type: RewardType = .bernoulli, wait: Double = 600, defaultReward: Double = 0) {
            self.type = type
            self.wait = wait
            self.defaultReward = defaultReward
        }

        enum CodingKeys: String, CodingKey {
            case type, wait
            case defaultReward = "default"
        }
    }

    /// Reward distributions.
    public enum RewardType: String, Sendable, Equatable, Codable, CaseIterable {
        case bernoulli, gaussian
    }

    /// The conclusion rule: an arm that is best with this probability after every arm had
    /// `minSamples` rewards wins.
    public struct Conclusion: Sendable, Equatable, Codable {
        public var probabilityBest: Double
        public var minSamples: Int
        public var action: Action

        /// What a conclusion does.
        public enum Action: String, Sendable, Equatable, Codable, CaseIterable {
            /// The winner gets all of the traffic.
            case promote
            /// Only record the conclusion.
            case none
        }

        /// Creates the rule: 0.95, 1000 rewards per arm, promote.
        public init(probabilityBest: Double = 0.95, minSamples: Int = 1_000, action: Action = .promote) {
            self.probabilityBest = probabilityBest
            self.minSamples = minSamples
            self.action = action
        }

        enum CodingKeys: String, CodingKey {
            case action
            case probabilityBest = "prob_best"
            case minSamples = "min_samples"
        }
    }

    /// Creates a bandit; the defaults are those of the configuration reference.
    public init(
        arms: [String], policy: Policy = .thompson, epsilon: Double = 0.1, temperature: Double = 0.1, reward: Reward = Reward(),
        minShare: Double = 0.01, updateEvery: Double = 1, sticky: Bool = false, conclude: Conclusion = Conclusion()
    ) {
        self.arms = arms
        self.policy = policy
        self.epsilon = epsilon
        self.temperature = temperature
        self.reward = reward
        self.minShare = minShare
        self.updateEvery = updateEvery
        self.sticky = sticky
        self.conclude = conclude
    }

    /// Equal shares: the routing before the first update.
    public var equalWeights: [VersionWeight] {
        arms.map { VersionWeight(version: $0, weight: 1) }
    }

    enum CodingKeys: String, CodingKey {
        case arms, policy, epsilon, temperature, reward, sticky, conclude
        case minShare = "min_share"
        case updateEvery = "update_every"
    }
}
