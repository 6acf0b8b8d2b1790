extension BanditSpec {
    /// The bandit in configuration syntax as one line of JSON, keys in the order the configuration
    /// reference uses; the reader reads it back to the same value.
    public var configJSON: String {
        let bandit = self
        let fields = [
            #""strategy":"bandit""#,
            #""arms":[\#(bandit.arms.map(ReleaseSpec.quoted).joined(separator: ","))]"#,
            #""policy":"\#(bandit.policy.rawValue)""#,
            #""epsilon":\#(ReleaseJSONText.number(bandit.epsilon))"#,
            #""temperature":\#(ReleaseJSONText.number(bandit.temperature))"#,
            #""reward":{"type":"\#(bandit.reward.type.rawValue)","wait":"\#(ReleaseJSONText.durationText(bandit.reward.wait))","default":\#(ReleaseJSONText.number(bandit.reward.defaultReward))}"#,
            #""min_share":\#(ReleaseJSONText.number(bandit.minShare))"#,
            #""update_every":"\#(ReleaseJSONText.durationText(bandit.updateEvery))""#,
            #""sticky":\#(bandit.sticky)"#,
            #""conclude":{"prob_best":\#(ReleaseJSONText.number(bandit.conclude.probabilityBest)),"min_samples":\#(bandit.conclude.minSamples),"action":"\#(bandit.conclude.action.rawValue)"}"#,
        ]
        return "{" + fields.joined(separator: ",") + "}"
    }
}
