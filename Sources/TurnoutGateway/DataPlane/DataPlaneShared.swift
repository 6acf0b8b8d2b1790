import Atomics
import NIOConcurrencyHelpers
import NIOCore

/// What every data-plane connection shares: the current routing snapshot and the metrics.
final class DataPlaneShared: Sendable {
    let snapshot: ManagedAtomic<GatewaySnapshot>
    let metrics: GatewayMetrics
    /// The feature flags in force, when flag files are configured.
    let flags: FlagStore?
    /// The token OFREP calls must present, when one is configured.
    let ofrepToken: String?
    /// Where decisions, outcomes and feedback go; `nil` with `store: none`.
    let writer: StoreWriter?
    /// Where mirrored requests go.
    let mirror: ShadowMirror?
    /// Signs request ids for feedback, when feedback tokens are configured.
    let feedbackTokens: FeedbackTokens?
    /// The data plane's scheme, `http` or `https`, for the `Forwarded` header sent upstream.
    let scheme: String
    /// The body of `GET /v2`.
    let serverMetadata: ByteBuffer
    /// Every event loop's state, once the data plane runs, so work can be sent to each loop.
    private let loops = NIOLockedValueBox<[NIOLoopBound<LoopContext>]>([])

    init(
        snapshot: GatewaySnapshot, metrics: GatewayMetrics, flags: FlagStore?, ofrepToken: String?, writer: StoreWriter?, mirror: ShadowMirror? = nil, serverVersion: String,
        feedbackTokens: FeedbackTokens? = nil, scheme: String = "http"
    ) {
        self.feedbackTokens = feedbackTokens
        self.scheme = scheme
        self.writer = writer
        self.mirror = mirror
        self.ofrepToken = ofrepToken
        self.snapshot = ManagedAtomic(snapshot)
        self.metrics = metrics
        self.flags = flags
        self.serverMetadata = ByteBuffer(string: #"{"name":"turnout","version":"\#(serverVersion)","extensions":["binary_tensor_data"]}"#)
    }

    /// Records the loops' state when the data plane starts.
    func register(_ contexts: [NIOLoopBound<LoopContext>]) {
        loops.withLockedValue { $0 = contexts }
    }

    /// Runs `work` on every event loop with that loop's state.
    func onEveryLoop(_ work: @escaping @Sendable (LoopContext) -> Void) {
        for bound in loops.withLockedValue({ $0 }) {
            bound.eventLoop.execute { work(bound.value) }
        }
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
