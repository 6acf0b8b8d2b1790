import Foundation
import Hummingbird
import TurnoutCore

/// Decides whether an admin request may go on, so that a web page in a browser cannot change
/// releases on its visitor's behalf.
///
/// - State changes (any method but GET, HEAD and OPTIONS) are refused with 403 when the browser
///   says they come from another site (`Sec-Fetch-Site`) or from another origin (`Origin`).
/// - State changes that name a content type must name `application/json`: the content types a
///   page may send to another site without asking first (`text/plain`,
///   `application/x-www-form-urlencoded`, `multipart/form-data`) and any other get 415, so a
///   plain HTML form can never reach a handler, even from a browser that sends no `Origin`. A
///   body without a content type is read as JSON: browsers only send one with an `Origin`.
/// - Without a token, every request must name this machine in `Host` (a loopback name, an IP
///   address, or the configured listen host): a page on a domain re-pointed at 127.0.0.1 (DNS
///   rebinding) sends its own domain and is refused with 403.
///
/// Clients outside browsers send neither `Origin` nor `Sec-Fetch-Site` and are unaffected.
struct AdminRequestGuard: Sendable {
    /// `http` or `https`, the scheme of the admin's own origin.
    let scheme: String
    /// Whether `Host` is checked, as it is when no token protects the API.
    let checksHost: Bool
    /// The configured listen host, accepted in `Host` besides loopback names and IP addresses.
    let listenHost: String

    /// Why a request is refused.
    struct Refusal: Equatable {
        let status: HTTPResponse.Status
        let message: String
    }

    /// The refusal for a request, or `nil` when it may go on.
    func refusal(method: HTTPRequest.Method, authority: String?, headers: HTTPFields) -> Refusal? {
        if checksHost, let authority, !allowsHost(authority) {
            return Refusal(
                status: .forbidden,
                message: "Host \(authority) is not this gateway's address: without an admin token only loopback names, IP addresses and \(listenHost) are answered"
            )
        }
        guard Self.changesState(method) else { return nil }
        if let site = headers[.init("sec-fetch-site")!]?.lowercased(), site == "cross-site" || site == "same-site" {
            return Refusal(status: .forbidden, message: "changes from another site are refused (Sec-Fetch-Site: \(site))")
        }
        if let origin = headers[.origin], !isOwnOrigin(origin, authority: authority) {
            return Refusal(status: .forbidden, message: "changes from another origin are refused (Origin: \(origin))")
        }
        if let type = headers[.contentType], !Self.isJSON(type) {
            return Refusal(status: .unsupportedMediaType, message: "changes must be sent as application/json (Content-Type: \(type))")
        }
        return nil
    }

    /// Whether `method` may change state: everything but the safe methods.
    static func changesState(_ method: HTTPRequest.Method) -> Bool {
        ![.get, .head, .options].contains(method)
    }

    /// Whether `origin` (`scheme://host[:port]`) is the admin's own: the same scheme, and the
    /// host and port the request was sent to.
    func isOwnOrigin(_ origin: String, authority: String?) -> Bool {
        guard let authority, let separator = origin.range(of: "://") else { return false }
        let originScheme = origin[..<separator.lowerBound].lowercased()
        let originAuthority = String(origin[separator.upperBound...])
        guard originScheme == scheme, !originAuthority.contains("/") else { return false }
        return normalized(originAuthority) == normalized(authority)
    }

    /// Whether `Host` names this machine.
    func allowsHost(_ authority: String) -> Bool {
        let host = Self.hostPart(of: authority).lowercased()
        return ListenAddress.isLoopbackHost(host) || ListenAddress.isIPLiteral(host) || host == listenHost.lowercased()
    }

    /// `authority` lowercased, without the scheme's default port.
    private func normalized(_ authority: String) -> String {
        let lowered = authority.lowercased()
        let defaultPort = scheme == "https" ? ":443" : ":80"
        return lowered.hasSuffix(defaultPort) ? String(lowered.dropLast(defaultPort.count)) : lowered
    }

    /// The host of `host[:port]` or `[v6]:port`, without brackets.
    static func hostPart(of authority: String) -> String {
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            return String(authority[authority.index(after: authority.startIndex)..<close])
        }
        guard let colon = authority.lastIndex(of: ":") else { return authority }
        return String(authority[..<colon])
    }

    /// Whether the media type, ignoring parameters such as `charset`, is `application/json`.
    static func isJSON(_ contentType: String) -> Bool {
        let essence = contentType.split(separator: ";", maxSplits: 1).first ?? ""
        return essence.trimmingCharacters(in: .whitespaces).lowercased() == "application/json"
    }
}
