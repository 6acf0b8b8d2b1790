import Foundation
import TurnoutAdminAPI

/// How the admin-API commands show what the gateway answered: tables and one-line summaries.
///
/// Pure functions from decoded answers to text, kept apart from the HTTP calls so that they
/// can be checked without a gateway. Whatever the gateway leaves out or sends as `null`
/// shows as `-`.
package enum AdminFormat {
    package static let missing = "-"

    // MARK: Status

    /// The `turnout status` table: one row per version, the model's columns on its first row,
    /// and a closing line naming the stats window.
    package static func status(_ models: [ModelAnswer]) -> String {
        var table = TextTable([
            .init("MODEL"), .init("STRATEGY"), .init("PHASE"), .init("STEP", .right), .init("REVISION", .right),
            .init("VERSION"), .init("WEIGHT %", .right), .init("REQUESTS", .right), .init("ERR %", .right),
            .init("P50 ms", .right), .init("P99 ms", .right), .init("FEEDBACK", .right), .init("MEAN REWARD", .right),
        ])
        for model in models {
            let release = [model.name, model.strategy, model.release?.phase ?? missing, step(model.release), integer(model.release?.revision)]
            if model.versions.isEmpty { table.append(release) }
            for (index, version) in model.versions.enumerated() {
                let lead = index == 0 ? release : Array(repeating: "", count: release.count)
                table.append(lead + [version] + versionCells(weight: model.weights[version], stats: model.stats?[version]))
            }
        }
        var text = table.render()
        if let window = models.first?.windowSeconds {
            text += "\n\nrequests, errors, latency and feedback over the last \(window) s"
        }
        for model in models {
            if let instances = model.instances { text += "\n\n" + instanceLines(instances, model: model) }
            if let analysis = model.analysis { text += "\n\n" + analysisLines(analysis, model: model.name) }
            if let gate = model.gate { text += "\n\n" + gateLine(gate, model: model.name) }
        }
        return text
    }

    /// A model's managed instances: per version, how many are in each state, then the requests
    /// held for a version with none ready and the measured gap of a recreate, such as
    /// `m instances: v1 ready 2, draining 1; v2 starting 1`.
    package static func instanceLines(_ answer: InstancesAnswer, model: ModelAnswer) -> String {
        let order = ["starting", "ready", "draining", "failed"]
        let perVersion = model.versions.compactMap { version -> String? in
            let counts = answer.counts(of: version)
            guard !counts.isEmpty else { return nil }
            let states = order.filter { counts[$0] != nil } + counts.keys.filter { !order.contains($0) }.sorted()
            return "\(version) " + states.map { "\($0) \(counts[$0] ?? 0)" }.joined(separator: ", ")
        }
        var lines = ["\(model.name) instances: " + (perVersion.isEmpty ? "none running" : perVersion.joined(separator: "; "))]
        for instance in answer.instances where instance.state == "failed" || instance.restarts > 0 {
            let exit = instance.lastExit.map { ", last \($0)" } ?? ""
            lines.append("  \(instance.version)#\(instance.id) \(instance.state), restarted \(instance.restarts) times\(exit)")
        }
        if answer.heldRequests > 0 || answer.refusedRequests > 0 || answer.gapSeconds != nil {
            let gap = answer.gapSeconds.map { "gap \(decimal($0, 2)) s, " } ?? ""
            lines.append("  \(gap)\(answer.heldRequests) requests held, \(answer.refusedRequests) refused")
        }
        return lines.joined(separator: "\n")
    }

    /// The gate holding a release, such as `m gate before_step holds: HTTP 503 (3 attempts) from http://...`.
    package static func gateLine(_ gate: GateAnswer, model: String) -> String {
        let verb = gate.gate == "after_rollback" ? "not told yet, last answer" : "holds"
        let from = gate.url.map { " from \($0)" } ?? ""
        return "\(model) gate \(gate.gate) \(verb): \(gate.answer) (\(gate.attempts) attempt\(gate.attempts == 1 ? "" : "s"))\(from)"
    }

    /// A canary's or blue-green release's newest analysis: what the controller decided, then each check.
    package static func analysisLines(_ analysis: RolloutAnalysisAnswer, model: String) -> String {
        var lines = ["\(model) analysis: \(analysis.decision)"]
        for check in analysis.checks {
            lines.append("  \(check.name): \(check.verdict) — \(check.summary)")
        }
        return lines.joined(separator: "\n")
    }

    private static func versionCells(weight: Double?, stats: VersionStatsAnswer?) -> [String] {
        [
            decimal(weight, 1),
            integer(stats?.requests),
            decimal(stats?.errorRate.map { $0 * 100 }, 2),
            decimal(stats?.latencyP50Ms, 2),
            decimal(stats?.latencyP99Ms, 2),
            integer(stats?.feedback),
            decimal(stats?.meanReward, 3),
        ]
    }

    // MARK: Release commands

    /// What a release command did, from the model it returns, such as
    /// `breast-cancer: promoted (step 1/1, revision 4) — promoted after the last step`.
    package static func releaseLine(_ model: ModelAnswer) -> String {
        let name = model.name
        guard let release = model.release else { return "\(name): the gateway sent no release state" }
        let line = "\(name): \(release.phase) (step \(step(release)), revision \(release.revision))"
        let reason = release.reason
        guard !reason.isEmpty else { return line }
        return "\(line) — \(reason)"
    }

    /// What `turnout apply` did to one model, such as
    /// `breast-cancer: release applied, revision 5, phase progressing`.
    package static func appliedLine(_ model: ModelAnswer) -> String {
        "\(model.name): release applied, revision \(integer(model.release?.revision)), phase \(model.release?.phase ?? missing)"
    }

    // MARK: Events

    /// The `turnout events` table, in the order given (the API sends newest first).
    package static func events(_ events: [EventAnswer]) -> String {
        var table = TextTable([.init("TIME"), .init("MODEL"), .init("ACTOR"), .init("ACTION"), .init("FROM -> TO"), .init("REASON")])
        for event in events {
            let change = "\(event.from ?? missing) -> \(event.to ?? missing)"
            table.append([time(event.time), event.model, event.actor, event.action, change, event.reason ?? ""])
        }
        return table.render()
    }

    // MARK: Cells

    /// The current step counted from 1 out of the step count, such as `2/4`. A promoted
    /// release's step equals the count, so it is clamped to show `4/4` rather than `5/4`.
    package static func step(_ release: ReleaseAnswer?) -> String {
        guard let count = release?.stepCount, count > 0, let step = release?.step else { return missing }
        return "\(min(max(step, 0) + 1, count))/\(count)"
    }

    /// Unix seconds as ISO 8601 in UTC to the second, such as `2026-11-20T10:32:05Z`.
    package static func time(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return missing }
        return Date(timeIntervalSince1970: seconds.rounded(.down)).formatted(.iso8601)
    }

    package static func integer(_ value: (some BinaryInteger)?) -> String {
        value.map { "\($0)" } ?? missing
    }

    package static func decimal(_ value: Double?, _ digits: Int) -> String {
        guard let value, value.isFinite else { return missing }
        return String(format: "%.\(digits)f", value)
    }
}
