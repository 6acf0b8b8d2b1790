extension ProcessConfig {
    /// The keys of a version's `process` mapping.
    static let keys = ["command", "replicas", "ready", "env", "cwd", "grace"]
    /// A command as it is usually written, for messages.
    static let exampleCommand = #"["python3", "tiny_server.py", "--port", "{port}"]"#
}

extension ConfigReader {
    /// Reads a version's `process` mapping, with the connection settings written beside it
    /// (``VersionConfig/connectionKeys``); `nil` when anything in it is wrong.
    mutating func readProcess(_ value: ConfigValue, in version: ConfigMapping) -> ProcessConfig? {
        let issuesBefore = issues.count
        let path = version.path("process")
        for key in ["probe", "eject"] where version[key] != nil {
            report(version.path(key), "only applies to upstream versions (the supervisor probes a process version's instances at process.ready)")
        }
        guard let settings = mapping(value, at: path, allowedKeys: ProcessConfig.keys) else { return nil }
        let command = readCommand(settings["command"], at: settings.path("command"))
        var config = ProcessConfig(command: command ?? [])
        if let value = settings["replicas"], let replicas = readCount(value, at: settings.path("replicas")) {
            if replicas > ProcessConfig.maxReplicas {
                report(settings.path("replicas"), "at most \(ProcessConfig.maxReplicas) instances of a version run on one machine, got \(replicas)")
            } else {
                config.replicas = replicas
            }
        }
        if let value = settings["ready"], let ready = readProbePath(value, at: settings.path("ready")) { config.readyPath = ready }
        if let value = settings["env"], let env = readEnvironment(value, at: settings.path("env")) { config.env = env }
        if let value = settings["cwd"], let cwd = string(value, at: settings.path("cwd")).flatMap({ withoutNUL($0, at: settings.path("cwd")) }) {
            if cwd.isEmpty { report(settings.path("cwd"), "expected a directory, got an empty string") } else { config.cwd = cwd }
        }
        if let value = settings["grace"], let grace = duration(value, at: settings.path("grace")) { config.grace = grace }
        readConnectionSettings(in: version, into: &config.upstream)
        return issues.count == issuesBefore ? config : nil
    }

    /// The argv: a non-empty list of strings whose first names the program.
    private mutating func readCommand(_ value: ConfigValue?, at path: String) -> [String]? {
        guard let value else {
            report(path, "missing: the program and its arguments, such as \(ProcessConfig.exampleCommand)")
            return nil
        }
        guard case .array(let items) = value else {
            report(path, "expected a list of arguments such as \(ProcessConfig.exampleCommand), got \(value.kindDescription)")
            return nil
        }
        guard !items.isEmpty else {
            report(path, "expected at least the program, such as \(ProcessConfig.exampleCommand)")
            return nil
        }
        let arguments = items.enumerated().compactMap { index, item in
            string(item, at: "\(path)[\(index)]").flatMap { withoutNUL($0, at: "\(path)[\(index)]") }
        }
        guard arguments.count == items.count else { return nil }
        if arguments[0].isEmpty {
            report("\(path)[0]", "expected the program to run, got an empty string")
            return nil
        }
        return arguments
    }

    private mutating func readProbePath(_ value: ConfigValue, at path: String) -> String? {
        guard let text = string(value, at: path) else { return nil }
        guard text.hasPrefix("/") else {
            report(path, "expected a path starting with /, such as /v2/health/ready, got \(Self.show(value))")
            return nil
        }
        return text
    }

    /// Environment variables: names without `=`, values strings (quote numbers, as a shell would see them).
    private mutating func readEnvironment(_ value: ConfigValue, at path: String) -> [String: String]? {
        guard let entries = namedMapping(value, at: path) else { return nil }
        let issuesBefore = issues.count
        var env: [String: String] = [:]
        for entry in entries.entries {
            let entryPath = entries.path(entry.key)
            if entry.key.isEmpty || entry.key.contains("=") {
                report(entryPath, "expected a variable name without =, got \(ReleaseSpec.quoted(entry.key))")
                continue
            }
            guard case .string(let text) = entry.value else {
                report(entryPath, "expected a string (quote numbers, such as \"8080\"), got \(Self.show(entry.value))")
                continue
            }
            guard let key = withoutNUL(entry.key, at: entryPath), let value = withoutNUL(text, at: entryPath) else { continue }
            env[key] = value
        }
        return issues.count == issuesBefore ? env : nil
    }

    /// `text` unless it holds a NUL character, which a C string passed to the new process
    /// would silently cut at.
    private mutating func withoutNUL(_ text: String, at path: String) -> String? {
        guard text.utf8.contains(0) else { return text }
        report(path, "must not contain a NUL character")
        return nil
    }
}
