import AsyncHTTPClient
import Foundation
import NIOSSL

/// Certificate authorities, server and client certificates made with the `openssl` command at
/// test time (P-256 keys, valid for ten years), in a fresh directory the caller removes.
///
/// Server certificates name `127.0.0.1` and `localhost`.
struct TestCertificates {
    let directory: URL

    /// A test CA and its files.
    struct Authority {
        let cert: String
        let key: String
    }

    /// A certificate and its key.
    struct Identity {
        let cert: String
        let key: String
    }

    static func make() throws -> TestCertificates {
        TestCertificates(directory: try TemporaryDirectory.make("tls"))
    }

    func path(_ name: String) -> String { directory.appending(path: name).path }

    /// A self-signed certificate authority.
    func authority(_ name: String) throws -> Authority {
        let authority = Authority(cert: path("\(name).crt"), key: path("\(name).key"))
        try Self.openssl([
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", authority.key, "-out", authority.cert, "-days", "3650", "-subj", "/CN=Turnout test \(name)",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        ])
        return authority
    }

    /// A server certificate for 127.0.0.1 and localhost signed by `authority`.
    func server(_ name: String, signedBy authority: Authority) throws -> Identity {
        try identity(name, signedBy: authority, extensions: "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n")
    }

    /// A client certificate signed by `authority`.
    func client(_ name: String, signedBy authority: Authority) throws -> Identity {
        try identity(name, signedBy: authority, extensions: "extendedKeyUsage=clientAuth\n")
    }

    private func identity(_ name: String, signedBy authority: Authority, extensions: String) throws -> Identity {
        let identity = Identity(cert: path("\(name).crt"), key: path("\(name).key"))
        let request = path("\(name).csr")
        let extensionFile = path("\(name).ext")
        try Data(("basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n" + extensions).utf8).write(to: URL(fileURLWithPath: extensionFile))
        try Self.openssl([
            "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", identity.key, "-out", request, "-subj", "/CN=\(name)",
        ])
        try Self.openssl([
            "x509", "-req", "-in", request, "-CA", authority.cert, "-CAkey", authority.key, "-CAcreateserial",
            "-out", identity.cert, "-days", "3650", "-extfile", extensionFile,
        ])
        return identity
    }

    /// Copies `identity`'s files over `target`'s, as a certificate renewal would.
    func replace(_ target: Identity, with identity: Identity) throws {
        for (from, to) in [(identity.key, target.key), (identity.cert, target.cert)] {
            let data = try Data(contentsOf: URL(fileURLWithPath: from))
            try data.write(to: URL(fileURLWithPath: to), options: .atomic)
        }
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// An HTTP client that trusts `authority` only and presents `identity` when given; the
    /// caller shuts it down. It keeps no idle connections, so each request makes a new one.
    static func client(trusting authority: Authority, presenting identity: Identity? = nil) throws -> HTTPClient {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .file(authority.cert)
        if let identity {
            tls.certificateChain = try NIOSSLCertificate.fromPEMFile(identity.cert).map { .certificate($0) }
            tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: identity.key, format: .pem))
        }
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.maximumUsesPerConnection = 1
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    static var available: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/openssl")
    }

    private static func openssl(_ arguments: [String]) throws {
        let outcome = try ChildProcess.run("/usr/bin/env", ["openssl"] + arguments)
        guard outcome.status == 0 else {
            throw OpenSSLFailure(arguments: arguments, message: String(decoding: outcome.errors, as: UTF8.self))
        }
    }

    struct OpenSSLFailure: Error, CustomStringConvertible {
        let arguments: [String]
        let message: String
        var description: String { "openssl \(arguments.joined(separator: " ")) failed: \(message)" }
    }
}
