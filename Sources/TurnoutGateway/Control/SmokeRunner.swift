import Foundation
import NIOCore
import NIOHTTP1
import TurnoutCore

/// Runs a blue-green release's smoke tests: each request file is sent to the preview version
/// (in process or on the mirror's connection pool, never through the release's routing), and
/// the answer must have the expected status and, when given, the expected JSON output (the
/// `outputs` of an OIP answer, or the whole JSON otherwise). A preview that cannot be reached,
/// times out or answers 503 is not judged yet: the outcome is inconclusive and the controller
/// tries again at its next interval.
struct SmokeRunner: Sendable {
    let shared: DataPlaneShared

    func run(_ tests: [BlueGreenSpec.SmokeTest], model: String, version name: String) async -> CheckOutcome {
        guard let mirror = shared.mirror,
            let runtime = shared.snapshot.load(ordering: .acquiring).models[model],
            let version = runtime.versions[name]
        else { return .inconclusive(reason: "version \(name) of \(model) is not running") }
        let route: GatewayRoute.ModelRouteKind = runtime.config.wireProtocol == .v1 ? .predictV1 : .infer
        for (index, test) in tests.enumerated() {
            let label = "smoke test \(index + 1) (\(test.request))"
            guard let body = FileManager.default.contents(atPath: test.request) else {
                return .fail(reason: "\(label): cannot read the request file")
            }
            var headers = HTTPHeaders()
            headers.add(name: "content-type", value: "application/json")
            let call = VersionCall(
                route: route, method: .POST, headers: headers, query: "", body: ByteBuffer(bytes: body),
                requestID: "smoke-\(model)-\(index + 1)-\(UInt32.random(in: 0...UInt32.max))", timeout: 10, maxBody: 16 << 20
            )
            switch await mirror.call(version, call) {
            // Not reachable or not ready yet (still starting): try again later rather than judge it.
            case .timedOut:
                return .inconclusive(reason: "\(label): no answer within 10s")
            case .failed(let reason):
                return .inconclusive(reason: "\(label): \(reason)")
            case .answered(503, _, _):
                return .inconclusive(reason: "\(label): the preview answered 503 (not ready)")
            case .answered(let status, _, let answer):
                guard status == test.expectStatus else { return .fail(reason: "\(label): status \(status), expected \(test.expectStatus)") }
                if let problem = Self.outputProblem(answer, expected: test.expectOutput) { return .fail(reason: "\(label): \(problem)") }
            }
        }
        return .pass
    }

    /// Why the answer differs from the expected output file, compared as JSON values.
    private static func outputProblem(_ answer: ByteBuffer?, expected path: String?) -> String? {
        guard let path else { return nil }
        guard let expectedData = FileManager.default.contents(atPath: path),
            let expected = try? JSONSerialization.jsonObject(with: expectedData, options: [.fragmentsAllowed])
        else { return "cannot read the expected output \(path) as JSON" }
        guard let answer, let actual = try? JSONSerialization.jsonObject(with: Data(answer.readableBytesView), options: [.fragmentsAllowed]) else {
            return "the answer is not JSON"
        }
        // Compare the model's outputs when both have them: ids and other envelope fields differ by request.
        let actualOutputs = (actual as? [String: Any])?["outputs"]
        let expectedOutputs = (expected as? [String: Any])?["outputs"]
        if let actualOutputs, let expectedOutputs {
            return canonical(actualOutputs) == canonical(expectedOutputs) ? nil : "the outputs differ from those in \(path)"
        }
        return canonical(actual) == canonical(expected) ? nil : "the answer differs from \(path)"
    }

    /// The JSON value written with sorted keys, so two documents compare by content.
    private static func canonical(_ value: Any) -> Data? {
        try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])
    }
}
