/// The optional body of a lifecycle command (`POST /api/v1/models/{model}/{action}`):
/// `{"reason": "..."}`, recorded in the audit log.
public struct CommandRequest: Sendable, Hashable, Codable {
    /// Why the operator acted; one line.
    public var reason: String?

    /// Creates a body.
    public init(reason: String?) {
        self.reason = reason
    }
}
