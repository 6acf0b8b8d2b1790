import Foundation
import NIOCore
import TurnoutAdminAPI
import TurnoutStats
import TurnoutStore

extension ShadowSamplesAnswer {
    /// The most samples one answer reads back: each costs three lookups (decision, outcome,
    /// payload), and the dashboard asks again every few seconds.
    static let examineLimit = 200

    /// The newest sampled pairs of `model` from the store, judged as the running comparison
    /// judges them; with `onlyDisagreeing`, the disagreeing ones among the newest ``examineLimit``.
    static func read(model: String, limit: Int, onlyDisagreeing: Bool, output: String?, store: any Store) async throws -> ShadowSamplesAnswer {
        let stored = try await store.recentShadowSamples(model: model, limit: onlyDisagreeing ? examineLimit : limit)
        var samples: [ShadowSampleAnswer] = []
        for sample in stored where samples.count < limit {
            let pair = try await ShadowSampleAnswer(sample, output: output, store: store)
            if !onlyDisagreeing || pair.agrees == false { samples.append(pair) }
        }
        return ShadowSamplesAnswer(model: model, examined: stored.count, samples: samples)
    }
}

extension ShadowSampleAnswer {
    /// A stored shadow answer beside the primary's decision, status and stored answer.
    init(_ sample: ShadowSample, output: String?, store: any Store) async throws {
        let decision = try await store.decision(requestID: sample.requestID)
        let primaryStatus = try await store.outcome(requestID: sample.requestID)?.status
        let payload = try await store.payloadSample(requestID: sample.requestID)
        let difference = SampledPairDifference(
            primaryStatus: primaryStatus,
            primaryOutput: payload.flatMap { $0.truncated ? nil : Self.read($0.response, output: output) },
            shadow: Self.outcome(of: sample, output: output)
        )
        self.init(
            requestID: sample.requestID, time: sample.time.timeIntervalSince1970, primary: decision?.version, shadow: sample.version,
            primaryStatus: primaryStatus, outcome: sample.outcome, shadowStatus: sample.status, agrees: difference.agrees,
            difference: difference.summary, maxPredictionDifference: difference.maxPredictionDifference,
            request: payload.map { String(decoding: $0.request, as: UTF8.self) },
            primaryAnswer: payload.map { String(decoding: $0.response, as: UTF8.self) },
            shadowAnswer: String(decoding: sample.response, as: UTF8.self),
            truncated: sample.truncated || payload?.truncated == true
        )
    }

    /// The stored sample as the comparison's outcome; a cut answer is not read.
    private static func outcome(of sample: ShadowSample, output: String?) -> ShadowOutcome {
        let latency = Double(sample.latencyMicros ?? 0) / 1e6
        switch sample.outcome {
        case "answered":
            let read = sample.truncated ? nil : Self.read(sample.response, output: output)
            return .answered(status: sample.status ?? 0, latency: latency, output: read)
        case "timeout":
            return .timedOut(latency: latency)
        default:
            return .failed(reason: String(decoding: sample.response, as: UTF8.self))
        }
    }

    /// An answer read as Open Inference Protocol, or else as KServe V1: the stored sample does
    /// not say which route it answered.
    private static func read(_ body: Data, output: String?) -> ComparedOutput? {
        let buffer = ByteBuffer(bytes: body)
        return ShadowOutputs.read(buffer, route: .infer, output: output) ?? ShadowOutputs.read(buffer, route: .predictV1, output: output)
    }
}
