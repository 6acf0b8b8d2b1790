extension TurnoutConfig {
    /// The configuration with relative model-file, process working-directory and TLS-file paths made relative to `directory` (the
    /// directory of the configuration file), so a file works from any working directory.
    public func resolvingPaths(relativeTo directory: String) -> TurnoutConfig {
        var resolved = self
        resolved.flagFiles = flagFiles.map { Self.resolve($0, in: directory) }
        resolved.tls = tls.map { Self.resolve($0, in: directory) }
        resolved.admin.tls = admin.tls.map { Self.resolve($0, in: directory) }
        for modelIndex in resolved.models.indices {
            for versionIndex in resolved.models[modelIndex].versions.indices {
                let backend = resolved.models[modelIndex].versions[versionIndex].backend
                resolved.models[modelIndex].versions[versionIndex].backend = Self.resolve(backend, in: directory)
            }
            resolved.models[modelIndex].release = resolved.models[modelIndex].release.resolvingPaths { Self.resolve($0, in: directory) }
        }
        return resolved
    }

    /// A model file, or a process's working directory, made relative to `directory`.
    private static func resolve(_ backend: VersionConfig.Backend, in directory: String) -> VersionConfig.Backend {
        switch backend {
        case .upstream: return backend
        case .builtin(let path): return .builtin(path: resolve(path, in: directory))
        case .process(var process):
            process.cwd = process.cwd.map { resolve($0, in: directory) }
            return .process(process)
        }
    }

    private static func resolve(_ files: TLSFiles, in directory: String) -> TLSFiles {
        TLSFiles(
            cert: resolve(files.cert, in: directory),
            key: resolve(files.key, in: directory),
            clientCA: files.clientCA.map { resolve($0, in: directory) }
        )
    }

    private static func resolve(_ path: String, in directory: String) -> String {
        guard !path.hasPrefix("/"), !directory.isEmpty else { return path }
        return (directory.hasSuffix("/") ? directory : directory + "/") + path
    }
}
