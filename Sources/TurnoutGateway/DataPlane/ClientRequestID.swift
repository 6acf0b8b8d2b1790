/// Which client-chosen `x-request-id` values the gateway keeps.
///
/// Ids are echoed in answers, forwarded upstream and stored twice per logged request, so a
/// client may not choose a long one or one with characters that could break a log line or a
/// header; such ids are replaced with a generated one, as Envoy does.
enum ClientRequestID {
    /// Whether `id` is at most `maxLength` bytes of `A-Z a-z 0-9 . _ : -`.
    static func isAcceptable(_ id: String, maxLength: Int) -> Bool {
        let bytes = id.utf8
        guard !bytes.isEmpty, bytes.count <= maxLength else { return false }
        return bytes.allSatisfy(isSafe)
    }

    private static func isSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: ":"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }
}
