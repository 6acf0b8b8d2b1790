import AsyncHTTPClient
import Foundation
import NIOCore
import TurnoutAdminAPI

/// A client of a running gateway's admin API, for the commands that read or change releases.
///
/// Paths are relative to the server, such as `/api/v1/models`. The bearer token comes from
/// `TURNOUT_ADMIN_TOKEN` when it is set and non-empty. Every call either returns a 2xx answer
/// or throws an error whose text a person can act on: a ``CommandFailure`` when the server
/// cannot be reached, an ``AdminRefusal`` saying what it refused and why.
struct AdminClient: Sendable {
    /// The environment variable holding the admin token.
    static let tokenVariable = "TURNOUT_ADMIN_TOKEN"
    /// Where `turnout serve` puts the admin API when the configuration does not say.
    static let defaultServer = "http://127.0.0.1:8081"

    /// The server's URL without a trailing slash.
    let baseURL: String
    let token: String?
    /// Trust and client certificate for an `https://` server.
    let tls: AdminTLS

    init(server: String, tls: AdminTLS? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) {
        baseURL = server.hasSuffix("/") ? String(server.dropLast()) : server
        token = environment[Self.tokenVariable].flatMap { $0.isEmpty ? nil : $0 }
        self.tls = tls ?? AdminTLS(caFile: nil, clientCert: nil, clientKey: nil, environment: environment)
    }

    /// A 2xx answer.
    struct Response: Sendable {
        let status: UInt
        let body: Data

        /// The body as the server sent it, for `--json`.
        var text: String { String(decoding: body, as: UTF8.self) }

        /// The body decoded as one of the admin API's answers (``TurnoutAdminAPI``), the same
        /// types the gateway encodes.
        func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
            do {
                return try AdminJSON.decode(type, from: body)
            } catch {
                throw CommandFailure("the admin API answered with JSON this turnout cannot read: \(error)")
            }
        }
    }

    func get(_ path: String) async throws -> Response {
        try await execute(request(path, body: nil, ifMatch: nil))
    }

    func put(_ path: String, body: Data, ifMatch: Int? = nil) async throws -> Response {
        var request = request(path, body: body, ifMatch: ifMatch)
        request.method = .PUT
        return try await execute(request)
    }

    func post(_ path: String, body: Data? = nil, ifMatch: Int? = nil) async throws -> Response {
        var request = request(path, body: body, ifMatch: ifMatch)
        request.method = .POST
        return try await execute(request)
    }

    /// `/api/v1/models/{model}` plus `suffix`, with the name escaped so that any model name
    /// stays one path segment.
    static func modelPath(_ model: String, _ suffix: String = "") -> String {
        let segment = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/;?#"))
        return "/api/v1/models/" + (model.addingPercentEncoding(withAllowedCharacters: segment) ?? model) + suffix
    }

    /// A query string from the pairs whose value is not `nil`, or "" when there are none.
    static func query(_ pairs: [(String, String?)]) -> String {
        let value = CharacterSet.urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+#"))
        let parts = pairs.compactMap { key, text in
            text.map { "\(key)=\($0.addingPercentEncoding(withAllowedCharacters: value) ?? $0)" }
        }
        return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    }

    private func request(_ path: String, body: Data?, ifMatch: Int?) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: baseURL + path)
        request.headers.add(name: "accept", value: "application/json")
        if let token {
            request.headers.add(name: "authorization", value: "Bearer \(token)")
        }
        if let ifMatch {
            // The revision is the entity tag, sent quoted as HTTP wants entity tags.
            request.headers.add(name: "if-match", value: "\"\(ifMatch)\"")
        }
        if let body {
            request.headers.add(name: "content-type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        return request
    }

    /// The shared client, or one of this call's own when the TLS settings differ from the defaults.
    private func makeHTTPClient() throws -> HTTPClient {
        guard tls.isCustom else { return HTTPClient.shared }
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.tlsConfiguration = try tls.configuration()
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    private func execute(_ request: HTTPClientRequest) async throws -> Response {
        let status: UInt
        let body: Data
        let client = try makeHTTPClient()
        let exchange: Result<(UInt, Data), any Error>
        do {
            let response = try await client.execute(request, timeout: .seconds(10))
            exchange = .success((response.status.code, Data(try await response.body.collect(upTo: 16 << 20).readableBytesView)))
        } catch {
            exchange = .failure(error)
        }
        if client !== HTTPClient.shared { try? await client.shutdown() }
        switch exchange {
        case .success(let answer):
            status = answer.0
            body = answer.1
        case .failure(let error): throw CommandFailure("cannot reach the admin API at \(baseURL): \(error)")
        }
        guard (200..<300).contains(status) else {
            throw AdminRefusal(status: status, body: body, tokenSent: token != nil)
        }
        return Response(status: status, body: body)
    }
}
