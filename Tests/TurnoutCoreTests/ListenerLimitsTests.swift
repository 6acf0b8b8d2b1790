import Testing
import TurnoutCore

@Suite("Listener limits configuration")
struct ListenerLimitsTests {
    static let model = "models: { m: { versions: { v1: { upstream: [\"http://127.0.0.1:9001\"] } } } }\n"

    static func issues(_ yaml: String) -> [String] {
        do {
            _ = try TurnoutConfig.parse(yaml: yaml + Self.model)
            return []
        } catch {
            return error.issues.map(\.description)
        }
    }

    @Test("defaults are safe without a limits key, and the admin listener has its own connections")
    func defaults() throws {
        let config = try TurnoutConfig.parse(yaml: Self.model)
        #expect(config.limits == .dataPlane)
        #expect(config.limits.headerTimeout == .seconds(10))
        #expect(config.limits.maxConnections == 4096)
        #expect(config.limits.maxHeaderCount == 100)
        #expect(config.limits.maxFeedbackItems == 1000)
        #expect(config.admin.limits == .admin)
        #expect(config.admin.limits.maxConnections == 128)
    }

    @Test("every key is read, with units, on both listeners")
    func readsEveryKey() throws {
        let config = try TurnoutConfig.parse(yaml: """
            limits:
              header_timeout: 5s
              body_timeout: 250ms
              idle_timeout: 2m
              max_connections: 10000
              max_header_count: 50
              max_header_bytes: 16KiB
              max_request_id: 0
              max_feedback_items: 200
              max_ofrep_context: 8KiB
              max_parameters: 16
            admin: { limits: { idle_timeout: 30s, max_connections: 8, max_header_bytes: 8192 } }

            """ + Self.model)
        #expect(config.limits == ListenerLimits(
            headerTimeout: .seconds(5), bodyTimeout: .milliseconds(250), idleTimeout: .seconds(120), maxConnections: 10_000,
            maxHeaderCount: 50, maxHeaderBytes: 16_384, maxRequestID: 0, maxFeedbackItems: 200, maxOFREPContext: 8192, maxParameters: 16
        ))
        #expect(config.admin.limits.idleTimeout == .seconds(30))
        #expect(config.admin.limits.maxConnections == 8)
        #expect(config.admin.limits.maxHeaderBytes == 8192)
        #expect(config.admin.limits.headerTimeout == ListenerLimits.admin.headerTimeout)
    }

    @Test("out-of-range and mistyped values name the key and the range", arguments: [
        ("limits: { max_connections: 0 }", "limits.max_connections: expected a whole number from 1 to 1000000, got 0"),
        ("limits: { max_connections: 1.5 }", "limits.max_connections: expected a whole number from 1 to 1000000, got 1.5"),
        ("limits: { max_header_count: 100000 }", "limits.max_header_count: expected a whole number from 1 to 10000, got 100000"),
        ("limits: { max_header_bytes: 10 }", "limits.max_header_bytes: expected a size from 1024 to 1048576 bytes such as 32KiB, got 10"),
        ("limits: { max_request_id: -1 }", "limits.max_request_id: expected a whole number from 0 to 4096, got -1"),
        ("limits: { max_feedback_items: \"many\" }", "limits.max_feedback_items: expected a whole number from 1 to 100000, got \"many\""),
        ("limits: { max_ofrep_context: 1GiB }", "limits.max_ofrep_context: expected a size from 1024 to 67108864 bytes such as 32KiB, got \"1GiB\""),
        ("limits: { max_parameters: 0 }", "limits.max_parameters: expected a whole number from 1 to 100000, got 0"),
        ("limits: { idle_timeout: 2d }", "limits.idle_timeout: expected a duration up to 1d (86400s), got \"2d\""),
        ("limits: { header_timeout: 0s }", "limits.header_timeout: expected a duration above zero such as 500ms, 30s, 5m, 1h or 2d, got \"0s\""),
        ("limits: { nope: 1 }", "limits.nope: unknown key"),
        ("limits: 5", "limits: expected a mapping, got a number"),
        ("admin: { limits: { max_feedback_items: 5 } }", "admin.limits.max_feedback_items: unknown key"),
        ("admin: { limits: { max_connections: 0 } }", "admin.limits.max_connections: expected a whole number from 1 to 1000000, got 0"),
    ])
    func rangeErrors(yaml: String, expected: String) {
        let issues = Self.issues(yaml + "\n")
        #expect(issues.contains { $0.hasPrefix(expected) }, "\(issues)")
    }
}
