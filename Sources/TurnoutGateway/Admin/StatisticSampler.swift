import Foundation
import Logging
import ServiceLifecycle
import TurnoutAdminAPI
import TurnoutCore

/// Samples every bandit's P(best) and shares and every shadow's agreement and kappa into the
/// ``StatisticHistory`` every `history.interval` seconds, the same numbers the experiment and
/// shadow endpoints answer.
struct StatisticSampler: Service {
    let services: AdminServices
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await sample()
                try? await Task.sleep(for: .seconds(services.history.interval))
            }
        }
    }

    /// Takes one sample of every model with a bandit or shadow release.
    func sample() async {
        let now = Date().timeIntervalSince1970
        var sampled: Set<String> = []
        for name in services.shared.snapshot.load(ordering: .acquiring).models.keys.sorted() {
            guard let release = await services.controller.release(of: name) else { continue }
            if let values = await values(model: name, release: release) {
                services.history.record(model: name, spec: release.spec, time: now, values: values)
                sampled.insert(name)
            }
        }
        services.history.keep(only: sampled)
    }

    private func values(model: String, release: ReleaseState) async -> [String: Double]? {
        if let spec = release.routing.as(ShadowSpec.self) {
            let answer = ShadowAnswer(model: model, spec: spec, ledger: services.shared.mirror?.ledger)
            var values: [String: Double] = [:]
            for shadow in answer.shadows {
                values["agreement/\(shadow.version)"] = shadow.classification?.agreement
                values["kappa/\(shadow.version)"] = shadow.classification?.kappa
            }
            return values
        }
        guard release.spec.as(BanditSpec.self) != nil, release.phase == .progressing else { return nil }
        do {
            let look = try await services.controller.look(atBandit: model)
            let inForce = services.shared.snapshot.load(ordering: .acquiring).models[model]?.policy.weights ?? []
            var values: [String: Double] = [:]
            for arm in ExperimentAnswer(look, sharesInForce: inForce).arms ?? [] {
                values["best/\(arm.name)"] = arm.probabilityBest
                values["share/\(arm.name)"] = arm.share
            }
            return values
        } catch {
            logger.debug("history: no bandit sample of \(model): \(error)")
            return nil
        }
    }
}
