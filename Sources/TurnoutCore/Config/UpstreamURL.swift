/// The base address of one upstream model-server instance: `http://host:port[/prefix]`.
public struct UpstreamURL: Sendable, Hashable, CustomStringConvertible {
    /// Host name or IP address (IPv6 without brackets).
    public var host: String
    /// TCP port; 80 when the URL names none.
    public var port: Int
    /// A path prefix put before every forwarded path, without a trailing slash; empty for none.
    public var basePath: String

    /// Creates an upstream address.
    public init(host: String, port: Int, basePath: String = "") {
        self.host = host
        self.port = port
        self.basePath = basePath
    }

    /// Parses an `http://` URL. HTTPS upstreams are not supported yet, so they fail to parse.
    public init?(parsing text: String) {
        let scheme = "http://"
        guard text.lowercased().hasPrefix(scheme) else { return nil }
        let rest = text.dropFirst(scheme.count)
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = String(rest[..<slash])
        var path = String(rest[slash...])
        while path.hasSuffix("/") { path.removeLast() }
        guard !authority.isEmpty, !authority.contains("@"), !path.contains("?"), !path.contains("#") else { return nil }
        if let address = ListenAddress(parsing: authority), address.port > 0, !authority.hasPrefix(":") {
            self.init(host: address.host, port: address.port, basePath: path)
        } else if !authority.contains(":"), !authority.contains(where: \.isWhitespace) {
            self.init(host: authority, port: 80, basePath: path)
        } else {
            return nil
        }
    }

    /// The value for the `Host` header sent to this instance.
    public var authority: String {
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        return port == 80 ? host : "\(host):\(port)"
    }

    /// The URL as configured.
    public var description: String { "http://\(authority)\(basePath)" }
}
