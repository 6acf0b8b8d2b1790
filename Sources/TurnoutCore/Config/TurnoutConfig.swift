/// The whole gateway configuration: listeners, store and models.
public struct TurnoutConfig: Sendable, Equatable {
    /// The data-plane listener.
    public var listen: ListenAddress
    /// The admin listener and its authentication.
    public var admin: AdminConfig
    /// Where durable state lives: `sqlite:PATH`, a `postgres://` URL, or `none`.
    public var store: String

    /// ``store`` parsed; `nil` only for a value that validation would have refused.
    public var storeLocation: StoreLocation? { StoreLocation(parsing: store) }
    /// Largest request body accepted on the data plane.
    public var maxBodyBytes: Int
    /// How long in-flight requests may take to finish after a shutdown signal.
    public var shutdownGrace: Duration
    /// The models, in the order written.
    public var models: [ModelConfig]
    /// Feature-flag files in flagd's format, read by flag releases and the OFREP endpoint.
    public var flagFiles: [String] = []
    /// How `fractional` hashes in those flags: `v2` (flagd's current release, the default) or
    /// `v3` (CBOR-encoded bucketing values, openfeature-flagd-core 2.x).
    public var flagsFractionalHashing = "v2"
    /// The values ``flagsFractionalHashing`` may take.
    public static let fractionalHashings: Set<String> = ["v2", "v3"]
    /// The environment variable holding the OFREP token; when it is set, OFREP calls need it as
    /// `Authorization: Bearer <token>` or `X-API-Key: <token>`.
    public var ofrepTokenEnv: String?
    /// The data plane's TLS identity; plain HTTP when `nil`.
    public var tls: TLSFiles?
    /// The environment variable holding the feedback-token secret; when it is set, every
    /// inference answer carries `x-turnout-feedback-token` and `/v1/feedback` requires it.
    public var feedbackTokenSecretEnv: String?
    /// Bounds on data-plane connections and request inputs.
    public var limits = ListenerLimits.dataPlane

    /// Creates a configuration.
    public init(
        listen: ListenAddress = ListenAddress(host: "127.0.0.1", port: 8080),
        admin: AdminConfig = AdminConfig(),
        store: String = "sqlite:turnout.db",
        maxBodyBytes: Int = 16 * 1_048_576,
        shutdownGrace: Duration = .seconds(10),
        models: [ModelConfig]
    ) {
        self.listen = listen
        self.admin = admin
        self.store = store
        self.maxBodyBytes = maxBodyBytes
        self.shutdownGrace = shutdownGrace
        self.models = models
    }

    /// The model named `name`, if there is one.
    public func model(named name: String) -> ModelConfig? {
        models.first { $0.name == name }
    }
}

/// The admin listener's settings.
public struct AdminConfig: Sendable, Equatable {
    /// Address of the admin API, `/metrics` and the dashboard.
    public var listen: ListenAddress
    /// The environment variable holding the bearer token; when it is set, every admin call needs it.
    public var tokenEnv: String?
    /// Serve without a token on a non-loopback address, which is otherwise refused.
    public var allowUnauthenticated = false
    /// The admin listener's TLS identity, with mutual TLS when it names client CAs; plain HTTP when `nil`.
    public var tls: TLSFiles?
    /// Bounds on admin connections: their own, so the admin API answers when the data plane is full.
    public var limits = ListenerLimits.admin

    /// Creates admin settings.
    public init(listen: ListenAddress = ListenAddress(host: "127.0.0.1", port: 8081), tokenEnv: String? = "TURNOUT_ADMIN_TOKEN") {
        self.listen = listen
        self.tokenEnv = tokenEnv
    }
}
