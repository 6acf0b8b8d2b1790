import AsyncHTTPClient
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import TurnoutAdminAPI
import TurnoutStats

/// Replays a data set at a gateway: open loop at a target rate (a slow gateway shows as latency,
/// not as a lower offered rate) or closed loop at a fixed concurrency.
package struct LoadGenerator: Sendable {
    private let options: LoadOptions
    private let data: LoadDataSet
    private let client: HTTPClient
    /// One request body per row, built once.
    private let bodies: [ByteBuffer]

    /// A snapshot of a run in progress, for a progress line.
    package struct Progress: Sendable {
        package let seconds: Double
        package let requests: Int
        package let succeeded: Int
        package let p50Milliseconds: Double
    }

    /// Prepares a run of `data` against the gateway named in `options`.
    package init(options: LoadOptions, data: LoadDataSet, client: HTTPClient = .shared) {
        self.options = options
        self.data = data
        self.client = client
        self.bodies = data.rows.map { ByteBuffer(string: Self.inferenceBody(row: $0)) }
    }

    /// Runs until the duration or request count is reached, or the task is cancelled (then the
    /// report is the summary so far). `progress` is called about once a second.
    package func run(progress: @escaping @Sendable (Progress) -> Void = { _ in }) async -> LoadReport {
        let recorder = NIOLockedValueBox(LoadRecorder())
        let start = ContinuousClock.now
        let reporter = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                let snapshot = recorder.withLockedValue {
                    Progress(seconds: (ContinuousClock.now - start).seconds, requests: $0.requests,
                             succeeded: $0.succeeded, p50Milliseconds: $0.milliseconds(atPercentile: 50))
                }
                if !Task.isCancelled { progress(snapshot) }
            }
        }
        await schedule(from: start, into: recorder)
        reporter.cancel()
        let seconds = (ContinuousClock.now - start).seconds
        return recorder.withLockedValue { $0.report(seconds: seconds, interrupted: Task.isCancelled) }
    }

    private func schedule(from start: ContinuousClock.Instant, into recorder: NIOLockedValueBox<LoadRecorder>) async {
        var random = SeededGenerator(seed: options.seed)
        let end = options.duration.map { start + $0 }
        let limit = options.requests ?? Int.max
        await withTaskGroup(of: Void.self) { group in
            var inFlight = 0
            var index = 0
            while index < limit, !Task.isCancelled {
                let scheduled = options.rate.map { start + .seconds(Double(index) / $0) } ?? ContinuousClock.now
                if let end, scheduled >= end { break }
                if scheduled > ContinuousClock.now {
                    try? await Task.sleep(until: scheduled, clock: .continuous)
                }
                if inFlight >= options.concurrency {
                    await group.next()
                    inFlight -= 1
                }
                let row = Int(random.next(upperBound: UInt64(data.rows.count)))
                let user = options.users > 0 ? "user-\(random.next(upperBound: UInt64(options.users)))" : nil
                let requestID = "load-\(options.seed)-\(index)"
                group.addTask {
                    let sample = await send(row: row, user: user, requestID: requestID, scheduled: scheduled, recorder: recorder)
                    if let sample, !Task.isCancelled { recorder.withLockedValue { $0.record(sample) } }
                }
                inFlight += 1
                index += 1
            }
            await group.waitForAll()
        }
    }

    private func send(
        row: Int, user: String?, requestID: String, scheduled: ContinuousClock.Instant,
        recorder: NIOLockedValueBox<LoadRecorder>
    ) async -> LoadRecorder.Sample? {
        var request = HTTPClientRequest(url: "\(options.url)/v2/models/\(options.model)/infer")
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: "x-request-id", value: requestID)
        if let user { request.headers.add(name: options.unitHeader, value: user) }
        request.body = .bytes(bodies[row])
        let label = data.labels?[row]
        do {
            let response = try await client.execute(request, timeout: .seconds(60))
            let body = try await response.body.collect(upTo: 16 << 20)
            let elapsed = ContinuousClock.now - scheduled
            let ok = (200..<300).contains(Int(response.status.code))
            let predicted = ok ? InferenceAnswer.predictedClass(in: Data(body.readableBytesView)) : nil
            if options.feedback, let label, let predicted {
                let token = response.headers.first(name: GatewayHeader.feedbackToken)
                await sendFeedback(requestID: requestID, reward: predicted == label ? 1 : 0, token: token, recorder: recorder)
            }
            return LoadRecorder.Sample(
                status: Int(response.status.code), microseconds: elapsed.microseconds,
                version: response.headers.first(name: "x-turnout-version"), predicted: predicted, label: label
            )
        } catch {
            if Task.isCancelled { return nil }
            return LoadRecorder.Sample(status: nil, microseconds: (ContinuousClock.now - scheduled).microseconds)
        }
    }

    /// Sends one reward, with the answer's feedback token when the gateway gave one.
    private func sendFeedback(requestID: String, reward: Double, token: String?, recorder: NIOLockedValueBox<LoadRecorder>) async {
        var request = HTTPClientRequest(url: "\(options.url)/v1/feedback")
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        if let token { request.headers.add(name: GatewayHeader.feedbackToken, value: token) }
        request.body = .bytes(ByteBuffer(string: #"{"request_id":"\#(requestID)","reward":\#(reward)}"#))
        let accepted: Bool
        do {
            let response = try await client.execute(request, timeout: .seconds(30))
            _ = try await response.body.collect(upTo: 1 << 20)
            accepted = response.status == .ok
        } catch {
            accepted = false
        }
        recorder.withLockedValue { accepted ? ($0.feedbackSent += 1) : ($0.feedbackFailed += 1) }
    }

    /// An Open Inference Protocol request for one row, FP32 of shape [1, F].
    package static func inferenceBody(row: [Float]) -> String {
        let values = row.map { $0.isNaN ? "null" : "\($0)" }.joined(separator: ",")
        return #"{"inputs":[{"name":"input-0","shape":[1,\#(row.count)],"datatype":"FP32","data":[\#(values)]}]}"#
    }
}

extension Duration {
    var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }

    var microseconds: UInt64 {
        UInt64(max(0, seconds * 1_000_000))
    }
}
