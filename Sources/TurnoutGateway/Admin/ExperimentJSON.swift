import Foundation
import TurnoutCore
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
        object["conclusion"] = conclusionObject(look.managed.conclusion)
        return object
    }

    /// A bandit: per arm its pulls, rewards, mean with a 95% interval, the share of traffic in
    /// force and the probability of being best.
    static func object(_ look: ReleaseController.BanditLook, sharesInForce: [VersionWeight]) -> [String: Any] {
        let total = sharesInForce.reduce(0) { $0 + $1.weight }
        let arms: [[String: Any]] = look.spec.arms.indices.map { index in
            let name = look.spec.arms[index]
            let rewards = look.rewards[index]
            let share = total > 0 ? (sharesInForce.first { $0.version == name }?.weight ?? 0) / total : 0
            var arm: [String: Any] = [
                "name": name, "pulls": look.pulls[index], "rewards": Double(rewards.n),
                "share": share, "next_share": look.shares[index], "probability_best": look.probabilityBest[index],
            ]
            if rewards.n > 0 {
                arm["mean"] = rewards.mean
                let halfWidth = rewards.n > 1 ? 1.959964 * (rewards.sampleVariance / Double(rewards.n)).squareRoot() : Double.infinity
                arm["ci"] = halfWidth.isFinite ? [rewards.mean - halfWidth, rewards.mean + halfWidth] : NSNull()
            } else {
                arm["mean"] = NSNull()
                arm["ci"] = NSNull()
            }
            return arm
        }
        return [
            "model": look.managed.state.model,
            "strategy": "bandit",
            "phase": look.managed.state.phase.rawValue,
            "started_at": look.managed.evidenceStart,
            "settings": (try? JSONSerialization.jsonObject(with: Data(look.managed.state.spec.configJSON.utf8))) ?? [:],
            "arms": arms,
            "conclusion": conclusionObject(look.managed.conclusion),
        ]
    }

    private static func conclusionObject(_ conclusion: ExperimentConclusion?) -> Any {
        guard let conclusion else { return NSNull() }
        return [
            "time": conclusion.time, "decision": conclusion.decision,
            "winner": conclusion.winner ?? NSNull(), "summary": conclusion.summary,
        ] as [String: Any]
    }
}
