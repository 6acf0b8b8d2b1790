/// One model served by the gateway: its versions and how traffic is released to them.
public struct ModelConfig: Sendable, Equatable {
    /// The model's name in request paths.
    public var name: String
    /// The protocol its upstreams speak.
    public var wireProtocol: WireProtocol
    /// Where the stickiness key comes from.
    public var unit: UnitKeySource
    /// The versions, in the order written.
    public var versions: [VersionConfig]
    /// How traffic is divided.
    public var release: ReleaseSpec
    /// Salt for sticky hashing, so that two models assign the same user independently.
    public var salt: String
    /// Which requests have their payloads stored.
    public var log: PayloadLogging
    /// Where the model's release events are POSTed (`notify`); empty for nowhere.
    public var notify: [NotificationSpec]
    /// What the controller waits for before it moves the release on (`gates`).
    public var gates: GateSpec

    /// Creates a model.
    public init(
        name: String,
        wireProtocol: WireProtocol = .v2,
        unit: UnitKeySource = .none,
        versions: [VersionConfig],
        release: ReleaseSpec,
        salt: String? = nil,
        log: PayloadLogging = PayloadLogging(),
        notify: [NotificationSpec] = [],
        gates: GateSpec = GateSpec()
    ) {
        self.name = name
        self.wireProtocol = wireProtocol
        self.unit = unit
        self.versions = versions
        self.release = release
        self.salt = salt ?? name
        self.log = log
        self.notify = notify
        self.gates = gates
    }

    /// The version named `name`, if the model has one.
    public func version(named name: String) -> VersionConfig? {
        versions.first { $0.name == name }
    }

    /// The inference protocols a model can speak.
    public enum WireProtocol: String, Sendable, CaseIterable {
        /// Open Inference Protocol (KServe V2 REST).
        case v2
        /// KServe / TensorFlow Serving V1 REST.
        case v1
        /// Anything: requests under `/models/{model}/` are forwarded untouched.
        case raw
    }
}
