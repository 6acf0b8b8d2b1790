import Testing
import TurnoutCore

@Suite("Security configuration")
struct SecurityConfigurationTests {
    static let model = """
        models:
          m: { versions: { v1: { upstream: "http://127.0.0.1:9000" } } }
        """

    @Test("loopback hosts are told from everything else", arguments: [
        ("127.0.0.1", true), ("127.8.9.10", true), ("localhost", true), ("LOCALHOST", true), ("::1", true),
        ("0:0:0:0:0:0:0:1", true), ("::ffff:127.0.0.1", true),
        ("0.0.0.0", false), ("::", false), ("10.0.0.1", false), ("128.0.0.1", false), ("::2", false),
        ("localhost.example.com", false), ("127.0.0.1.nip.io", false), ("1::1::1", false), ("", false),
    ])
    func loopback(host: String, expected: Bool) {
        #expect(ListenAddress(host: host, port: 8081).isLoopback == expected)
    }

    @Test("IP literals are told from names")
    func literals() {
        #expect(ListenAddress.isIPLiteral("10.1.2.3"))
        #expect(ListenAddress.isIPLiteral("[fe80::1]"))
        #expect(ListenAddress.isIPLiteral("2001:db8::1"))
        #expect(!ListenAddress.isIPLiteral("evil.example"))
        #expect(!ListenAddress.isIPLiteral("1.2.3"))
        #expect(!ListenAddress.isIPLiteral("1.2.3.256"))
        #expect(!ListenAddress.isIPLiteral("+1.2.3.4"))
    }

    @Test("the admin API is closed by default: no token off loopback is refused unless opted in")
    func exposure() {
        var admin = AdminConfig(listen: ListenAddress(host: "127.0.0.1", port: 8081))
        #expect(AdminExposure.of(admin, tokenSet: false) == .loopbackOnly)
        #expect(AdminExposure.of(admin, tokenSet: true) == .token)
        admin.listen = ListenAddress(host: "0.0.0.0", port: 8081)
        #expect(AdminExposure.of(admin, tokenSet: true) == .token)
        #expect(AdminExposure.of(admin, tokenSet: false) == .refused)
        #expect(AdminExposure.refusal(admin).description.hasPrefix("admin.listen: 0.0.0.0:8081 is not a loopback address"))
        #expect(AdminExposure.refusal(admin).description.contains("set TURNOUT_ADMIN_TOKEN"))
        admin.allowUnauthenticated = true
        #expect(AdminExposure.of(admin, tokenSet: false) == .unauthenticatedByChoice)
    }

    @Test("tls, admin.tls, admin.allow_unauthenticated and feedback are read, paths relative to the file")
    func parses() throws {
        let config = try TurnoutConfig.parse(yaml: """
            tls: { cert: certs/data.crt, key: /etc/turnout/data.key }
            admin:
              listen: 0.0.0.0:8081
              allow_unauthenticated: true
              tls: { cert: admin.crt, key: admin.key, client_ca: clients.crt }
            feedback: { token_secret_env: FEEDBACK_SECRET }
            \(Self.model)
            """)
        #expect(config.tls == TLSFiles(cert: "certs/data.crt", key: "/etc/turnout/data.key"))
        #expect(config.admin.tls == TLSFiles(cert: "admin.crt", key: "admin.key", clientCA: "clients.crt"))
        #expect(config.admin.allowUnauthenticated)
        #expect(config.feedbackTokenSecretEnv == "FEEDBACK_SECRET")
        let resolved = config.resolvingPaths(relativeTo: "/srv/turnout")
        #expect(resolved.tls == TLSFiles(cert: "/srv/turnout/certs/data.crt", key: "/etc/turnout/data.key"))
        #expect(resolved.admin.tls?.clientCA == "/srv/turnout/clients.crt")

        let defaults = try TurnoutConfig.parse(yaml: Self.model)
        #expect(defaults.tls == nil && defaults.admin.tls == nil && defaults.feedbackTokenSecretEnv == nil)
        #expect(!defaults.admin.allowUnauthenticated)
    }

    @Test("bad security settings name their key")
    func problems() {
        do {
            _ = try TurnoutConfig.parse(yaml: """
                tls: { cert: a.crt, client_ca: c.crt }
                admin: { allow_unauthenticated: "yes", tls: "admin.pem" }
                feedback: { token_secret_env: "", rotate: true }
                \(Self.model)
                """)
            Issue.record("the configuration should be refused")
        } catch {
            let lines = error.issues.map(\.description)
            #expect(lines.contains { $0.hasPrefix("tls.client_ca: unknown key") })
            #expect(lines.contains("tls.key: missing: expected the path of a PEM file"))
            #expect(lines.contains("admin.allow_unauthenticated: expected true or false, got a string"))
            #expect(lines.contains("admin.tls: expected a mapping, got a string"))
            #expect(lines.contains { $0.hasPrefix("feedback.rotate: unknown key") })
            #expect(lines.contains { $0.hasPrefix("feedback.token_secret_env: expected the name of an environment variable") })
        }
    }
}
