/// One version of a model and the backend that answers for it.
public struct VersionConfig: Sendable, Equatable {
    /// The version's name, unique within its model (`v1`, `blue`, `2024-06-01`).
    public var name: String
    /// What answers requests routed to this version.
    public var backend: Backend

    /// Creates a version.
    public init(name: String, backend: Backend) {
        self.name = name
        self.backend = backend
    }

    /// What answers a version's requests.
    public enum Backend: Sendable, Equatable {
        /// Remote model-server instances reached over HTTP.
        case upstream(UpstreamConfig)
        /// A model file run inside the gateway.
        case builtin(path: String)
        /// Model-server instances the gateway starts and supervises.
        case process(ProcessConfig)
    }
}

/// How a version's remote instances are reached, timed and health-checked.
public struct UpstreamConfig: Sendable, Equatable {
    /// The instances serving this version.
    public var instances: [UpstreamURL]
    /// The model's name on the upstream server, when it differs from the gateway's model name.
    public var modelName: String?
    /// Connection and request time limits.
    public var timeouts: UpstreamTimeouts
    /// Active readiness probing; `nil` turns it off.
    public var probe: ReadinessProbe?
    /// Passive ejection of instances that keep failing to connect.
    public var ejection: EjectionPolicy
    /// Most connections each event loop keeps open to one instance.
    public var maxConnectionsPerLoop: Int
    /// A pooled connection idle for longer is closed instead of reused, so the gateway never
    /// sends on a connection the upstream is about to close (uvicorn, behind MLServer and
    /// KServe's Python servers, closes idle connections after 5 s).
    public var idleTimeout: Duration

    /// Creates an upstream configuration with defaults for everything but the instances.
    public init(
        instances: [UpstreamURL],
        modelName: String? = nil,
        timeouts: UpstreamTimeouts = UpstreamTimeouts(),
        probe: ReadinessProbe? = ReadinessProbe(),
        ejection: EjectionPolicy = EjectionPolicy(),
        maxConnectionsPerLoop: Int = 512,
        idleTimeout: Duration = .seconds(4)
    ) {
        self.instances = instances
        self.modelName = modelName
        self.timeouts = timeouts
        self.probe = probe
        self.ejection = ejection
        self.maxConnectionsPerLoop = maxConnectionsPerLoop
        self.idleTimeout = idleTimeout
    }
}

/// Time limits for one forwarded request.
public struct UpstreamTimeouts: Sendable, Equatable {
    /// Establishing a TCP connection, and waiting for a free pooled connection.
    public var connect: Duration
    /// Longest wait for the next bytes of the response (including its first byte).
    public var read: Duration
    /// Longest stall while sending the request body to a busy upstream.
    public var write: Duration
    /// The whole exchange, from the request head to the last byte of the response.
    public var total: Duration

    /// Creates time limits; the defaults suit model servers answering within seconds.
    public init(
        connect: Duration = .seconds(2),
        read: Duration = .seconds(30),
        write: Duration = .seconds(30),
        total: Duration = .seconds(60)
    ) {
        self.connect = connect
        self.read = read
        self.write = write
        self.total = total
    }
}

/// An active readiness check of each instance.
public struct ReadinessProbe: Sendable, Equatable {
    /// The path probed with `GET`; a 200 answer means ready.
    public var path: String
    /// Time between probes of one instance.
    public var interval: Duration
    /// Longest wait for one probe's answer.
    public var timeout: Duration

    /// Creates a probe; by default the Open Inference Protocol's server readiness endpoint.
    public init(path: String = "/v2/health/ready", interval: Duration = .seconds(5), timeout: Duration = .seconds(1)) {
        self.path = path
        self.interval = interval
        self.timeout = timeout
    }
}

/// When an instance that keeps failing is taken out of rotation, and for how long.
public struct EjectionPolicy: Sendable, Equatable {
    /// Consecutive connection failures that eject an instance.
    public var consecutiveFailures: Int
    /// How long an ejected instance stays out before it is tried again.
    public var cooldown: Duration

    /// Creates an ejection policy.
    public init(consecutiveFailures: Int = 3, cooldown: Duration = .seconds(10)) {
        self.consecutiveFailures = consecutiveFailures
        self.cooldown = cooldown
    }
}
