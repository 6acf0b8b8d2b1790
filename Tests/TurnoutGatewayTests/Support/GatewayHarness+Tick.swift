import AsyncHTTPClient
import Foundation

extension GatewayHarness {
    /// Runs one round of every release controller now, after the store writer has written
    /// what the gateway answered so far (an admin request flushes it), so the round sees it.
    func tick() async {
        _ = try? await HTTPClient.shared.send(.GET, "\(adminURL)/api/v1/models")
        await gateway.tick()
    }

    /// Ticks round after round until `condition` holds, at most `rounds` times; returns whether
    /// it held.
    ///
    /// Bounded by rounds, not by a deadline, so a slow machine takes longer but does not fail.
    /// The short pause between rounds lets a controller's own interval (`interval`,
    /// `update_every`) pass, since a round only acts on the releases that are due. With
    /// `advancing`, the controllers' ``clock`` moves on that much before each round, so a
    /// step timeout, a promotion window or a reward wait passes in rounds, not in real time.
    @discardableResult
    func tick(
        until condition: () async throws -> Bool, rounds: Int = 300, pause: Duration = .milliseconds(50), advancing: Duration = .zero
    ) async throws -> Bool {
        for _ in 0..<rounds {
            if advancing > .zero { clock.advance(by: advancing) }
            await tick()
            if try await condition() { return true }
            try await Task.sleep(for: pause)
        }
        return false
    }

    /// The release's phase as the admin API reports it.
    func phase(of model: String) async throws -> String {
        let status = try await HTTPClient.shared.send(.GET, "\(adminURL)/api/v1/models/\(model)").json
        return (status["release"] as? [String: Any])?["phase"] as? String ?? ""
    }
}
