import Foundation

/// The answer of `GET /api/v1/models/{model}/shadow/samples`: the newest sampled mirrored
/// requests, each with the primary's and the shadow's answers side by side and how they differ.
///
/// Requests are sampled by the model's `log` setting; bodies are as stored, cut to its `max_bytes`.
public struct ShadowSamplesAnswer: Sendable, Hashable, Codable {
    /// The model.
    public var model: String
    /// How many stored samples were looked at (the newest ones) to find these.
    public var examined: Int
    /// The pairs, newest first: all of them, or with `disagreeing=true` those that disagree.
    public var samples: [ShadowSampleAnswer]

    /// Creates an answer.
    public init(model: String, examined: Int, samples: [ShadowSampleAnswer]) {
        self.model = model
        self.examined = examined
        self.samples = samples
    }
}
