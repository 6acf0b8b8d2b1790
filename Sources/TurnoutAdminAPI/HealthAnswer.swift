/// The answer of `GET /healthz`: `{"status": "ok"}` while the admin listener serves.
public struct HealthAnswer: Sendable, Hashable, Codable {
    /// Always `ok`: an answer at all is the signal.
    public var status: String

    /// Creates the answer.
    public init(status: String = "ok") {
        self.status = status
    }
}
