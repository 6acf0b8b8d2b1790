extension CanarySpec {
    /// The canary in configuration syntax as one line of JSON; ``ConfigReader/readCanary(_:at:versions:)``
    /// reads it back to the same value.
    public var configJSON: String {
        let steps = steps.map { step in
            var fields = [ReleaseJSONText.raw("weight", ReleaseJSONText.number(step.weight))]
            if let pause = step.pause { fields.append(ReleaseJSONText.raw("pause", ReleaseJSONText.duration(pause))) }
            return ReleaseJSONText.object(fields)
        }
        return ReleaseJSONText.object([
            ReleaseJSONText.field("strategy", "canary"),
            ReleaseJSONText.field("stable", stable),
            ReleaseJSONText.field("canary", canary),
            ReleaseJSONText.raw("steps", "[" + steps.joined(separator: ",") + "]"),
            ReleaseJSONText.raw("analysis", ReleaseJSONText.object(analysis.configJSONFields)),
            ReleaseJSONText.raw("rollback_window", ReleaseJSONText.duration(rollbackWindow)),
        ])
    }
}
