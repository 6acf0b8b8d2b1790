import NIOCore
import NIOHTTP1

/// An answer the data plane gives itself, without an upstream.
enum LocalAnswer {
    /// `{"error": message}`, with extra headers.
    case error(HTTPResponseStatus, String, headers: [(String, String)] = [])
    /// A body with extra headers; a nil `contentType` sends none (a 304 has no body to describe).
    case body(HTTPResponseStatus, ByteBuffer, headers: [(String, String)] = [], contentType: String? = "application/json")

    /// The status the answer carries.
    var status: HTTPResponseStatus {
        switch self {
        case .error(let status, _, _), .body(let status, _, _, _): status
        }
    }
}

/// A data-plane route the gateway answers itself instead of proxying: server metadata, health,
/// OFREP and feedback. Matched from a request head that ``GatewayRoute`` has already parsed, so
/// a model route costs one enum check and nothing else.
enum LocalRoute {
    /// Answered from the head alone (metadata, health, unknown routes, wrong methods).
    case answer(LocalAnswer)
    /// An OpenFeature evaluation, answered once the body has arrived.
    case ofrep(OFREPCall)
    /// `POST /v1/feedback`, answered once the body has arrived and the rewards are stored.
    case feedback(FeedbackRoute)

    /// The local route `route` names, or nil for a model route, which is proxied.
    static func match(
        _ route: GatewayRoute,
        head: HTTPRequestHead,
        path: Substring,
        shared: DataPlaneShared,
        snapshot: GatewaySnapshot
    ) -> LocalRoute? {
        switch route {
        case .model:
            return nil
        case .serverMetadata:
            return .answer(.body(.ok, shared.serverMetadata))
        case .live, .ready:
            return .answer(HealthRoute.answer(
                route, ready: route == .ready && shared.isReady(snapshot), storeAvailable: shared.writer?.isStoreAvailable ?? true))
        case .notFound:
            return .answer(.error(.notFound, "no such route: \(head.method) \(path)"))
        case .ofrep(let key):
            guard head.method == .POST else { return .answer(postOnly) }
            return .ofrep(OFREPCall(
                key: key.map { QueryString.decode($0) },
                ifNoneMatch: head.headers["if-none-match"].joined(separator: ", "),
                credential: OFREPCall.credential(in: head.headers)
            ))
        case .feedback:
            guard head.method == .POST else { return .answer(postOnly) }
            return .feedback(FeedbackRoute(headerToken: head.headers.first(name: FeedbackTokens.header)))
        }
    }

    private static var postOnly: LocalAnswer {
        .error(.methodNotAllowed, "use POST on this route", headers: [("allow", "POST")])
    }
}

/// The KServe v2 health routes: `/v2/health/live` and `/v2/health/ready`.
enum HealthRoute {
    /// The answer to `live` (always 200) or `ready` (200 when `ready`, else 503).
    ///
    /// A store that fails does not make the gateway unready: it still routes and answers, and
    /// taking every replica out of a load balancer when their shared database is down would turn
    /// a lost decision log into an outage. `ready` says `"store": "unavailable"` instead.
    static func answer(_ route: GatewayRoute, ready: Bool, storeAvailable: Bool = true) -> LocalAnswer {
        if route == .live { return .body(.ok, ByteBuffer(string: #"{"live":true}"#)) }
        let store = storeAvailable ? "" : #","store":"unavailable""#
        return ready
            ? .body(.ok, ByteBuffer(string: #"{"ready":true\#(store)}"#)) : .body(.serviceUnavailable, ByteBuffer(string: #"{"ready":false\#(store)}"#))
    }
}
