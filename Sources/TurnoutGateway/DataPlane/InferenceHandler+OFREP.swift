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
}

extension InferenceHandler {
    /// Answers an OFREP evaluation from the flags in force; evaluation is pure and cheap, so it
    /// runs inline on the event loop.
    func answerOFREP() {
        guard let call = exchange.ofrep, context != nil else { return }
        var body = Data()
        for part in pendingBody { body.append(contentsOf: part.readableBytesView) }
        pendingBody.removeAll(keepingCapacity: true)
        pendingBodyBytes = 0
        let flags = shared.flags?.flags ?? FlagSet()
        let now = Date().timeIntervalSince1970
        let response: OFREPResponse
        if shared.ofrepToken != nil, call.credential == nil {
            response = .unauthorized
        } else if let token = shared.ofrepToken, let credential = call.credential, !ConstantTime.equal(credential, token) {
            response = .forbidden
        } else if let key = call.key {
            response = OFREPService.evaluate(flag: key, body: body, flags: flags, now: now)
        } else {
            response = OFREPService.evaluateAll(body: body, ifNoneMatch: call.ifNoneMatch.isEmpty ? nil : call.ifNoneMatch, flags: flags, now: now)
        }
        respond(
            HTTPResponseStatus(statusCode: response.status),
            body: ByteBuffer(bytes: response.body),
            headers: response.headers.map { ($0.name, $0.value) },
            contentType: response.header(named: "content-type")
        )
    }
}
