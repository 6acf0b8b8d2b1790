import NIOCore
import TurnoutStats

/// A mirrored job on the mirror's loop, shared by the calls to each of its shadows: the request
/// and the primary's answer are joined, and the answer read, once for all of them, and only when
/// a shadow actually runs.
final class MirroredExchange {
    let job: ShadowJob

    init(_ job: ShadowJob) {
        self.job = job
    }

    /// The request body in one buffer.
    private(set) lazy var request: ByteBuffer = ShadowJob.joined(job.body)

    /// The primary's answer in one buffer.
    private(set) lazy var primaryBody: ByteBuffer = ShadowJob.joined(job.primaryBody)

    /// The primary's labels, predictions and numbers, when its answer is a model answer.
    private(set) lazy var primaryOutput: ComparedOutput? = ShadowOutputs.read(
        primaryBody, route: job.routeKind, output: job.runtime.spec.compare.output
    )
}
