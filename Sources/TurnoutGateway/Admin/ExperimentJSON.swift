import Foundation
import TurnoutStats

/// An A/B test as the admin API shows it: settings, the engine's result and the conclusion.
enum ExperimentJSON {
    static func object(_ look: ReleaseController.ExperimentLook) throws -> [String: Any] {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let result = try JSONSerialization.jsonObject(with: try encoder.encode(look.result))
        let settings = try JSONSerialization.jsonObject(with: Data(look.managed.state.spec.configJSON.utf8))
        var object: [String: Any] = [
            "model": look.managed.state.model,
            "phase": look.managed.state.phase.rawValue,
            "started_at": look.managed.evidenceStart,
            "settings": settings,
            "result": result,
        ]
        if let conclusion = look.managed.conclusion {
            object["conclusion"] = [
                "time": conclusion.time, "decision": conclusion.decision,
                "winner": conclusion.winner ?? NSNull(), "summary": conclusion.summary,
            ] as [String: Any]
        } else {
            object["conclusion"] = NSNull()
        }
        return object
    }
}
