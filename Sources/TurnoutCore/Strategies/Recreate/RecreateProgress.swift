/// What the recreate controller remembers between ticks: when it stopped `from`, started `to`,
/// and when `to` first had a ready instance. JSON keys are snake_case.
///
/// It belongs to the release, not to one revision: pausing and resuming keep the gap's times.
public struct RecreateProgress: Sendable, Equatable, Codable {
    /// When the release started; the progress deadline counts from here.
    public var startedAt: Double
    /// `from`'s instances when the release started; an abort starts this many again.
    public var originalFrom: Int
    /// The step that asked for `from` to stop: the gap's start.
    public var fromStoppedAt: Double?
    /// The step that asked for `to`'s instances, once `from` had none left.
    public var toStartedAt: Double?
    /// The first step that saw a ready `to` instance: the gap's end.
    public var gapEndedAt: Double?
    /// When the controller first saw the release aborted; a retry starts a fresh progress.
    public var abortedAt: Double?
    /// Requests held during the gap, as the gateway last reported them.
    public var held: Int?
    /// Requests refused during the gap, as the gateway last reported them.
    public var refused: Int?

    /// Creates a progress as it is.
    public init(
        startedAt: Double, originalFrom: Int, fromStoppedAt: Double? = nil, toStartedAt: Double? = nil, gapEndedAt: Double? = nil,
        abortedAt: Double? = nil, held: Int? = nil, refused: Int? = nil
    ) {
        self.startedAt = startedAt
        self.originalFrom = originalFrom
        self.fromStoppedAt = fromStoppedAt
        self.toStartedAt = toStartedAt
        self.gapEndedAt = gapEndedAt
        self.abortedAt = abortedAt
        self.held = held
        self.refused = refused
    }

    /// Seconds from stopping `from` to the first ready `to` instance, once both happened.
    public var gap: Double? {
        guard let start = fromStoppedAt, let end = gapEndedAt else { return nil }
        return end - start
    }

    enum CodingKeys: String, CodingKey {
        case held, refused
        case startedAt = "started_at"
        case originalFrom = "original_from"
        case fromStoppedAt = "from_stopped_at"
        case toStartedAt = "to_started_at"
        case gapEndedAt = "gap_ended_at"
        case abortedAt = "aborted_at"
    }
}
