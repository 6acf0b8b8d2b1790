import Foundation
import TurnoutCore
import TurnoutStore

extension ReleaseController {
    /// The release stored for `model`, if it can be resumed: it decodes, and its state is valid
    /// for the model as configured now by the same rules as a release sent to the admin API.
    ///
    /// A stored release that fails (written by an older version, or damaged) is reported as an
    /// error naming the model, the revision and every problem, and skipped: the caller starts the
    /// configured release instead, so one bad row can neither stop the gateway nor crash it later.
    func storedManagedRelease(_ record: ReleaseRecord, of model: ModelConfig) -> ManagedRelease? {
        let managed: ManagedRelease
        do {
            managed = try JSONDecoder().decode(ManagedRelease.self, from: Data(record.controllerState.utf8))
        } catch {
            reportSkipped(record, problems: ["cannot be decoded: \(error)"])
            return nil
        }
        let problems = managed.state.validationIssues(for: Self.model(model, naming: managed.state.spec)).map(\.description)
            + managed.configSpec.validationIssues(for: Self.model(model, naming: managed.configSpec)).map { "config_spec: \($0)" }
        guard problems.isEmpty else {
            reportSkipped(record, problems: problems)
            return nil
        }
        return managed
    }

    /// `model` with every version `spec` names: a release naming a version since removed from
    /// the file is not damaged, only out of date, and the caller starts the configured one.
    private static func model(_ model: ModelConfig, naming spec: ReleaseSpec) -> ModelConfig {
        var widened = model
        let known = Set(model.versions.map(\.name))
        for name in spec.referencedVersions where !known.contains(name) {
            widened.versions.append(VersionConfig(name: name, backend: .builtin(path: "")))
        }
        return widened
    }

    private func reportSkipped(_ record: ReleaseRecord, problems: [String]) {
        logger.error(
            "stored release of \(record.model) at revision \(record.revision) is not valid and was skipped; the configured release starts instead",
            metadata: ["model": "\(record.model)", "revision": "\(record.revision)", "problems": "\(problems.joined(separator: "; "))"]
        )
    }
}
