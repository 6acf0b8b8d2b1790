import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
import TurnoutCore
import TurnoutGateway

/// TLS on both listeners with certificates made by `openssl` at test time: round trips, mutual
/// TLS on the admin API, the command line over it, and certificates renewed on disk.
@Suite("TLS", .enabled(if: TestCertificates.available, "needs the openssl command"))
struct TLSTests {
    static func config(_ upstream: TestUpstream) -> String {
        """
        models:
          m: { versions: { v1: { upstream: ["\(upstream.url)"], probe: false } } }
        """
    }

    /// Runs `body` with `client`, then shuts the client down.
    private func using<T>(_ client: HTTPClient, _ body: (HTTPClient) async throws -> T) async throws -> T {
        do {
            let result = try await body(client)
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// Whether a client trusting `authority` (and presenting `identity`) gets an answer from `url`.
    private func answers(_ url: String, trusting authority: TestCertificates.Authority, presenting identity: TestCertificates.Identity? = nil) async throws -> Bool {
        try await using(try TestCertificates.client(trusting: authority, presenting: identity)) { client in
            do {
                return try await client.send(.GET, url).status == 200
            } catch {
                return false
            }
        }
    }

    @Test("both listeners serve TLS to a client that trusts the test CA, and plain HTTP gets nothing")
    func roundTrip() async throws {
        let certificates = try TestCertificates.make()
        defer { certificates.remove() }
        let authority = try certificates.authority("ca")
        let server = try certificates.server("server", signedBy: authority)
        let upstream = try await TestUpstream.start(name: "v1")
        try await GatewayHarness.run(Self.config(upstream), configure: {
            $0.tls = TLSFiles(cert: server.cert, key: server.key)
            $0.admin.tls = TLSFiles(cert: server.cert, key: server.key)
        }) { gateway in
            try await using(try TestCertificates.client(trusting: authority)) { client in
                let answer = try await client.send(.POST, "https://127.0.0.1:\(gateway.port)/v2/models/m/infer", body: ByteBuffer(string: "{}"))
                #expect(answer.status == 200)
                #expect(answer.version == "v1")
                let admin = try await client.send(.GET, "https://localhost:\(gateway.adminPort)/api/v1/models/m")
                #expect(admin.status == 200)
                #expect(admin.json["strategy"] as? String == "single")
                let change = try await client.send(
                    .PUT, "https://127.0.0.1:\(gateway.adminPort)/api/v1/models/m/release",
                    headers: [("origin", "https://127.0.0.1:\(gateway.adminPort)"), ("content-type", "application/json")],
                    body: ByteBuffer(string: #"{"strategy": "single", "version": "v1"}"#)
                )
                #expect(change.status == 200)
            }
            await #expect(throws: (any Error).self) {
                try await HTTPClient.shared.send(.GET, "http://127.0.0.1:\(gateway.port)/v2/health/live")
            }
            #expect(try await answers("https://127.0.0.1:\(gateway.port)/v2/health/live", trusting: try certificates.authority("other-ca")) == false)
        }
    }

    @Test("mutual TLS on admin refuses a client without a certificate or with a foreign one, and accepts one with; so does the CLI")
    func mutualTLS() async throws {
        let certificates = try TestCertificates.make()
        defer { certificates.remove() }
        let authority = try certificates.authority("ca")
        let server = try certificates.server("server", signedBy: authority)
        let operatorIdentity = try certificates.client("operator", signedBy: authority)
        let stranger = try certificates.client("stranger", signedBy: try certificates.authority("stranger-ca"))
        let upstream = try await TestUpstream.start(name: "v1")
        try await GatewayHarness.run(Self.config(upstream), configure: {
            $0.admin.tls = TLSFiles(cert: server.cert, key: server.key, clientCA: authority.cert)
        }) { gateway in
            let url = "https://127.0.0.1:\(gateway.adminPort)/api/v1/models/m"
            #expect(try await answers(url, trusting: authority) == false)
            #expect(try await answers(url, trusting: authority, presenting: stranger) == false)
            #expect(try await answers(url, trusting: authority, presenting: operatorIdentity) == true)
            // The data plane has no TLS here and is unaffected.
            #expect(try await HTTPClient.shared.send(.GET, "\(gateway.baseURL)/v2/health/live").status == 200)

            let server = "https://127.0.0.1:\(gateway.adminPort)"
            let refused = try await CommandLineTests.runOffPool(["status", "m", "--server", server, "--ca-file", authority.cert])
            #expect(refused.status != 0)
            #expect(refused.errors.contains("cannot reach the admin API"))
            let status = try await CommandLineTests.runOffPool([
                "status", "m", "--json", "--server", server, "--ca-file", authority.cert,
                "--client-cert", operatorIdentity.cert, "--client-key", operatorIdentity.key,
            ])
            #expect(status.status == 0, "\(status.errors)")
            #expect(status.output.contains(#""strategy":"single""#))
            let paused = try await CommandLineTests.runOffPool([
                "pause", "m", "--server", server, "--ca-file", authority.cert,
                "--client-cert", operatorIdentity.cert, "--client-key", operatorIdentity.key,
            ])
            #expect(paused.status == 0 || paused.errors.contains("cannot pause"), "\(paused.errors)")
        }
    }

    @Test("a certificate replaced on disk is served to new connections")
    func reload() async throws {
        let certificates = try TestCertificates.make()
        defer { certificates.remove() }
        let first = try certificates.authority("first-ca")
        let second = try certificates.authority("second-ca")
        let served = try certificates.server("served", signedBy: first)
        let renewed = try certificates.server("renewed", signedBy: second)
        let upstream = try await TestUpstream.start(name: "v1")
        try await GatewayHarness.run(Self.config(upstream), watchInterval: .milliseconds(50), configure: {
            $0.tls = TLSFiles(cert: served.cert, key: served.key)
            $0.admin.tls = TLSFiles(cert: served.cert, key: served.key)
        }) { gateway in
            let urls = ["https://127.0.0.1:\(gateway.port)/v2/health/live", "https://127.0.0.1:\(gateway.adminPort)/healthz"]
            for url in urls {
                #expect(try await answers(url, trusting: first))
                #expect(try await answers(url, trusting: second) == false)
            }
            try certificates.replace(served, with: renewed)
            for url in urls {
                let deadline = ContinuousClock.now + .seconds(30)
                while !(try await answers(url, trusting: second)), ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(50))
                }
                #expect(try await answers(url, trusting: second), "\(url)")
                #expect(try await answers(url, trusting: first) == false, "\(url)")
            }
        }
    }

    @Test("unusable TLS files refuse to start and fail turnout validate, naming the key")
    func badFiles() async throws {
        let certificates = try TestCertificates.make()
        defer { certificates.remove() }
        let authority = try certificates.authority("ca")
        let server = try certificates.server("server", signedBy: authority)
        let other = try certificates.server("other", signedBy: authority)
        let upstream = try await TestUpstream.start(name: "v1")
        await #expect {
            try await GatewayHarness.run(Self.config(upstream), configure: { $0.tls = TLSFiles(cert: server.cert, key: other.key) }) { _ in }
        } throws: { error in
            (error as? GatewayError)?.description.hasPrefix("tls: the certificate in \(server.cert) and the key in \(other.key) cannot be used together") == true
        }
        let file = certificates.directory.appending(path: "turnout.yaml")
        try Data("""
            admin: { tls: { cert: server.crt, key: missing.key } }
            \(Self.config(upstream))
            """.utf8).write(to: file)
        let outcome = try CommandLineTests.run(["validate", "--config", file.path])
        #expect(outcome.status == 1)
        #expect(outcome.output.hasPrefix("admin.tls.key: cannot read \(certificates.path("missing.key")) as a PEM private key"))
    }
}
