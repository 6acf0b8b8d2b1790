/// How to start one instance of a version: the command, its environment and directory, the
/// readiness probe's path and how long it may take to stop.
///
/// Every `{port}` in ``command`` and in the values of ``env`` is replaced by the port the driver
/// picked for the instance, so any server that takes its port from an argument or a variable fits.
package struct InstanceLaunch: Sendable, Equatable {
    /// The placeholder replaced by the instance's port.
    package static let portPlaceholder = "{port}"

    /// The program and its arguments; the program is looked up on `PATH`.
    package var command: [String]
    /// Variables added to the gateway's own environment.
    package var env: [String: String]
    /// The working directory, or `nil` for the gateway's.
    package var cwd: String?
    /// The path of the HTTP readiness probe; a `200` answer means ready.
    package var readyPath: String
    /// How long the instance has between `SIGTERM` and `SIGKILL` when it is stopped.
    package var grace: Duration

    package init(
        command: [String],
        env: [String: String] = [:],
        cwd: String? = nil,
        readyPath: String = "/v2/health/ready",
        grace: Duration = .seconds(10)
    ) {
        self.command = command
        self.env = env
        self.cwd = cwd
        self.readyPath = readyPath
        self.grace = grace
    }

    /// ``command`` with `{port}` replaced by `port`.
    package func command(port: Int) -> [String] {
        command.map { $0.replacingPortPlaceholder(with: port) }
    }

    /// ``env`` with `{port}` replaced by `port`.
    package func env(port: Int) -> [String: String] {
        env.mapValues { $0.replacingPortPlaceholder(with: port) }
    }
}

extension String {
    fileprivate func replacingPortPlaceholder(with port: Int) -> String {
        split(separator: InstanceLaunch.portPlaceholder, omittingEmptySubsequences: false).joined(separator: String(port))
    }
}
