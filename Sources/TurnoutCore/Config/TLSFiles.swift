/// The files of a listener's TLS identity: certificate chain and private key in PEM, and for
/// mutual TLS the certificate authorities whose client certificates are accepted.
///
/// The files are read again whenever they change, so a renewed certificate is served to new
/// connections without a restart.
public struct TLSFiles: Sendable, Equatable {
    /// The certificate chain in PEM, leaf first.
    public var cert: String
    /// The private key of the leaf certificate, in PEM.
    public var key: String
    /// Certificate authorities in PEM; when set, clients must present a certificate they signed.
    public var clientCA: String?

    /// Creates a TLS identity from its files.
    public init(cert: String, key: String, clientCA: String? = nil) {
        self.cert = cert
        self.key = key
        self.clientCA = clientCA
    }

    /// Every file named, in the order cert, key, client CA.
    public var paths: [String] { [cert, key] + (clientCA.map { [$0] } ?? []) }
}
