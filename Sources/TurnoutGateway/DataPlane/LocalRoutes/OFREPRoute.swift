import Foundation
import NIOCore
import NIOHTTP1
import TurnoutFlags

/// An OpenFeature remote evaluation request waiting for its body.
struct OFREPCall {
    /// The flag to evaluate, or nil for all of them (bulk).
    let key: String?
    /// The client's `If-None-Match` fields, joined (bulk only).
    let ifNoneMatch: String
    /// The token the client presented, as a bearer token or an API key.
    let credential: String?

    static func credential(in headers: HTTPHeaders) -> String? {
        if let authorization = headers.first(name: "authorization"), authorization.hasPrefix("Bearer ") {
            return String(authorization.dropFirst("Bearer ".count))
        }
        return headers.first(name: "x-api-key")
    }

    /// Answers the evaluation from `flags`; evaluation is pure and cheap, so it runs inline on
    /// the event loop. `token` is the configured OFREP token, if any.
    func answer(body: Data, flags: FlagSet, token: String?, now: Double) -> LocalAnswer {
        let response: OFREPResponse
        if token != nil, credential == nil {
            response = .unauthorized
        } else if let token, let credential, !ConstantTime.equal(credential, token) {
            response = .forbidden
        } else if let key {
            response = OFREPService.evaluate(flag: key, body: body, flags: flags, now: now)
        } else {
            response = OFREPService.evaluateAll(body: body, ifNoneMatch: ifNoneMatch.isEmpty ? nil : ifNoneMatch, flags: flags, now: now)
        }
        return .body(
            HTTPResponseStatus(statusCode: response.status),
            ByteBuffer(bytes: response.body),
            headers: response.headers.map { ($0.name, $0.value) },
            contentType: response.header(named: "content-type")
        )
    }
}
