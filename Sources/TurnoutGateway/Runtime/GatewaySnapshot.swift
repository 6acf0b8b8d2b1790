import Atomics
import TurnoutCore

/// The routing table: an immutable value the data plane reads for every request and the control
/// plane replaces as a whole when a release changes, so the request path never takes a lock.
final class GatewaySnapshot: AtomicReference, Sendable {
    let models: [String: ModelRuntime]
    let maxBodyBytes: Int
    /// Bounds on client connections and request inputs; a reload changes them for new
    /// connections and requests.
    let limits: ListenerLimits

    init(models: [String: ModelRuntime], maxBodyBytes: Int, limits: ListenerLimits = .dataPlane) {
        self.models = models
        self.maxBodyBytes = maxBodyBytes
        self.limits = limits
    }

    /// Every upstream instance in the snapshot.
    var instances: [UpstreamInstance] {
        models.values.flatMap { model in
            model.versions.values.flatMap { version -> [UpstreamInstance] in
                switch version.backend {
                case .upstream(let group): group.instances
                case .builtin: []
                }
            }
        }
    }
}
