import Testing
import TurnoutCore

/// The `process` backend: every setting, the defaults, paths, and one line per problem.
@Suite("Process versions")
struct ProcessConfigTests {
    static func config(_ v2: String, release: String = "{ strategy: single, version: v1 }") -> String {
        """
        models:
          m:
            versions:
              v1: { upstream: ["http://127.0.0.1:9001"] }
              v2: \(v2)
            release: \(release)
        """
    }

    static func process(_ yaml: String) throws -> ProcessConfig? {
        try TurnoutConfig.parse(yaml: yaml).model(named: "m")?.version(named: "v2")?.process
    }

    @Test("the minimal form takes the documented defaults")
    func minimal() throws {
        let process = try #require(try Self.process(Self.config(#"{ process: { command: ["./serve"] } }"#)))
        #expect(process.command == ["./serve"])
        #expect(process.replicas == 1)
        #expect(process.readyPath == "/v2/health/ready")
        #expect(process.env == [:])
        #expect(process.cwd == nil)
        #expect(process.grace == .seconds(10))
        #expect(process.upstream == UpstreamConfig(instances: [], probe: nil))
    }

    @Test("every setting is read, with the connection settings beside process")
    func full() throws {
        let yaml = Self.config("""

                    process:
                      command: ["python3", "tiny_server.py", "--port", "{port}"]
                      replicas: 3
                      ready: /health
                      env: { MLSERVER_HTTP_PORT: "{port}", MODE: fast }
                      cwd: examples/instances
                      grace: 2500ms
                    model: breast-cancer-xgb
                    timeouts: { read: 5s }
                    max_connections: 64
                    idle_timeout: 2s
            """)
        let process = try #require(try Self.process(yaml))
        #expect(process.command == ["python3", "tiny_server.py", "--port", "{port}"])
        #expect(process.replicas == 3)
        #expect(process.readyPath == "/health")
        #expect(process.env == ["MLSERVER_HTTP_PORT": "{port}", "MODE": "fast"])
        #expect(process.cwd == "examples/instances")
        #expect(process.grace == .milliseconds(2_500))
        #expect(process.upstream.instances == [] && process.upstream.probe == nil)
        #expect(process.upstream.modelName == "breast-cancer-xgb")
        #expect(process.upstream.timeouts.read == .seconds(5))
        #expect(process.upstream.maxConnectionsPerLoop == 64)
        #expect(process.upstream.idleTimeout == .seconds(2))
    }

    @Test("zero replicas defines a version without starting it")
    func zeroReplicas() throws {
        let process = try #require(try Self.process(Self.config(#"{ process: { command: ["./serve"], replicas: 0 } }"#)))
        #expect(process.replicas == 0)
    }

    @Test("a relative working directory resolves against the configuration file's directory, an absolute one stays")
    func workingDirectory() throws {
        let relative = try TurnoutConfig.parse(yaml: Self.config(#"{ process: { command: ["./serve"], cwd: instances } }"#))
            .resolvingPaths(relativeTo: "/srv/turnout")
        #expect(relative.model(named: "m")?.version(named: "v2")?.process?.cwd == "/srv/turnout/instances")
        let absolute = try TurnoutConfig.parse(yaml: Self.config(#"{ process: { command: ["./serve"], cwd: /opt/models } }"#))
            .resolvingPaths(relativeTo: "/srv/turnout")
        #expect(absolute.model(named: "m")?.version(named: "v2")?.process?.cwd == "/opt/models")
        let none = try TurnoutConfig.parse(yaml: Self.config(#"{ process: { command: ["./serve"] } }"#)).resolvingPaths(relativeTo: "/srv/turnout")
        #expect(none.model(named: "m")?.version(named: "v2")?.process?.cwd == nil)
    }

    static let refused: [RefusedRelease] = [
        RefusedRelease(yaml: "{ process: { replicas: 2 } }",
                       line: #"models.m.versions.v2.process.command: missing: the program and its arguments, such as ["python3", "tiny_server.py", "--port", "{port}"]"#),
        RefusedRelease(yaml: "{ process: { command: [] } }",
                       line: #"models.m.versions.v2.process.command: expected at least the program, such as ["python3", "tiny_server.py", "--port", "{port}"]"#),
        RefusedRelease(yaml: #"{ process: { command: "python3 serve.py" } }"#,
                       line: #"models.m.versions.v2.process.command: expected a list of arguments such as ["python3", "tiny_server.py", "--port", "{port}"], got a string"#),
        RefusedRelease(yaml: #"{ process: { command: ["serve", 8080] } }"#,
                       line: "models.m.versions.v2.process.command[1]: expected a string, got a number"),
        RefusedRelease(yaml: #"{ process: { command: ["", "x"] } }"#,
                       line: "models.m.versions.v2.process.command[0]: expected the program to run, got an empty string"),
        RefusedRelease(yaml: #"{ process: { command: ["serve"], replicas: -1 } }"#,
                       line: "models.m.versions.v2.process.replicas: expected a whole number of 0 or more, got -1"),
        RefusedRelease(yaml: #"{ process: { command: ["serve"], replicas: 30000 } }"#,
                       line: "models.m.versions.v2.process.replicas: at most 256 instances of a version run on one machine, got 30000"),
        RefusedRelease(yaml: #"{ process: { command: ["serve"], replicas: 1.5 } }"#,
                       line: "models.m.versions.v2.process.replicas: expected a whole number of 0 or more, got 1.5"),
        RefusedRelease(yaml: #"{ process: { command: ["serve"], ready: health } }"#,
                       line: #"models.m.versions.v2.process.ready: expected a path starting with /, such as /v2/health/ready, got "health""#),
        RefusedRelease(yaml: #"{ process: { command: ["serve"], env: { PORT: 8080 } } }"#,
                       line: #"models.m.versions.v2.process.env.PORT: expected a string (quote numbers, such as "8080"), got 8080"#),
        RefusedRelease(yaml: #"{ process: { command: ["serve"], env: ["PORT=1"] } }"#,
                       line: "models.m.versions.v2.process.env: expected a mapping, got a list"),
        RefusedRelease(yaml: #"{ process: { command: ["serve"], cwd: "" } }"#,
                       line: "models.m.versions.v2.process.cwd: expected a directory, got an empty string"),
        RefusedRelease(yaml: #"{ process: { command: ["serve"], grace: soon } }"#,
                       line: #"models.m.versions.v2.process.grace: expected a duration above zero such as 500ms, 30s, 5m, 1h or 2d, got "soon""#),
        RefusedRelease(yaml: #"{ process: { command: ["serve"], replica: 2 } }"#,
                       line: "models.m.versions.v2.process.replica: unknown key (valid keys: command, replicas, ready, env, cwd, grace)"),
        RefusedRelease(yaml: #"{ process: { command: ["serve"] }, upstream: ["http://127.0.0.1:9002"] }"#,
                       line: "models.m.versions.v2: give only one of upstream, builtin or process, not upstream and process"),
        RefusedRelease(yaml: #"{ process: { command: ["serve"] }, probe: { path: /ready } }"#,
                       line: "models.m.versions.v2.probe: only applies to upstream versions (the supervisor probes a process version's instances at process.ready)"),
        RefusedRelease(yaml: #"{ process: { command: ["serve"] }, max_connections: 0 }"#,
                       line: "models.m.versions.v2.max_connections: expected a whole number above 0, got 0"),
        RefusedRelease(yaml: #"{ process: { command: ["serve", "a\0b"] } }"#,
                       line: "models.m.versions.v2.process.command[1]: must not contain a NUL character"),
        RefusedRelease(yaml: #"{ process: { command: ["serve"], env: { MODE: "a\0b" } } }"#,
                       line: "models.m.versions.v2.process.env.MODE: must not contain a NUL character"),
        RefusedRelease(yaml: "{ builtin: m.json, probe: false }", line: "models.m.versions.v2.probe: only applies to upstream versions"),
        RefusedRelease(yaml: "{ builtin: m.json, idle_timeout: 2s }", line: "models.m.versions.v2.idle_timeout: only applies to upstream and process versions"),
        RefusedRelease(yaml: #"{ process: ["serve"] }"#,
                       line: "models.m.versions.v2.process: expected a mapping, got a list"),
    ]

    @Test("each bad input is refused with one line naming its key", arguments: refused)
    func refusedInputs(_ refused: RefusedRelease) {
        do {
            _ = try TurnoutConfig.parse(yaml: Self.config(refused.yaml))
            Issue.record("accepted \(refused.yaml)")
        } catch {
            #expect(error.issues.map(\.description) == [refused.line])
        }
    }
}
