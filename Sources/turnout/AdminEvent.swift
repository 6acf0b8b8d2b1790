/// One audit-log entry as `GET /api/v1/events` returns it: who changed which release, how and why.
///
/// Fields are optional for the same reason as in ``AdminModel``: a missing one shows as `-`.
struct AdminEvent: Decodable, Sendable {
    var id: Int?
    /// Unix seconds.
    var time: Double?
    var model: String?
    var actor: String?
    var action: String?
    /// The phase before the change; `null` when a release starts.
    var from: String?
    var to: String?
    var reason: String?

    /// The body of `GET /api/v1/events`, newest first.
    struct List: Decodable, Sendable {
        var events: [AdminEvent]
    }
}
