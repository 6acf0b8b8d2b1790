/// A gate that holds a release, or an `after_rollback` receiver not told yet, inside a
/// ``ModelAnswer``.
public struct GateAnswer: Sendable, Hashable, Codable {
    /// `before_step`, `before_promotion`, `after_rollback` or `confirm`.
    public var gate: String
    /// The gate's URL; absent for `confirm`.
    public var url: String?
    /// Its latest answer in words: `HTTP 503`, `no answer within 5s`, `waiting for turnout promote m`.
    public var answer: String
    /// When it began to hold, and when it was last asked, in Unix seconds.
    public var since: Double
    public var askedAt: Double
    /// How many times it was asked.
    public var attempts: Int

    /// Creates an answer.
    public init(gate: String, url: String?, answer: String, since: Double, askedAt: Double, attempts: Int) {
        self.gate = gate
        self.url = url
        self.answer = answer
        self.since = since
        self.askedAt = askedAt
        self.attempts = attempts
    }

    enum CodingKeys: String, CodingKey {
        case gate, url, answer, since, attempts
        case askedAt = "asked_at"
    }
}
