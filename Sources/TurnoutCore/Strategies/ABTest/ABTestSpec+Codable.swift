import TurnoutStats

extension ABTestSpec: Codable {
    /// Reads a stored test; one stored before guardrails existed has none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            control: try container.decode(String.self, forKey: .control),
            variants: try container.decode([String].self, forKey: .variants),
            weights: try container.decode([VersionWeight].self, forKey: .weights),
            metric: try container.decode(Metric.self, forKey: .metric),
            goal: try container.decode(Goal.self, forKey: .goal),
            effect: try container.decode(EffectScale.self, forKey: .effect),
            test: try container.decode(TestKind.self, forKey: .test),
            alpha: try container.decode(Double.self, forKey: .alpha),
            tuning: try container.decode(Double.self, forKey: .tuning),
            minSamples: try container.decode(Int.self, forKey: .minSamples),
            maxDuration: try container.decode(Double.self, forKey: .maxDuration),
            onConclusion: try container.decode(ConclusionAction.self, forKey: .onConclusion),
            interval: try container.decode(Double.self, forKey: .interval),
            guardrails: try container.decodeIfPresent([MetricCheckSpec].self, forKey: .guardrails) ?? []
        )
    }

    /// Writes the test; `guardrails` is left out when empty, so a test without them is stored
    /// byte for byte as before.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(control, forKey: .control)
        try container.encode(variants, forKey: .variants)
        try container.encode(weights, forKey: .weights)
        try container.encode(metric, forKey: .metric)
        try container.encode(goal, forKey: .goal)
        try container.encode(effect, forKey: .effect)
        try container.encode(test, forKey: .test)
        try container.encode(alpha, forKey: .alpha)
        try container.encode(tuning, forKey: .tuning)
        try container.encode(minSamples, forKey: .minSamples)
        try container.encode(maxDuration, forKey: .maxDuration)
        try container.encode(onConclusion, forKey: .onConclusion)
        try container.encode(interval, forKey: .interval)
        if !guardrails.isEmpty { try container.encode(guardrails, forKey: .guardrails) }
    }
}
