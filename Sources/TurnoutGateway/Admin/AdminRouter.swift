import Foundation
import Hummingbird
import TurnoutAdminAPI
import TurnoutCore

/// Builds the admin API's routes: health, Prometheus metrics, models and their releases, and
/// the audit log.
enum AdminRouter {
    /// Per-version statistics cover this many seconds unless `?window=` says otherwise.
    static let defaultWindowSeconds = 300
    /// The largest release document a `PUT` accepts; configuration-sized, far below the YAML limit.
    static let maxReleaseBodyBytes = 1 << 20
    /// The largest body of a lifecycle command (`{"reason": "..."}`).
    static let maxCommandBodyBytes = 16 << 10
    /// The longest `reason`, in characters.
    static let maxReasonLength = 1_000

    static func make(_ services: AdminServices, token: String?, requestGuard: AdminRequestGuard) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: AdminGuardMiddleware(requestGuard: requestGuard))
        let dashboard = DashboardAccess(tokenConfigured: token != nil, listenHost: requestGuard.listenHost)
        DashboardRoutes.addPages(to: router, access: dashboard)
        if let token { router.add(middleware: BearerTokenMiddleware(token: token)) }
        DashboardRoutes.addAPI(to: router, services: services, access: dashboard)
        router.get("healthz") { _, _ in
            json(HealthAnswer())
        }
        router.get("metrics") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: services.shared.metrics.exposition()))
            )
        }
        router.get("api/v1/models") { request, _ in try await answering {
            let window = try windowSeconds(request)
            let names = services.shared.snapshot.load(ordering: .acquiring).models.keys.sorted()
            var models: [ModelAnswer] = []
            for name in names {
                if let model = await ModelStatus.describe(name, services: services, windowSeconds: window) { models.append(model) }
            }
            return json(ModelsAnswer(models: models, replicas: await services.replicas?.answers()))
        } }
        router.get("api/v1/models/:model") { request, context in try await answering {
            try await modelResponse(try context.parameters.require("model"), services: services, window: try windowSeconds(request))
        } }
        router.put("api/v1/models/:model/release") { request, context in try await answering {
            let name = try context.parameters.require("model")
            guard let model = services.publisher.config.model(named: name) else { return notFound(name) }
            let body = try await request.body.collect(upTo: maxReleaseBodyBytes)
            let spec: ReleaseSpec
            do throws(ConfigError) {
                spec = try ReleaseSpec.parse(String(buffer: body), for: model, in: services.publisher.config)
            } catch {
                return json(ErrorAnswer(error: "the release is not valid", problems: error.issues.map(\.description)), status: .badRequest)
            }
            return try await control(name, services: services) {
                try await services.controller.put(model: name, spec: spec, ifMatch: try ifMatch(request), actor: "api")
            }
        } }
        for action in ["promote", "abort", "retry", "rollback", "pause", "resume"] {
            router.post("api/v1/models/:model/\(action)") { request, context in try await answering {
                let name = try context.parameters.require("model")
                let body = try await request.body.collect(upTo: maxCommandBodyBytes)
                let reason = try reasonField(body)
                let full = request.uri.queryParameters.get("full").map { $0 == "true" || $0 == "1" } ?? false
                let lifecycleAction = action == "promote" && full ? LifecycleAction.promoteFull : LifecycleAction(rawValue: action)!
                if action == "promote", let target = request.uri.queryParameters.get("to").map({ String($0) }) {
                    let keep = request.uri.queryParameters.get("keep_shadow").map { $0 == "true" || $0 == "1" } ?? false
                    return try await control(name, services: services) {
                        try await services.controller.promoteShadow(
                            model: name, to: target, keepShadow: keep, ifMatch: try ifMatch(request), actor: "api", reason: reason
                        )
                    }
                }
                return try await control(name, services: services) {
                    try await services.controller.apply(
                        LifecycleCommand(lifecycleAction, reason: reason), model: name, ifMatch: try ifMatch(request), actor: "api", reason: reason
                    )
                }
            } }
        }
        router.get("api/v1/models/:model/experiment") { _, context in
            let name = try context.parameters.require("model")
            do {
                if await services.controller.release(of: name)?.spec.as(BanditSpec.self) != nil {
                    let look = try await services.controller.look(atBandit: name)
                    let shares = services.shared.snapshot.load(ordering: .acquiring).models[name]?.policy.weights ?? []
                    return json(ExperimentAnswer(look, sharesInForce: shares))
                }
                let look = try await services.controller.look(atABTest: name)
                return json(ExperimentAnswer(look))
            } catch let error as ReleaseController.ExperimentError {
                switch error {
                case .unknownModel: return json(ErrorAnswer(error: error.description), status: .notFound)
                case .notAnExperiment: return json(ErrorAnswer(error: error.description), status: .conflict)
                case .noStore, .storeFailed: return json(ErrorAnswer(error: error.description), status: .serviceUnavailable)
                }
            }
        }
        router.get("api/v1/models/:model/shadow") { _, context in
            let name = try context.parameters.require("model")
            guard let release = await services.controller.release(of: name) else { return notFound(name) }
            guard let spec = release.routing.as(ShadowSpec.self) else {
                let message = "\(name) is not in a shadow release (\(release.spec.strategyName), \(release.phase.rawValue))"
                return json(ErrorAnswer(error: message), status: .conflict)
            }
            // Sampled answers read from the store after this call are there.
            await services.shared.mirror?.ledger.saveSamples()
            return json(ShadowAnswer(model: name, spec: spec, ledger: services.shared.mirror?.ledger))
        }
        router.get("api/v1/models/:model/history") { _, context in
            let name = try context.parameters.require("model")
            guard services.shared.snapshot.load(ordering: .acquiring).models[name] != nil else { return notFound(name) }
            return json(services.history.answer(model: name))
        }
        router.get("api/v1/models/:model/shadow/samples") { request, context in try await answering {
            let name = try context.parameters.require("model")
            guard let release = await services.controller.release(of: name) else { return notFound(name) }
            let limit = try boundedInteger(request, "limit", default: 20, in: 1...ShadowSamplesAnswer.examineLimit)
            let onlyDisagreeing = try flag(request, "disagreeing")
            guard let store = services.store else {
                return json(ErrorAnswer(error: "no store: sampled pairs are kept in the store (store: none)"), status: .serviceUnavailable)
            }
            await services.shared.mirror?.ledger.saveSamples()
            await services.writer?.flush(waitingAtMost: .seconds(2))
            do {
                let output = release.routing.as(ShadowSpec.self)?.compare.output
                return json(try await ShadowSamplesAnswer.read(model: name, limit: limit, onlyDisagreeing: onlyDisagreeing, output: output, store: store))
            } catch {
                return json(ErrorAnswer(error: "the store could not be read: \(error)"), status: .serviceUnavailable)
            }
        } }
        router.get("api/v1/events") { request, _ in try await answering {
            let limit = try boundedInteger(request, "limit", default: 100, in: 1...10_000)
            let model = request.uri.queryParameters.get("model").map { String($0) }
            let events = try await services.controller.events(model: model, limit: limit)
            return json(EventsAnswer(events: events.map(EventAnswer.init)))
        } }
        return router
    }

    /// Runs a handler, answering a malformed request with 400 and the problem.
    static func answering(_ handler: () async throws -> Response) async throws -> Response {
        do {
            return try await handler()
        } catch let error as AdminRequestError {
            return json(ErrorAnswer(error: error.message), status: .badRequest)
        }
    }

    /// Runs a release change and answers with the model's status, or the error's status.
    private static func control(
        _ name: String,
        services: AdminServices,
        _ change: () async throws -> ReleaseState
    ) async throws -> Response {
        do {
            _ = try await change()
        } catch let error as ReleaseControlError {
            return json(ErrorAnswer(error: error.description), status: status(of: error))
        }
        return try await modelResponse(name, services: services, window: defaultWindowSeconds)
    }

    private static func status(of error: ReleaseControlError) -> HTTPResponse.Status {
        switch error {
        case .unknownModel: .notFound
        case .staleRevision, .refused, .conflict: .conflict
        case .invalid: .badRequest
        case .failed: .serviceUnavailable
        }
    }

    private static func modelResponse(_ name: String, services: AdminServices, window: Int) async throws -> Response {
        guard let model = await ModelStatus.describe(name, services: services, windowSeconds: window) else { return notFound(name) }
        var response = json(model)
        if let revision = model.release?.revision { response.headers[.eTag] = "\"\(revision)\"" }
        return response
    }

    static func notFound(_ name: String) -> Response {
        json(ErrorAnswer(error: "model '\(name)' not found"), status: .notFound)
    }

    /// A whole-number query parameter within `range`, or `fallback` when it is absent.
    static func boundedInteger(_ request: Request, _ name: String, default fallback: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = request.uri.queryParameters.get(name) else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw AdminRequestError("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// A true/false query parameter (`true`, `false`, `1`, `0`); false when absent.
    static func flag(_ request: Request, _ name: String) throws -> Bool {
        guard let value = request.uri.queryParameters.get(name) else { return false }
        switch value {
        case "false", "0": return false
        case "true", "1": return true
        default: throw AdminRequestError("\(name) must be true or false, got \"\(value)\"")
        }
    }

    static func windowSeconds(_ request: Request) throws -> Int {
        guard let text = request.uri.queryParameters.get("window") else { return defaultWindowSeconds }
        guard let seconds = Int(text), seconds > 0, seconds <= 366 * 86_400 else {
            throw AdminRequestError("window must be a whole number of seconds from 1 to \(366 * 86_400) (366 days)")
        }
        return seconds
    }

    /// The revision `If-Match` names: `"3"`, `3` or `W/"3"`; `*` and no header mean any.
    private static func ifMatch(_ request: Request) throws -> Int? {
        guard var text = request.headers[.ifMatch]?.trimmingCharacters(in: .whitespaces), text != "*" else { return nil }
        if text.hasPrefix("W/") { text.removeFirst(2) }
        text = text.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        guard let revision = Int(text) else {
            throw AdminRequestError("If-Match must name a release revision such as \"3\", got \(text)")
        }
        return revision
    }

    /// The optional `{"reason": "..."}` of a lifecycle command.
    private static func reasonField(_ body: ByteBuffer) throws -> String? {
        guard body.readableBytes > 0 else { return nil }
        guard let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] else {
            throw AdminRequestError(#"expected no body or {"reason": "..."}"#)
        }
        if let unknown = object.keys.sorted().first(where: { $0 != "reason" }) {
            throw AdminRequestError("unknown key \"\(unknown)\" (valid keys: reason)")
        }
        guard let reason = object["reason"] else { return nil }
        guard let text = reason as? String, !text.isEmpty else { throw AdminRequestError("reason must be a non-empty string") }
        // The reason is logged and stored in the audit log: a newline in it would forge a line.
        guard text.count <= maxReasonLength, !text.unicodeScalars.contains(where: isControl) else {
            throw AdminRequestError("reason: expected one line of at most \(maxReasonLength) characters, without control characters such as a newline")
        }
        return text
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }

    /// An answer in the admin API's one JSON encoding (``AdminJSON``), which writes a non-finite
    /// number as a string instead of failing.
    static func json(_ answer: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        guard let data = try? AdminJSON.encode(answer) else {
            return Response(
                status: .internalServerError,
                headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"error":"the answer could not be written as JSON"}"#))
            )
        }
        return Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}

/// A malformed admin request header or body.
struct AdminRequestError: Error {
    let message: String

    init(_ message: String) {
        self.message = message
    }
}
