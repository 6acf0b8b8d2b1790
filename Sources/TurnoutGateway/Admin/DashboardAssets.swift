/// The dashboard's files, as string literals compiled into the binary: no resources to install,
/// no build step, nothing fetched from the network.
enum DashboardAssets {
    /// The policy every dashboard file is served with: only the gateway's own script, style and
    /// API; no inline script or style, no plugins, no framing, no form submissions.
    static let contentSecurityPolicy = [
        "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self'", "connect-src 'self'",
        "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
    ].joined(separator: "; ")
}
