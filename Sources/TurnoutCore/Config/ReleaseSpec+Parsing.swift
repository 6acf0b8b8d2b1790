extension ConfigReader {
    mutating func readRelease(_ value: ConfigValue?, at path: String, versions: [String]) -> ReleaseSpec? {
        guard let value else {
            if versions.count == 1 { return .single(version: versions[0]) }
            let names = ReleaseStrategyName.supported.map(\.rawValue)
            let list = names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
            report(path, "missing: with several versions, say how to release them (strategy: \(list))")
            return nil
        }
        guard case .mapping(let entries) = value else {
            report(path, "expected a mapping, got \(value.kindDescription)")
            return nil
        }
        let strategyValue = entries.first { $0.key == "strategy" }?.value ?? .string("single")
        guard let strategy = choice(strategyValue, at: Self.join(path, "strategy"), as: ReleaseStrategyName.self) else {
            return nil
        }
        guard let registered = StrategyRegistry.strategy(named: strategy) else {
            let supported = ReleaseStrategyName.supported.map(\.rawValue).joined(separator: ", ")
            report(Self.join(path, "strategy"), "\(strategy.rawValue) is not implemented yet (implemented: \(supported))")
            return nil
        }
        return registered.readRelease(value, at: path, versions: versions, with: &self)
    }

    mutating func knownVersion(_ name: String, at path: String, versions: [String]) -> Bool {
        if versions.contains(name) { return true }
        report(path, "no such version (versions: \(versions.joined(separator: ", ")))")
        return false
    }
}
