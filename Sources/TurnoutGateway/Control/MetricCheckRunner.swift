import AsyncHTTPClient
import Foundation
import TurnoutCore

/// Runs an analysis' metric checks: asks each check's provider (Prometheus' `/api/v1/query`
/// or a web endpoint) for the canary's value, and the stable version's when the condition
/// compares with it, and judges the answers with the check's condition. A provider that cannot
/// be reached, answers late, answers another status than 200 or answers something unreadable
/// makes its check inconclusive with the reason, never a pass.
struct MetricCheckRunner: Sendable {
    let client: HTTPClient

    /// The largest answer read from a provider; an instant query's answer is a few hundred bytes.
    static let maxAnswerBytes = 1 << 20

    init(client: HTTPClient = .shared) {
        self.client = client
    }

    /// The checks' verdicts in the order they are configured; the checks run at the same time.
    func run(_ checks: [MetricCheckSpec], context: MetricCheckContext) async -> [RolloutAnalysis.Check] {
        await withTaskGroup(of: (Int, RolloutAnalysis.Check).self) { group in
            for (index, check) in checks.enumerated() {
                group.addTask { (index, await run(check, context: context)) }
            }
            var results: [(Int, RolloutAnalysis.Check)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    func run(_ check: MetricCheckSpec, context: MetricCheckContext) async -> RolloutAnalysis.Check {
        async let canary = reading(check.provider, context: context)
        let stable = check.condition.mentionsStable ? await reading(check.provider, context: context.forStable) : nil
        let result = check.condition.evaluate(canary: await canary, stable: stable, noData: check.noData)
        return RolloutAnalysis.Check(name: check.name, result: result)
    }

    private func reading(_ provider: MetricProvider, context: MetricCheckContext) async -> MetricReading {
        switch provider {
        case .prometheus(let prometheus):
            guard let url = Self.queryURL(prometheus, context: context) else { return .unavailable(reason: "the URL is not valid once filled in") }
            return switch await fetch(url, timeout: prometheus.timeout) {
            case .failure(let failure): .unavailable(reason: failure.reason)
            case .success((200, let body)): PrometheusAnswer.reading(body, reduce: prometheus.range?.reduce)
            case .success((let status, let body)): Self.prometheusError(status: status, body: body)
            }
        case .web(let web):
            let url = web.url.rendered(context) { $0.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? $0 }
            return switch await fetch(url, timeout: web.timeout) {
            case .failure(let failure): .unavailable(reason: failure.reason)
            case .success((200, let body)): WebCheckAnswer.reading(body, at: web.jsonPath)
            case .success((let status, _)): .unavailable(reason: "\(url) answered HTTP \(status)")
            }
        }
    }

    /// `GET {url}/api/v1/query?query=...&time=<window end>`: the instant query at the end of the
    /// analysed window; with a range, `GET {url}/api/v1/query_range?query=...&start=<window
    /// start>&end=<window end>&step=<step>` over the whole window.
    static func queryURL(_ prometheus: MetricProvider.Prometheus, context: MetricCheckContext) -> String? {
        let base = prometheus.url.rendered(context) { $0.addingPercentEncoding(withAllowedCharacters: unreserved) ?? $0 }
        guard var components = URLComponents(string: base) else { return nil }
        let path = components.percentEncodedPath.hasSuffix("/") ? String(components.percentEncodedPath.dropLast()) : components.percentEncodedPath
        components.percentEncodedPath = path + (prometheus.range == nil ? "/api/v1/query" : "/api/v1/query_range")
        // Encoded by hand: URLComponents leaves `+` as it is, which Prometheus would read as a space.
        let query = prometheus.query.rendered(context).addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
        let end = String(format: "%.3f", context.windowEnd)
        if let range = prometheus.range {
            // A window shorter than one step still asks for the sample at its end.
            let start = String(format: "%.3f", min(context.windowStart, context.windowEnd))
            components.percentEncodedQuery = "query=\(query)&start=\(start)&end=\(end)&step=\(String(format: "%.3f", range.step))"
        } else {
            components.percentEncodedQuery = "query=\(query)&time=\(end)"
        }
        return components.string
    }

    /// Prometheus answers a bad query with 400 or 422 and its error in JSON; anything else
    /// with a status other than 200 is reported by its status.
    private static func prometheusError(status: UInt, body: [UInt8]) -> MetricReading {
        if case .unavailable(let reason) = PrometheusAnswer.reading(body), reason.hasPrefix("Prometheus:") {
            return .unavailable(reason: "HTTP \(status), \(reason)")
        }
        return .unavailable(reason: "Prometheus answered HTTP \(status)")
    }

    /// The characters a variable's value or a query keeps unencoded in a URL.
    private static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    /// The status and body of a `GET`, or why there is none.
    private func fetch(_ url: String, timeout: Double) async -> Result<(UInt, [UInt8]), HookCall.Failure> {
        await HookCall(client: client).exchange(HTTPClientRequest(url: url), timeout: timeout, maxBytes: Self.maxAnswerBytes).map { ($0.status, $0.body) }
    }
}
