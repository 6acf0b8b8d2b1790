/// A gate that holds a release, as `turnout status` and the admin API show it.
public struct GateStatus: Sendable, Equatable {
    /// Which gate.
    public var gate: GatePoint
    /// Its URL; `nil` for `confirm`.
    public var url: String?
    /// Its latest answer in words: `HTTP 503`, `no answer within 5s`, `waiting for turnout promote`.
    public var answer: String
    /// When it first held the release, and when it was last asked, in Unix seconds.
    public var since: Double
    public var askedAt: Double
    /// How many times it was asked.
    public var attempts: Int
    /// The release revision it holds; a change of the release ends the hold.
    public var revision: Int

    /// A status from its parts.
    public init(gate: GatePoint, url: String?, answer: String, since: Double, askedAt: Double, attempts: Int, revision: Int) {
        self.gate = gate
        self.url = url
        self.answer = answer
        self.since = since
        self.askedAt = askedAt
        self.attempts = attempts
        self.revision = revision
    }

    /// The status after one more answer that still holds: `since` is kept when the same
    /// gate held the same revision before.
    public static func holding(
        _ gate: GatePoint, url: String?, answer: String, revision: Int, now: Double, previous: GateStatus?
    ) -> GateStatus {
        guard let previous, previous.gate == gate, previous.revision == revision else {
            return GateStatus(gate: gate, url: url, answer: answer, since: now, askedAt: now, attempts: 1, revision: revision)
        }
        var next = previous
        next.answer = answer
        next.askedAt = now
        next.attempts += 1
        return next
    }
}
