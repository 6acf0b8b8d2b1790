extension AnalysisResult: Codable {
    /// Decodes what ``encode(to:)`` writes (for clients of the admin API and the CLI).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: JSONField.self)
        test = try container.decode(TestKind.self, forKey: JSONField("test"))
        effect = try container.decode(EffectScale.self, forKey: JSONField("effect"))
        alpha = try container.decode(Double.self, forKey: JSONField("alpha"))
        control = try container.decode(String.self, forKey: JSONField("control"))
        arms = try container.decode([ArmSummary].self, forKey: JSONField("arms"))
        variants = try container.decode([VariantComparison].self, forKey: JSONField("variants"))
        srm = try container.decodeIfPresent(SRMSummary.self, forKey: JSONField("srm"))
        decision = try container.decode(ExperimentDecision.self, forKey: JSONField("decision"))
        winner = try container.decodeIfPresent(String.self, forKey: JSONField("winner"))
        reasons = try container.decode([String].self, forKey: JSONField("reasons"))
    }

    /// Encodes with snake_case keys, `null` for values that do not apply.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: JSONField.self)
        try container.encode(test, forKey: JSONField("test"))
        try container.encode(effect, forKey: JSONField("effect"))
        try container.encode(alpha, forKey: JSONField("alpha"))
        try container.encode(control, forKey: JSONField("control"))
        try container.encode(arms, forKey: JSONField("arms"))
        try container.encode(variants, forKey: JSONField("variants"))
        try container.encode(srm, forKey: JSONField("srm"))
        try container.encode(decision, forKey: JSONField("decision"))
        try container.encode(winner, forKey: JSONField("winner"))
        try container.encode(reasons, forKey: JSONField("reasons"))
    }
}

extension AnalysisResult.ArmSummary: Codable {
    /// Decodes `{name, n, mean, ci}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: JSONField.self)
        name = try container.decode(String.self, forKey: JSONField("name"))
        n = try container.decode(Int.self, forKey: JSONField("n"))
        mean = try container.decodeIfPresent(Double.self, forKey: JSONField("mean")) ?? .nan
        interval = try container.decodeIfPresent(Interval.self, forKey: JSONField("ci"))
    }

    /// Encodes `{name, n, mean, ci}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: JSONField.self)
        try container.encode(name, forKey: JSONField("name"))
        try container.encode(n, forKey: JSONField("n"))
        try container.encode(mean.finiteOrNil, forKey: JSONField("mean"))
        try container.encode(interval, forKey: JSONField("ci"))
    }
}

extension AnalysisResult.VariantComparison: Codable {
    /// Decodes the comparison written by ``encode(to:)``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: JSONField.self)
        name = try container.decode(String.self, forKey: JSONField("name"))
        effect = try container.decodeIfPresent(Double.self, forKey: JSONField("effect"))
        interval = try container.decodeIfPresent(Interval.self, forKey: JSONField("ci"))
        standardError = try container.decodeIfPresent(Double.self, forKey: JSONField("se"))
        pValue = try container.decodeIfPresent(Double.self, forKey: JSONField("p_value"))
        adjustedPValue = try container.decodeIfPresent(Double.self, forKey: JSONField("adjusted_p_value"))
        chanceToWin = try container.decodeIfPresent(Double.self, forKey: JSONField("chance_to_win"))
        risk = try container.decodeIfPresent(BayesianResult.Risk.self, forKey: JSONField("risk"))
        significant = try container.decode(Bool.self, forKey: JSONField("significant"))
        error = try container.decodeIfPresent(String.self, forKey: JSONField("error"))
    }

    /// Encodes the comparison with snake_case keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: JSONField.self)
        try container.encode(name, forKey: JSONField("name"))
        try container.encode(effect?.finiteOrNil, forKey: JSONField("effect"))
        try container.encode(interval, forKey: JSONField("ci"))
        try container.encode(standardError?.finiteOrNil, forKey: JSONField("se"))
        try container.encode(pValue?.finiteOrNil, forKey: JSONField("p_value"))
        try container.encode(adjustedPValue?.finiteOrNil, forKey: JSONField("adjusted_p_value"))
        try container.encode(chanceToWin?.finiteOrNil, forKey: JSONField("chance_to_win"))
        try container.encode(risk, forKey: JSONField("risk"))
        try container.encode(significant, forKey: JSONField("significant"))
        try container.encode(error, forKey: JSONField("error"))
    }
}

extension AnalysisResult.SRMSummary: Codable {
    /// Decodes `{statistic, p_value, warning}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: JSONField.self)
        statistic = try container.decodeIfPresent(Double.self, forKey: JSONField("statistic")) ?? .nan
        pValue = try container.decodeIfPresent(Double.self, forKey: JSONField("p_value")) ?? .nan
        warning = try container.decode(Bool.self, forKey: JSONField("warning"))
    }

    /// Encodes `{statistic, p_value, warning}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: JSONField.self)
        try container.encode(statistic.finiteOrNil, forKey: JSONField("statistic"))
        try container.encode(pValue.finiteOrNil, forKey: JSONField("p_value"))
        try container.encode(warning, forKey: JSONField("warning"))
    }
}

extension Double {
    /// The value, or `nil` when it is NaN or infinite (JSON has neither).
    var finiteOrNil: Double? { isFinite ? self : nil }
}
