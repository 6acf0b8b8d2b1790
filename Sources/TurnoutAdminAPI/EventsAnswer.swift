/// The answer of `GET /api/v1/events`: audit-log entries, newest first.
public struct EventsAnswer: Sendable, Hashable, Codable {
    /// The events, newest first.
    public var events: [EventAnswer]

    /// Creates an answer.
    public init(events: [EventAnswer]) {
        self.events = events
    }
}
