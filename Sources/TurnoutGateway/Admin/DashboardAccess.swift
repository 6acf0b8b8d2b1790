import TurnoutCore

/// What the dashboard may do, as `GET /ui/session` tells its script: whether it must ask for the
/// admin token, and whether its action buttons work.
///
/// Without a token, the admin API is only safe to steer from a browser when it listens on
/// loopback: anyone who can reach a non-loopback listener (opened with
/// `admin.allow_unauthenticated`) could otherwise press the buttons, so there the dashboard is
/// read-only and the gateway refuses changes that come from browsers.
struct DashboardAccess: Sendable, Encodable, Equatable {
    /// Whether the API asks for `Authorization: Bearer <token>`.
    let tokenRequired: Bool
    /// Whether changes sent from a browser are accepted.
    let actionsAllowed: Bool

    /// The access for a listener on `listenHost`, with or without a token.
    init(tokenConfigured: Bool, listenHost: String) {
        tokenRequired = tokenConfigured
        actionsAllowed = tokenConfigured || ListenAddress.isLoopbackHost(listenHost)
    }

    enum CodingKeys: String, CodingKey {
        case tokenRequired = "token_required"
        case actionsAllowed = "actions_allowed"
    }
}
