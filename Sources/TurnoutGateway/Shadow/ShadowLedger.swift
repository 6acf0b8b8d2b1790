import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import TurnoutStats
import TurnoutStore

/// The running comparisons of every shadow with its primary, per model, kept in memory for the
/// mirror to add to and the admin API to read, and saved to the store every few seconds so a
/// restart continues them.
final class ShadowLedger: Sendable {
    struct Key: Hashable, Sendable {
        let model: String
        let primary: String
        let shadow: String

        /// The key under which the store keeps the comparison.
        var storeKey: String { "shadow/\(primary)/\(shadow)" }
    }

    private struct State {
        var comparisons: [Key: ShadowComparison] = [:]
        var dirty: Set<Key> = []
        /// Shadow answers to sampled requests, waiting to be stored, and their bytes.
        var samples: [ShadowSample] = []
        var sampleBytes = 0
    }

    /// Bytes of sampled answers held for the next save, at most; more are not kept.
    static let sampleByteLimit = 16 << 20

    private let state = NIOLockedValueBox(State())
    private let store: (any Store)?
    private let logger: Logger
    /// Saves and deletes take turns, so a delete always lands after the save before it.
    private let storeTurn = KeyedSlots()

    init(store: (any Store)?, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    /// Adds the outcome of one shadow call.
    func record(job: ShadowJob, shadow: String, result: ShadowCallResult, primaryOutput: ComparedOutput?, primaryBody: ByteBuffer) {
        let pair = Self.pair(job: job, result: result, primaryOutput: primaryOutput, primaryBody: primaryBody)
        update(Key(model: job.model, primary: job.primaryVersion, shadow: shadow), window: job.runtime.spec.compare.window) {
            $0.record(pair)
        }
    }

    func dropped(model: String, primary: String, shadow: String, window: Int) {
        update(Key(model: model, primary: primary, shadow: shadow), window: window) { $0.recordDropped() }
    }

    func skipped(model: String, primary: String, shadow: String, reason: ShadowSkipReason, window: Int) {
        update(Key(model: model, primary: primary, shadow: shadow), window: window) { $0.recordSkipped(reason) }
    }

    /// The comparison of `shadow` with `primary`, if any request was mirrored.
    func comparison(model: String, primary: String, shadow: String) -> ShadowComparison? {
        state.withLockedValue { $0.comparisons[Key(model: model, primary: primary, shadow: shadow)] }
    }

    private func update(_ key: Key, window: Int, _ change: (inout ShadowComparison) -> Void) {
        state.withLockedValue { state in
            // In place: the comparison's windows are not copied on every record.
            change(&state.comparisons[key, default: ShadowComparison(window: window)])
            state.dirty.insert(key)
        }
    }

    /// Holds a shadow's answer to a sampled request for the next save.
    func keep(_ sample: ShadowSample) {
        state.withLockedValue { state in
            guard state.sampleBytes + sample.response.count <= Self.sampleByteLimit else { return }
            state.samples.append(sample)
            state.sampleBytes += sample.response.count
        }
    }

    /// A shadow's answer as a stored sample, cut to `limit` bytes.
    static func sample(of result: ShadowCallResult, job: ShadowJob, version: String, limit: Int) -> ShadowSample {
        var sample = ShadowSample(requestID: job.requestID, model: job.model, version: version, time: Date(), outcome: "answered")
        switch result {
        case .answered(let status, let latency, let body):
            sample.status = status
            sample.latencyMicros = Int64(latency * 1e6)
            if let body {
                sample.response = Data(body.readableBytesView.prefix(limit))
                sample.truncated = body.readableBytes > limit
            }
        case .timedOut(let latency):
            sample.outcome = "timeout"
            sample.latencyMicros = Int64(latency * 1e6)
        case .failed(let reason):
            sample.outcome = "failed"
            sample.response = Data(reason.utf8.prefix(limit))
        }
        return sample
    }

    /// Stores the sampled answers held so far.
    func saveSamples() async {
        guard let store else { return }
        let samples = state.withLockedValue { state in
            defer {
                state.samples.removeAll()
                state.sampleBytes = 0
            }
            return state.samples
        }
        guard !samples.isEmpty else { return }
        do {
            try await Task { try await store.appendShadowSamples(samples) }.value
        } catch {
            logger.error("could not save \(samples.count) sampled shadow answers: \(error)")
        }
    }

    /// Forgets a model's comparisons in memory at once: a new release starts afresh.
    func forget(model: String) {
        state.withLockedValue { state in
            state.comparisons = state.comparisons.filter { $0.key.model != model }
            state.dirty = state.dirty.filter { $0.model != model }
        }
    }

    /// Forgets a model's comparisons, then deletes the stored ones once any save in progress is
    /// over, so an older save cannot bring them back.
    func reset(model: String) async {
        forget(model: model)
        guard let store else { return }
        _ = await storeTurn.acquire("store", limit: 1, backlog: .max)
        do {
            _ = try await Task { try await store.deleteModelStates(model: model, prefix: "shadow/") }.value
        } catch {
            logger.error("could not delete the stored shadow comparisons of \(model): \(error)")
        }
        await storeTurn.release("store")
    }

    /// Reads back the comparisons saved for these models.
    func load(models: [String]) async {
        guard let store else { return }
        let decoder = JSONDecoder()
        for model in models {
            do {
                for record in try await store.modelStates(model: model, prefix: "shadow/") {
                    let parts = record.key.split(separator: "/", maxSplits: 2).map(String.init)
                    guard parts.count == 3, let comparison = try? decoder.decode(ShadowComparison.self, from: Data(record.value.utf8)) else {
                        logger.warning("ignoring an unreadable stored shadow comparison \(model) \(record.key)")
                        continue
                    }
                    let key = Key(model: model, primary: parts[1], shadow: parts[2])
                    state.withLockedValue { $0.comparisons[key] = comparison }
                }
            } catch {
                logger.error("could not read the stored shadow comparisons of \(model): \(error)")
            }
        }
    }

    /// Saves the comparisons that changed since the last flush.
    func flush() async {
        guard let store else { return }
        _ = await storeTurn.acquire("store", limit: 1, backlog: .max)
        await save(to: store)
        await storeTurn.release("store")
        await saveSamples()
    }

    private func save(to store: any Store) async {
        let changed: [(Key, ShadowComparison)] = state.withLockedValue { state in
            defer { state.dirty.removeAll() }
            return state.dirty.compactMap { key in state.comparisons[key].map { (key, $0) } }
        }
        guard !changed.isEmpty else { return }
        let encoder = JSONEncoder()
        let now = Date()
        let records = changed.compactMap { key, comparison -> ModelStateRecord? in
            guard let data = try? encoder.encode(comparison) else { return nil }
            return ModelStateRecord(model: key.model, key: key.storeKey, value: String(decoding: data, as: UTF8.self), updatedAt: now)
        }
        do {
            // Not the caller's task: a shutdown that cancels the mirror must not lose the last save.
            try await Task { try await store.saveModelStates(records) }.value
        } catch {
            // Marked dirty again, so the next flush retries.
            state.withLockedValue { state in state.dirty.formUnion(changed.map(\.0)) }
            logger.error("could not save the shadow comparisons: \(error)")
        }
    }

    private static func pair(job: ShadowJob, result: ShadowCallResult, primaryOutput: ComparedOutput?, primaryBody: ByteBuffer) -> ShadowPair {
        let shadowResult: ShadowOutcome
        var bodiesEqual: Bool?
        switch result {
        case .answered(let status, let latency, let body):
            var output: ComparedOutput?
            if let body, (200..<300).contains(status) {
                output = ShadowOutputs.read(body, route: job.routeKind, output: job.runtime.spec.compare.output)
                if case .raw = job.routeKind { bodiesEqual = body == primaryBody }
            }
            shadowResult = .answered(status: status, latency: latency, output: output)
        case .timedOut(let latency):
            shadowResult = .timedOut(latency: latency)
        case .failed(let reason):
            shadowResult = .failed(reason: reason)
        }
        return ShadowPair(
            primaryStatus: job.primaryStatus,
            primaryLatency: job.primaryLatency,
            primaryOutput: primaryOutput,
            shadow: shadowResult,
            bodiesEqual: bodiesEqual
        )
    }
}
