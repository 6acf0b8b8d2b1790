import Foundation
import Hummingbird
import TurnoutCore

/// Builds the admin API's routes: health, Prometheus metrics and the model list.
enum AdminRouter {
    static func make(shared: DataPlaneShared, token: String?) -> Router<BasicRequestContext> {
        let router = Router()
        if let token { router.add(middleware: BearerTokenMiddleware(token: token)) }
        router.get("healthz") { _, _ in
            json(["status": "ok"])
        }
        router.get("metrics") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: shared.metrics.exposition()))
            )
        }
        router.get("api/v1/models") { _, _ in
            let snapshot = shared.snapshot.load(ordering: .acquiring)
            let models = snapshot.models.values.sorted { $0.config.name < $1.config.name }.map(describe)
            return json(["models": models])
        }
        router.get("api/v1/models/:model") { _, context in
            let name = try context.parameters.require("model")
            guard let model = shared.snapshot.load(ordering: .acquiring).models[name] else {
                return json(["error": "model '\(name)' not found"], status: .notFound)
            }
            return json(describe(model))
        }
        return router
    }

    private static func describe(_ model: ModelRuntime) -> [String: Any] {
        let total = model.policy.weights.reduce(0) { $0 + $1.weight }
        let weights = Dictionary(model.policy.weights.map { ($0.version, total > 0 ? $0.weight / total * 100 : 0) }) { a, _ in a }
        return [
            "name": model.config.name,
            "protocol": model.config.wireProtocol.rawValue,
            "strategy": model.config.release.strategyName,
            "versions": model.config.versions.map(\.name),
            "weights": weights,
        ]
    }

    static func json(_ object: Any, status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}
