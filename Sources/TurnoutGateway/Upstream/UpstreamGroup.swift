import NIOCore
import TurnoutCore

/// The instances that serve one version, and how to pick one for a request.
final class UpstreamGroup: Sendable {
    let config: UpstreamConfig
    let instances: [UpstreamInstance]

    init(config: UpstreamConfig, instances: [UpstreamInstance]) {
        self.config = config
        self.instances = instances
    }

    /// Picks an available instance: the less busy (on this event loop) of two drawn at random.
    func pick(on loop: LoopContext, at now: NIODeadline, excluding excluded: [Int] = []) -> UpstreamInstance? {
        guard excluded.isEmpty else {
            return instances.filter { !excluded.contains($0.id) && $0.isAvailable(at: now) }
                .min { loop.outstanding(on: $0) < loop.outstanding(on: $1) }
        }
        switch instances.count {
        case 0: return nil
        case 1: return instances[0].isAvailable(at: now) ? instances[0] : nil
        default: break
        }
        let first = Int(loop.random.next(upperBound: UInt64(instances.count)))
        var second = Int(loop.random.next(upperBound: UInt64(instances.count - 1)))
        if second >= first { second += 1 }
        let (a, b) = (instances[first], instances[second])
        switch (a.isAvailable(at: now), b.isAvailable(at: now)) {
        case (true, true):
            return loop.outstanding(on: a) <= loop.outstanding(on: b) ? a : b
        case (true, false): return a
        case (false, true): return b
        case (false, false): return leastBusyAvailable(on: loop, at: now)
        }
    }

    private func leastBusyAvailable(on loop: LoopContext, at now: NIODeadline) -> UpstreamInstance? {
        instances.filter { $0.isAvailable(at: now) }.min { loop.outstanding(on: $0) < loop.outstanding(on: $1) }
    }
}
