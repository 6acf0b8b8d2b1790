/// Model-server instances the gateway starts and supervises itself, as a version's backend.
///
/// The gateway's supervisor runs ``replicas`` copies of ``command``, each on a free port that
/// replaces `{port}` in the arguments and the environment, probes each at ``readyPath`` and
/// routes only to ready ones. Release strategies that replace instances (`rolling`,
/// `recreate`) change how many run of each version.
public struct ProcessConfig: Sendable, Equatable {
    /// The program and its arguments; `{port}` in any of them is replaced by the instance's port.
    public var command: [String]
    /// How many instances run when no release says otherwise; 0 defines the version without
    /// starting it.
    public var replicas: Int
    /// The path probed with `GET`; a 200 answer means the instance is ready.
    public var readyPath: String
    /// Variables added to the instance's environment; `{port}` in a value is replaced too.
    public var env: [String: String]
    /// The instance's working directory; `nil` keeps the gateway's.
    public var cwd: String?
    /// How long a stopping instance has between `SIGTERM` and `SIGKILL`.
    public var grace: Duration
    /// How requests reach the instances: timeouts, model name, pool limits. Its instances are
    /// empty (the supervisor adds them as they become ready) and it has no probe, because the
    /// supervisor probes.
    public var upstream: UpstreamConfig

    /// The most instances of one version: each is a process of the gateway's machine, so a
    /// typo such as `replicas: 30000` is refused rather than started.
    public static let maxReplicas = 256

    /// The placeholder in ``command`` and ``env`` that the instance's port replaces.
    public static let portPlaceholder = "{port}"

    /// Creates a process backend; the defaults are those of the configuration reference.
    public init(
        command: [String],
        replicas: Int = 1,
        readyPath: String = "/v2/health/ready",
        env: [String: String] = [:],
        cwd: String? = nil,
        grace: Duration = .seconds(10),
        upstream: UpstreamConfig = UpstreamConfig(instances: [], probe: nil)
    ) {
        self.command = command
        self.replicas = replicas
        self.readyPath = readyPath
        self.env = env
        self.cwd = cwd
        self.grace = grace
        self.upstream = upstream
    }
}
