/// What a metric check's templates may name: `{{model}}`, `{{version}}` (the version queried:
/// the canary, or the stable version when the condition compares with it), `{{stable}}`,
/// `{{canary}}`, `{{step}}` (1 for the first step or batch), `{{window_start}}` and
/// `{{window_end}}` (the analysed window in unix seconds).
public struct MetricCheckContext: Sendable, Equatable {
    /// The model released.
    public var model: String
    /// The version queried.
    public var version: String
    /// The stable (baseline) version.
    public var stable: String
    /// The version under test.
    public var canary: String
    /// The step or batch, from 1.
    public var step: Int
    /// The start of the analysed window, unix seconds.
    public var windowStart: Double
    /// The end of the analysed window (now), unix seconds.
    public var windowEnd: Double

    /// The variables a template may name.
    public static let variables = ["model", "version", "stable", "canary", "step", "window_start", "window_end"]

    /// A context from its parts; `version` is the canary's.
    public init(model: String, stable: String, canary: String, step: Int, windowStart: Double, windowEnd: Double) {
        self.model = model
        version = canary
        self.stable = stable
        self.canary = canary
        self.step = step
        self.windowStart = windowStart
        self.windowEnd = windowEnd
    }

    /// The same context with `{{version}}` naming the stable version.
    public var forStable: MetricCheckContext {
        var copy = self
        copy.version = stable
        return copy
    }

    /// The text of a variable; times are whole unix seconds.
    func value(of variable: String) -> String? {
        switch variable {
        case "model": model
        case "version": version
        case "stable": stable
        case "canary": canary
        case "step": String(step)
        case "window_start": String(Int64(windowStart.rounded(.down)))
        case "window_end": String(Int64(windowEnd.rounded(.down)))
        default: nil
        }
    }
}
