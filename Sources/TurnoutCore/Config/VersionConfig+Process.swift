extension VersionConfig {
    /// The version's process backend, when the gateway runs its instances.
    public var process: ProcessConfig? {
        guard case .process(let process) = backend else { return nil }
        return process
    }
}
