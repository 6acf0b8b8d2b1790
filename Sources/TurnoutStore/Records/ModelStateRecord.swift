import Foundation

/// A piece of a controller's running state for one model, stored as JSON under a key.
public struct ModelStateRecord: Sendable, Equatable {
    /// The model the state belongs to.
    public var model: String
    /// What the state is, such as `shadow/<release>/<primary>/<shadow>`.
    public var key: String
    /// The state as JSON.
    public var value: String
    /// When it was saved.
    public var updatedAt: Date

    /// Creates a record.
    public init(model: String, key: String, value: String, updatedAt: Date) {
        self.model = model
        self.key = key
        self.value = value
        self.updatedAt = updatedAt
    }
}
