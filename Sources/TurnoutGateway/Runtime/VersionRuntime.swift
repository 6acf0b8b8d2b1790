import NIOCore
import TurnoutCore

/// Everything the data plane needs to send a request to one version, prepared once per snapshot.
final class VersionRuntime: Sendable {
    let name: String
    let modelName: String
    let backend: Backend
    /// Upstream paths for each gateway route, with the model's upstream name filled in.
    let paths: UpstreamPaths

    init(model: ModelConfig, version: VersionConfig, backend: Backend) {
        self.name = version.name
        self.modelName = model.name
        self.backend = backend
        let upstreamName: String
        let basePath: String
        if case .upstream(let group) = backend {
            upstreamName = group.config.modelName ?? model.name
            basePath = group.instances.first?.url.basePath ?? ""
        } else {
            upstreamName = model.name
            basePath = ""
        }
        self.paths = UpstreamPaths(basePath: basePath, modelName: upstreamName)
    }

    enum Backend: Sendable {
        case upstream(UpstreamGroup)
        /// An in-process model, with its metadata answer prepared once.
        case builtin(BuiltinModel, metadata: ByteBuffer)
    }
}

/// The paths a version's upstream serves, for each kind of gateway route.
struct UpstreamPaths: Sendable {
    let infer: String
    let metadata: String
    let ready: String
    let predictV1: String
    let rawPrefix: String

    init(basePath: String, modelName: String) {
        infer = "\(basePath)/v2/models/\(modelName)/infer"
        metadata = "\(basePath)/v2/models/\(modelName)"
        ready = "\(basePath)/v2/models/\(modelName)/ready"
        predictV1 = "\(basePath)/v1/models/\(modelName):predict"
        rawPrefix = basePath
    }

    /// The upstream path and query for a route of this version.
    func path(for kind: GatewayRoute.ModelRouteKind, query: Substring) -> String {
        let path: String
        switch kind {
        case .infer: path = infer
        case .metadata: path = metadata
        case .modelReady: path = ready
        case .predictV1: path = predictV1
        case .raw(let suffix): path = rawPrefix + suffix
        }
        return query.isEmpty ? path : "\(path)?\(query)"
    }
}
