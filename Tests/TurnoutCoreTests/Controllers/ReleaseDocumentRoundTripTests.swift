import Foundation
import Testing
@testable import TurnoutCore

/// The one-line JSON configuration form of canary and blue-green releases reads back to the same value.
@Suite("Canary and blue-green document form")
struct ReleaseDocumentRoundTripTests {
    @Test("a canary with every setting changed reads back from its JSON form", arguments: [
        CanarySpec(stable: "v1", canary: "v2", steps: [CanaryStep(weight: 10)]),
        CanarySpec(
            stable: "v3", canary: "v1",
            steps: [CanaryStep(weight: 2.5, pause: 0.25), CanaryStep(weight: 30, pause: 0), CanaryStep(weight: 100, pause: 3_600)],
            analysis: CanaryAnalysisSpec(
                interval: 5, minRequests: 7, maxErrorRate: 0.2, errorRateIncrease: 0, latencyP99Increase: 1.5, reward: true,
                failureLimit: 4, inconclusive: .wait, stepTimeout: 90
            ),
            rollbackWindow: 45
        ),
    ])
    func canary(spec: CanarySpec) throws {
        let json = spec.configJSON
        #expect(try JSONSerialization.jsonObject(with: Data(json.utf8)) is [String: Any])
        let read = try ReleaseReaderHarness.canary(json)
        #expect(read.issues == [])
        #expect(read.spec == spec)
    }

    @Test("a blue-green release with every setting changed reads back from its JSON form", arguments: [
        BlueGreenSpec(active: "v1", preview: "v2"),
        BlueGreenSpec(
            active: "v2", preview: "v3",
            smoke: [BlueGreenSpec.SmokeTest(request: "a \"quoted\" path.json", expectStatus: 404, expectOutput: "out.json"), BlueGreenSpec.SmokeTest(request: "b.json")],
            prePromotion: BlueGreenSpec.PrePromotion(mirror: 12.5, minPairs: 30, maxErrorRate: 0.5, maxLatencyP99Ratio: 0.9),
            autoPromote: false,
            postPromotion: BlueGreenSpec.PostPromotion(window: 1.5, analysis: CanaryAnalysisSpec(interval: 2, failureLimit: 1, inconclusive: .wait)),
            rollbackWindow: 86_400
        ),
    ])
    func blueGreen(spec: BlueGreenSpec) throws {
        let json = spec.configJSON
        #expect(try JSONSerialization.jsonObject(with: Data(json.utf8)) is [String: Any])
        let read = try ReleaseReaderHarness.blueGreen(json)
        #expect(read.issues == [])
        #expect(read.spec == spec)
    }
}
