import AsyncHTTPClient
import Logging
import NIOCore
import ServiceLifecycle
import TurnoutCore

/// Probes every upstream instance's readiness endpoint on its interval and records the result,
/// so the data plane stops sending to instances that say they are not ready.
struct ReadinessProber: Service {
    let shared: DataPlaneShared
    let client: HTTPClient
    let logger: Logger

    /// How often the prober looks for instances whose probe is due.
    static let tick = Duration.milliseconds(100)

    func run() async throws {
        // Stopping is the normal end of this service, so a cancelled sleep is not an error.
        try? await cancelWhenGracefulShutdown {
            var due: [Int: ContinuousClock.Instant] = [:]
            while !Task.isCancelled {
                let now = ContinuousClock.now
                let targets = probeTargets().filter { (due[$0.instance.id] ?? now) <= now }
                for target in targets { due[target.instance.id] = now + target.probe.interval }
                await probeAll(targets)
                try await Task.sleep(for: Self.tick)
            }
        }
    }

    private struct Target: Sendable {
        let instance: UpstreamInstance
        let probe: ReadinessProbe
    }

    private func probeTargets() -> [Target] {
        var targets: [Int: Target] = [:]
        for model in shared.snapshot.load(ordering: .acquiring).models.values {
            for version in model.versions.values {
                guard case .upstream(let group) = version.backend, let probe = group.config.probe else { continue }
                for instance in group.instances { targets[instance.id] = Target(instance: instance, probe: probe) }
            }
        }
        return Array(targets.values)
    }

    private func probeAll(_ targets: [Target]) async {
        await withTaskGroup(of: Void.self) { group in
            for target in targets {
                group.addTask { await probe(target) }
            }
        }
    }

    private func probe(_ target: Target) async {
        let url = "http://\(target.instance.url.authority)\(target.instance.url.basePath)\(target.probe.path)"
        var ready = false
        do {
            let response = try await client.execute(HTTPClientRequest(url: url), timeout: TimeAmount(target.probe.timeout))
            _ = try await response.body.collect(upTo: 1 << 20)
            ready = response.status == .ok
        } catch {
            ready = false
        }
        if ready != target.instance.lastProbeReady {
            logger.info("readiness changed", metadata: ["instance": "\(target.instance.url)", "ready": "\(ready)"])
        }
        target.instance.recordProbe(ready: ready)
    }
}
