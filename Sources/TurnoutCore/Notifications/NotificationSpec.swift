/// One receiver of a model's release notifications (`models.<name>.notify[]`): where they are
/// POSTed, in which shape, and for which events.
public struct NotificationSpec: Sendable, Equatable {
    /// The receiver's `http://` or `https://` URL.
    public var url: String
    /// The body's shape.
    public var format: Format
    /// The events sent to this receiver.
    public var events: Set<NotificationEvent>

    /// A receiver.
    public init(url: String, format: Format = .json, events: Set<NotificationEvent> = Set(NotificationEvent.allCases)) {
        self.url = url
        self.format = format
        self.events = events
    }

    /// The shape of a notification's body.
    public enum Format: String, Sendable, CaseIterable {
        /// The notice as JSON (``ReleaseNotice``'s fields).
        case json
        /// A Slack incoming-webhook message: `{"text": ...}` with the numbers and the commands.
        case slack
    }
}
