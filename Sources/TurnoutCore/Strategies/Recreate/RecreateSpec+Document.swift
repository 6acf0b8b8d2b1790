extension RecreateSpec {
    /// The release in configuration syntax as one line of JSON;
    /// ``ConfigReader/readRecreate(_:at:versions:)`` reads it back to the same value.
    public var configJSON: String {
        ReleaseJSONText.object([
            ReleaseJSONText.field("strategy", "recreate"),
            ReleaseJSONText.field("from", from),
            ReleaseJSONText.field("to", to),
            ReleaseJSONText.raw("hold", ReleaseJSONText.duration(hold)),
            ReleaseJSONText.raw("progress_deadline", ReleaseJSONText.duration(progressDeadline)),
        ])
    }
}
