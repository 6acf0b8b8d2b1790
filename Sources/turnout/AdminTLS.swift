import AsyncHTTPClient
import Foundation
import NIOSSL

/// How the command line trusts an `https://` admin API and, for mutual TLS, proves who it is.
///
/// Each setting comes from its option or else its environment variable. With none set, the
/// system's trust store is used and no client certificate is sent.
struct AdminTLS: Sendable, Equatable {
    /// PEM certificate authorities that signed the gateway's certificate, instead of the system's.
    var caFile: String?
    /// PEM client certificate and key, for an admin API with `admin.tls.client_ca`.
    var clientCert: String?
    var clientKey: String?

    static let caVariable = "TURNOUT_ADMIN_CA"
    static let clientCertVariable = "TURNOUT_ADMIN_CLIENT_CERT"
    static let clientKeyVariable = "TURNOUT_ADMIN_CLIENT_KEY"

    /// The options, falling back to the environment for each one left out.
    init(caFile: String?, clientCert: String?, clientKey: String?, environment: [String: String]) {
        func fromEnvironment(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        self.caFile = caFile ?? fromEnvironment(Self.caVariable)
        self.clientCert = clientCert ?? fromEnvironment(Self.clientCertVariable)
        self.clientKey = clientKey ?? fromEnvironment(Self.clientKeyVariable)
    }

    /// Whether anything differs from the defaults, which the shared client already has.
    var isCustom: Bool { caFile != nil || clientCert != nil }

    /// The client TLS configuration these settings describe.
    func configuration() throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let caFile {
            configuration.trustRoots = .certificates(try Self.certificates(caFile, option: "--ca-file"))
        }
        if let clientCert {
            guard let clientKey else {
                throw CommandFailure("--client-cert needs --client-key (or \(Self.clientKeyVariable)) with its private key")
            }
            configuration.certificateChain = try Self.certificates(clientCert, option: "--client-cert").map { .certificate($0) }
            do {
                configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: clientKey, format: .pem))
            } catch {
                throw CommandFailure("--client-key: cannot read \(clientKey) as a PEM private key: \(error)")
            }
        }
        return configuration
    }

    private static func certificates(_ path: String, option: String) throws -> [NIOSSLCertificate] {
        do {
            let certificates = try NIOSSLCertificate.fromPEMFile(path)
            guard !certificates.isEmpty else { throw CommandFailure("\(option): \(path) holds no PEM certificate") }
            return certificates
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure("\(option): cannot read \(path) as PEM certificates: \(error)")
        }
    }
}
