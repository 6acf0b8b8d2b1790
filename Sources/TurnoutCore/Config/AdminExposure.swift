/// How the admin listener is protected, decided before it starts from its address and whether
/// a bearer token is set.
///
/// Without a token anyone who can reach the admin API can change releases, so it only listens
/// on a loopback address unless the operator opts in with `admin.allow_unauthenticated`.
public enum AdminExposure: Sendable, Equatable {
    /// Every call needs the bearer token.
    case token
    /// No token, reachable from this machine only.
    case loopbackOnly
    /// No token on a non-loopback address, as the operator chose: started with a warning.
    case unauthenticatedByChoice
    /// No token on a non-loopback address without the opt-in: the gateway must not start.
    case refused

    /// The exposure of `admin` when the token variable is (`tokenSet`) or is not set.
    public static func of(_ admin: AdminConfig, tokenSet: Bool) -> AdminExposure {
        if tokenSet { return .token }
        if admin.listen.isLoopback { return .loopbackOnly }
        return admin.allowUnauthenticated ? .unauthenticatedByChoice : .refused
    }

    /// Why a ``refused`` admin listener does not start, naming what to change.
    public static func refusal(_ admin: AdminConfig) -> ConfigIssue {
        let variable = admin.tokenEnv.map { "set \($0) (admin.token_env)" } ?? "name a token variable in admin.token_env and set it"
        return ConfigIssue(
            path: "admin.listen",
            message: "\(admin.listen) is not a loopback address and no admin token is set: anyone who can reach it could change releases; \(variable), listen on 127.0.0.1, or set admin.allow_unauthenticated: true"
        )
    }

    /// The warning logged when the admin API is open without a token beyond this machine.
    public static func warning(_ admin: AdminConfig) -> String {
        "the admin API on \(admin.listen) has no token (admin.allow_unauthenticated: true): anyone who can reach it can change releases"
    }
}
