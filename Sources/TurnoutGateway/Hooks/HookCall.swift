import AsyncHTTPClient
import NIOCore

/// One bounded HTTP exchange with something outside the gateway (a metric provider, a
/// notification receiver, a gate): the status and body, or why there is none.
///
/// The timeout covers the whole exchange, body included, and is enforced beside the client's
/// own deadline: the client keeps retrying a refused connection until its deadline, and a
/// receiver that sends headers and then stalls would otherwise hold the caller.
struct HookCall: Sendable {
    let client: HTTPClient

    /// Why an exchange has no answer.
    struct Failure: Error, Sendable {
        var reason: String
    }

    /// Sends `request` and reads at most `maxBytes` of the answer within `timeout` seconds.
    func exchange(_ request: HTTPClientRequest, timeout: Double, maxBytes: Int) async -> Result<(status: UInt, body: [UInt8]), Failure> {
        let client = self.client
        let limit = TimeAmount.nanoseconds(Int64(timeout * 1e9))
        let late = Failure(reason: "\(request.url): no answer within \(Self.secondsText(timeout))")
        return await withTaskGroup(of: Result<(status: UInt, body: [UInt8]), Failure>.self) { group in
            group.addTask {
                do {
                    let response = try await client.execute(request, timeout: limit)
                    let body = try await response.body.collect(upTo: maxBytes)
                    return .success((response.status.code, Array(body.readableBytesView)))
                } catch let error as HTTPClientError where error == .deadlineExceeded {
                    return .failure(late)
                } catch {
                    return .failure(Failure(reason: "\(request.url): \(error)"))
                }
            }
            group.addTask {
                try? await Task.sleep(for: .nanoseconds(limit.nanoseconds))
                return .failure(late)
            }
            let first = await group.next() ?? .failure(Failure(reason: "\(request.url): not asked"))
            group.cancelAll()
            return first
        }
    }

    static func secondsText(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int64(seconds))s" : "\(seconds)s"
    }
}
