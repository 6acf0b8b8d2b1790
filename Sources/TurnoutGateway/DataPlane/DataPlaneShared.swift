import Atomics
import NIOCore
import NIOConcurrencyHelpers

/// What every data-plane connection shares: the current routing snapshot and the metrics.
final class DataPlaneShared: Sendable {
    let snapshot: ManagedAtomic<GatewaySnapshot>
    let metrics: GatewayMetrics
    /// The feature flags in force, when flag files are configured.
    let flags: FlagStore?
    /// The token OFREP calls must present, when one is configured.
    let ofrepToken: String?
    /// The body of `GET /v2`.
    let serverMetadata: ByteBuffer

    init(snapshot: GatewaySnapshot, metrics: GatewayMetrics, flags: FlagStore?, ofrepToken: String?, serverVersion: String) {
        self.ofrepToken = ofrepToken
        self.snapshot = ManagedAtomic(snapshot)
        self.metrics = metrics
        self.flags = flags
        self.serverMetadata = ByteBuffer(string: #"{"name":"turnout","version":"\#(serverVersion)","extensions":[]}"#)
    }

    /// Ready when every model has at least one version with an instance able to take requests.
    func isReady(_ snapshot: GatewaySnapshot) -> Bool {
        let now = NIODeadline.now()
        return snapshot.models.values.allSatisfy { model in
            model.versions.values.contains { version in
                switch version.backend {
                case .upstream(let group): group.instances.contains { $0.isAvailable(at: now) }
                case .builtin: true
                }
            }
        }
    }
}
