/// What `turnout load` sends, how fast and for how long.
package struct LoadOptions: Sendable {
    /// The gateway's data-plane base URL.
    package var url: String
    /// The model to send to.
    package var model: String
    /// Requests per second to start, whatever the answers' speed (open loop); nil sends as fast as
    /// `concurrency` allows (closed loop).
    package var rate: Double?
    /// How long to send; ends the run together with `requests`, whichever comes first.
    package var duration: Duration?
    /// How many requests to send.
    package var requests: Int?
    /// Distinct unit ids, sent in `unitHeader`; 0 sends none.
    package var users: Int
    /// The header that carries the unit id.
    package var unitHeader: String
    /// Most requests in flight at once.
    package var concurrency: Int
    /// Posts reward 1 when the answer matches the label, else 0, to `/v1/feedback`.
    package var feedback: Bool
    /// Seed for the choice of rows and users.
    package var seed: UInt64

    /// Creates options.
    package init(
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
