import Logging
import TurnoutCore

/// What protects a gateway, resolved at start from its configuration and environment: the
/// admin token and how exposed the admin API is, TLS on each listener, and feedback tokens.
struct GatewaySecurity: Sendable {
    /// The admin bearer token; `nil` when the variable is unset or empty.
    let adminToken: String?
    let exposure: AdminExposure
    let admin: AdminConfig
    let dataPlaneTLS: TLSContextSource?
    let adminTLS: TLSContextSource?
    let feedbackTokens: FeedbackTokens?

    /// Resolves the settings; an admin API open beyond this machine without a token or the
    /// opt-in, unusable TLS files, or a feedback secret too short to sign with are refused.
    init(config: TurnoutConfig, environment: [String: String]) throws(GatewayError) {
        admin = config.admin
        adminToken = Self.value(of: config.admin.tokenEnv, in: environment)
        exposure = AdminExposure.of(config.admin, tokenSet: adminToken != nil)
        if exposure == .refused { throw GatewayError(AdminExposure.refusal(config.admin).description) }
        feedbackTokens = try Self.feedbackTokens(config.feedbackTokenSecretEnv, environment: environment)
        dataPlaneTLS = try config.tls.map { files throws(GatewayError) in try TLSContextSource(files: files, label: "tls") }
        adminTLS = try config.admin.tls.map { files throws(GatewayError) in try TLSContextSource(files: files, label: "admin.tls") }
    }

    /// The checks every admin request passes before its handler runs.
    var adminGuard: AdminRequestGuard {
        AdminRequestGuard(scheme: adminTLS == nil ? "http" : "https", checksHost: adminToken == nil, listenHost: admin.listen.host)
    }

    /// Services that reload each listener's TLS files when they change.
    func certificateWatchers(interval: Duration, logger: Logger) -> [FileWatcher] {
        [dataPlaneTLS, adminTLS].compactMap { source in
            source.map { source in
                FileWatcher(paths: source.files.paths, interval: interval) { source.reload(logger: logger) }
            }
        }
    }

    /// Says at start what is exposed without protection.
    func logWarnings(_ logger: Logger) {
        if exposure == .unauthenticatedByChoice { logger.warning("\(AdminExposure.warning(admin))") }
    }

    private static func value(of variable: String?, in environment: [String: String]) -> String? {
        variable.flatMap { environment[$0] }.flatMap { $0.isEmpty ? nil : $0 }
    }

    private static func feedbackTokens(_ variable: String?, environment: [String: String]) throws(GatewayError) -> FeedbackTokens? {
        guard let variable, let secret = value(of: variable, in: environment) else { return nil }
        guard let tokens = FeedbackTokens(secret: secret) else {
            throw GatewayError(
                "feedback.token_secret_env: \(variable) holds \(secret.utf8.count) bytes; expected at least \(FeedbackTokens.minimumSecretBytes) (for example the output of `openssl rand -base64 32`)"
            )
        }
        return tokens
    }
}
