extension InstanceSupervisor {
    /// The versions that have instances not already draining.
    func keysWithInstances() -> [InstanceKey] {
        slots.filter { $0.value.values.contains { !$0.draining } }.map(\.key)
    }

    /// Drains every instance of `key`, as ``setReplicas(_:of:launch:)`` with 0 would, for a
    /// version whose launch is no longer known (it left the configuration).
    func drainAll(of key: InstanceKey) {
        for number in (slots[key] ?? [:]).values.filter({ !$0.draining }).map(\.number) {
            drain(number, of: key, after: timing.drainDelay)
        }
    }
}
