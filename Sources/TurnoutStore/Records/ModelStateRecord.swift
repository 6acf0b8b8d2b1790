import Foundation

/// A piece of a controller's running state for one model, stored as JSON under a key.
package struct ModelStateRecord: Sendable, Equatable {
    /// The model the state belongs to.
    package var model: String
    /// What the state is, such as `shadow/<release>/<primary>/<shadow>`.
    package var key: String
    /// The state as JSON.
    package var value: String
    /// When it was saved.
    package var updatedAt: Date

    /// Creates a record.
    package init(model: String, key: String, value: String, updatedAt: Date) {
        self.model = model
        self.key = key
        self.value = value
        self.updatedAt = updatedAt
    }
}
