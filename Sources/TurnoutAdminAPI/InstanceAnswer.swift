/// One managed instance of a `process` version, inside an ``InstancesAnswer``.
public struct InstanceAnswer: Sendable, Hashable, Codable {
    /// The version it serves.
    public var version: String
    /// Its number within the version, stable for its life (restarts keep it).
    public var id: Int
    /// `starting`, `ready`, `draining` or `failed`.
    public var state: String
    /// The loopback port it listens on, once started.
    public var port: Int?
    /// Since when it has been ready, in Unix seconds.
    public var readySince: Double?
    /// How often it was restarted after exiting on its own.
    public var restarts: Int
    /// How it last exited, in words (`exit status 1`, `killed by signal 9`), with the reason for a
    /// `failed` instance.
    public var lastExit: String?

    /// Creates an answer.
    public init(version: String, id: Int, state: String, port: Int? = nil, readySince: Double? = nil, restarts: Int = 0, lastExit: String? = nil) {
        self.version = version
        self.id = id
        self.state = state
        self.port = port
        self.readySince = readySince
        self.restarts = restarts
        self.lastExit = lastExit
    }

    enum CodingKeys: String, CodingKey {
        case version, id, state, port, restarts
        case readySince = "ready_since"
        case lastExit = "last_exit"
    }
}
