/// What `turnout load` sends, how fast and for how long.
public struct LoadOptions: Sendable {
    /// The gateway's data-plane base URL.
    public var url: String
    /// The model to send to.
    public var model: String
    /// Requests per second to start, whatever the answers' speed (open loop); nil sends as fast as
    /// `concurrency` allows (closed loop).
    public var rate: Double?
    /// How long to send; ends the run together with `requests`, whichever comes first.
    public var duration: Duration?
    /// How many requests to send.
    public var requests: Int?
    /// Distinct unit ids, sent in `unitHeader`; 0 sends none.
    public var users: Int
    /// The header that carries the unit id.
    public var unitHeader: String
    /// Most requests in flight at once.
    public var concurrency: Int
    /// Posts reward 1 when the answer matches the label, else 0, to `/v1/feedback`.
    public var feedback: Bool
    /// Seed for the choice of rows and users.
    public var seed: UInt64

    /// Creates options.
    public init(
        url: String, model: String, rate: Double? = nil, duration: Duration? = nil, requests: Int? = nil,
        users: Int = 1000, unitHeader: String = "x-user-id", concurrency: Int = 32, feedback: Bool = false, seed: UInt64 = 1
    ) {
        self.url = url
        self.model = model
        self.rate = rate
        self.duration = duration
        self.requests = requests
        self.users = users
        self.unitHeader = unitHeader
        self.concurrency = concurrency
        self.feedback = feedback
        self.seed = seed
    }
}
