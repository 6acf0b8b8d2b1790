extension GateSpec {
    /// The keys of `gates`.
    static let keys = ["before_start", "before_step", "before_promotion", "after_rollback", "confirm", "timeout", "interval"]
}

extension ConfigReader {
    /// Reads a model's `gates`.
    mutating func readGates(_ value: ConfigValue, at path: String) -> GateSpec? {
        guard let settings = mapping(value, at: path, allowedKeys: GateSpec.keys) else { return nil }
        var gates = GateSpec()
        gates.beforeStart = settings["before_start"].flatMap { hookURL($0, at: settings.path("before_start")) }
        gates.beforeStep = settings["before_step"].flatMap { hookURL($0, at: settings.path("before_step")) }
        gates.beforePromotion = settings["before_promotion"].flatMap { hookURL($0, at: settings.path("before_promotion")) }
        gates.afterRollback = settings["after_rollback"].flatMap { hookURL($0, at: settings.path("after_rollback")) }
        if let value = settings["confirm"], let confirm = bool(value, at: settings.path("confirm")) { gates.confirm = confirm }
        if let value = settings["timeout"], let timeout = duration(value, at: settings.path("timeout")) { gates.timeout = timeout.seconds }
        if let value = settings["interval"], let interval = duration(value, at: settings.path("interval")) { gates.interval = interval.seconds }
        return gates
    }
}
