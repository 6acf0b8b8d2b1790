/// How a mirrored call to a shadow version ended.
public enum ShadowOutcome: Sendable, Equatable {
    /// The shadow answered with an HTTP status after `latency` seconds; `output` is its parsed
    /// answer, nil when the body could not be read (or is not parsed, for the raw protocol).
    case answered(status: Int, latency: Double, output: ComparedOutput?)
    /// The shadow's own timeout expired after `latency` seconds.
    case timedOut(latency: Double)
    /// The call failed without an answer (connection refused, reset, protocol error).
    case failed(reason: String)
}
