/// Where a running instance listens.
package struct InstanceAddress: Sendable, Hashable, CustomStringConvertible {
    package let host: String
    package let port: Int

    package init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// `host:port`.
    package var description: String { "\(host):\(port)" }

    /// The instance's base URL, `http://host:port`.
    package var url: String { "http://\(host):\(port)" }
}
