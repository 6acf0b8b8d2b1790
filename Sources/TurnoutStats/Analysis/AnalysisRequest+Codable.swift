extension AnalysisRequest: Codable {
    static let keys: Set<String> = [
        "arms", "control", "metric", "effect", "test", "alpha", "tuning", "alternative", "goal",
        "weights", "srm_threshold", "min_samples", "planned_sample_size", "final", "prior", "prior_scale",
    ]

    /// Decodes strictly: unknown keys, wrong types and values outside their domain throw an
    /// ``AnalysisError`` naming the field.
    public init(from decoder: any Decoder) throws {
        let object = try StrictObject(decoder, allowed: Self.keys)
        let defaults = AnalysisRequest(arms: [], control: "")
        arms = try object.required("arms", "an array of arms")
        control = try object.required("control", "the name of the control arm")
        metric = try object.choice("metric", default: defaults.metric)
        effect = try object.choice("effect", default: defaults.effect)
        test = try object.choice("test", default: defaults.test)
        alpha = try object.optional("alpha", "a number in (0, 1)") ?? defaults.alpha
        tuning = try object.optional("tuning", "a positive number") ?? defaults.tuning
        alternative = try object.choice("alternative", default: defaults.alternative)
        goal = try object.choice("goal", default: defaults.goal)
        weights = try object.optional("weights", "an object mapping arm names to weights")
        srmThreshold = try object.optional("srm_threshold", "a number in (0, 1)") ?? defaults.srmThreshold
        minSamples = try object.optional("min_samples", "a non-negative integer") ?? defaults.minSamples
        plannedSampleSize = try object.optional("planned_sample_size", "a positive integer (units per arm)")
        isFinalLook = try object.optional("final", "true or false") ?? defaults.isFinalLook
        prior = try object.optional("prior", "an object {mean, variance, proper}") ?? defaults.prior
        priorScale = try object.choice("prior_scale", default: defaults.priorScale)
    }

    /// Encodes every setting, defaults included, with snake_case keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: JSONField.self)
        try container.encode(arms, forKey: JSONField("arms"))
        try container.encode(control, forKey: JSONField("control"))
        try container.encode(metric, forKey: JSONField("metric"))
        try container.encode(effect, forKey: JSONField("effect"))
        try container.encode(test, forKey: JSONField("test"))
        try container.encode(alpha, forKey: JSONField("alpha"))
        try container.encode(tuning, forKey: JSONField("tuning"))
        try container.encode(alternative, forKey: JSONField("alternative"))
        try container.encode(goal, forKey: JSONField("goal"))
        try container.encodeIfPresent(weights, forKey: JSONField("weights"))
        try container.encode(srmThreshold, forKey: JSONField("srm_threshold"))
        try container.encode(minSamples, forKey: JSONField("min_samples"))
        try container.encodeIfPresent(plannedSampleSize, forKey: JSONField("planned_sample_size"))
        try container.encode(isFinalLook, forKey: JSONField("final"))
        try container.encode(prior, forKey: JSONField("prior"))
        try container.encode(priorScale, forKey: JSONField("prior_scale"))
    }
}

extension AnalysisRequest.Arm: Codable {
    /// Decodes `{name, n, sum, sum_squares, assigned?}` strictly.
    public init(from decoder: any Decoder) throws {
        let object = try StrictObject(decoder, allowed: ["name", "n", "sum", "sum_squares", "assigned"])
        name = try object.required("name", "a string")
        let n: Int = try object.required("n", "a non-negative integer")
        let sum: Double = try object.required("sum", "a number")
        // A 0/1 metric's sum of squares equals its sum, so it may be left out.
        let sumSquares: Double = try object.optional("sum_squares", "a number") ?? sum
        statistics = SufficientStatistics(n: n, sum: sum, sumSquares: sumSquares)
        assigned = try object.optional("assigned", "a non-negative integer")
    }

    /// Encodes `{name, n, sum, sum_squares, assigned?}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: JSONField.self)
        try container.encode(name, forKey: JSONField("name"))
        try container.encode(statistics.n, forKey: JSONField("n"))
        try container.encode(statistics.sum, forKey: JSONField("sum"))
        try container.encode(statistics.sumSquares, forKey: JSONField("sum_squares"))
        try container.encodeIfPresent(assigned, forKey: JSONField("assigned"))
    }
}
