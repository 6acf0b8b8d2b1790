import Logging
import NIOConcurrencyHelpers
import NIOSSL
import TurnoutCore

/// A listener's TLS context, built from its certificate, key and client-CA files and rebuilt
/// when they change. Each new connection takes the context current when it is accepted, so a
/// renewed certificate reaches new connections while open ones keep theirs.
final class TLSContextSource: Sendable {
    /// The configuration key of these files, such as `tls` or `admin.tls`, for messages.
    let label: String
    let files: TLSFiles
    private let context: NIOLockedValueBox<NIOSSLContext>

    /// Reads the files; the error names the key and file that could not be used.
    init(files: TLSFiles, label: String) throws(GatewayError) {
        self.label = label
        self.files = files
        context = NIOLockedValueBox(try Self.makeContext(files, label: label))
    }

    /// The context for a connection accepted now.
    var current: NIOSSLContext {
        context.withLockedValue { $0 }
    }

    /// A TLS handler for a new connection, with the current context.
    func makeServerHandler() -> NIOSSLServerHandler {
        NIOSSLServerHandler(context: current)
    }

    /// Reads the files again and serves them to new connections; when they cannot be used (for
    /// example a certificate replaced before its key) the previous context stays in force.
    func reload(logger: Logger) {
        do {
            let fresh = try Self.makeContext(files, label: label)
            context.withLockedValue { $0 = fresh }
            logger.info("TLS certificate reloaded", metadata: ["key": "\(label)", "cert": "\(files.cert)"])
        } catch {
            logger.error("TLS files changed but cannot be used, the previous certificate stays in force: \(error)")
        }
    }

    /// A server context for `files`: TLS 1.2 or later, and a verified client certificate
    /// required when client CAs are named.
    static func makeContext(_ files: TLSFiles, label: String) throws(GatewayError) -> NIOSSLContext {
        let chain = try certificates(files.cert, key: "\(label).cert")
        let privateKey: NIOSSLPrivateKey
        do {
            privateKey = try NIOSSLPrivateKey(file: files.key, format: .pem)
        } catch {
            throw GatewayError("\(label).key: cannot read \(files.key) as a PEM private key: \(error)")
        }
        let sources = chain.map(NIOSSLCertificateSource.certificate)
        var configuration: TLSConfiguration
        if let clientCA = files.clientCA {
            let authorities = try certificates(clientCA, key: "\(label).client_ca")
            configuration = .makeServerConfigurationWithMTLS(
                certificateChain: sources, privateKey: .privateKey(privateKey), trustRoots: .certificates(authorities)
            )
            // Tells clients which authorities are accepted, so they pick the right certificate.
            configuration.sendCANameList = true
        } else {
            configuration = .makeServerConfiguration(certificateChain: sources, privateKey: .privateKey(privateKey))
        }
        configuration.minimumTLSVersion = .tlsv12
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw GatewayError("\(label): the certificate in \(files.cert) and the key in \(files.key) cannot be used together: \(error)")
        }
    }

    private static func certificates(_ path: String, key: String) throws(GatewayError) -> [NIOSSLCertificate] {
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMFile(path)
        } catch {
            throw GatewayError("\(key): cannot read \(path) as PEM certificates: \(error)")
        }
        guard !certificates.isEmpty else { throw GatewayError("\(key): \(path) holds no PEM certificate") }
        return certificates
    }
}
