/// The answer of `GET /api/v1/models`: every model, by name.
public struct ModelsAnswer: Sendable, Hashable, Codable {
    /// The models, sorted by name.
    public var models: [ModelAnswer]

    /// Creates an answer.
    public init(models: [ModelAnswer]) {
        self.models = models
    }
}
