import Crypto
import Foundation
import TurnoutAdminAPI

/// Per-request feedback tokens: `base64url(HMAC-SHA256(secret, request id))`, sent with every
/// inference answer and required by `/v1/feedback`, so rewards can only come from whoever got
/// the answer (or was given its token), not from anyone who learns or guesses a request id.
struct FeedbackTokens: Sendable {
    /// The response header carrying the token, also accepted on a single-object feedback request.
    static let header = GatewayHeader.feedbackToken
    /// Shorter secrets are refused: an HMAC key is only as strong as its guessability.
    static let minimumSecretBytes = 16

    private let key: SymmetricKey

    /// Tokens keyed by `secret`, which must be at least ``minimumSecretBytes`` long.
    init?(secret: String) {
        guard secret.utf8.count >= Self.minimumSecretBytes else { return nil }
        key = SymmetricKey(data: Data(secret.utf8))
    }

    /// The token of `requestID`: 43 characters of unpadded base64url.
    func token(for requestID: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data(requestID.utf8), using: key)
        return Self.base64URL(Data(code))
    }

    /// Whether `presented` is the token of `requestID`, compared in constant time.
    func accepts(_ presented: String, for requestID: String) -> Bool {
        ConstantTime.equal(presented, token(for: requestID))
    }

    /// Unpadded base64url (RFC 4648 section 5), safe in headers and JSON without escaping.
    static func base64URL(_ data: Data) -> String {
        var text = data.base64EncodedString()
        text = text.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }
}
