import NIOHTTP1

/// What a data-plane request path asks for, parsed without allocating more than the names it holds.
package enum GatewayRoute: Equatable {
    case serverMetadata
    case live
    case ready
    /// A model route; `version` is set when the path pins one.
    case model(name: Substring, kind: ModelRouteKind, version: Substring?)
    /// OpenFeature remote evaluation of one flag, or of all flags when `key` is nil.
    case ofrep(key: Substring?)
    /// `POST /v1/feedback`: rewards for earlier requests.
    case feedback
    case notFound

    /// The kinds of model route, each forwarded to its own upstream path.
    package enum ModelRouteKind: Equatable {
        case infer
        case metadata
        case modelReady
        case predictV1
        /// Raw passthrough: the path after `/models/{model}`, query excluded.
        case raw(suffix: Substring)

        /// Whether the route runs a model, so its decision and outcome are logged.
        var isInference: Bool {
            switch self {
            case .infer, .predictV1, .raw: true
            case .metadata, .modelReady: false
            }
        }

        /// The methods the route accepts, or nil for any method. Read on every request, so the
        /// arrays are made once rather than allocated per call.
        var allowedMethods: [HTTPMethod]? {
            switch self {
            case .infer, .predictV1: Self.postOnly
            case .metadata, .modelReady: Self.getOnly
            case .raw: nil
            }
        }

        private static let postOnly: [HTTPMethod] = [.POST]
        private static let getOnly: [HTTPMethod] = [.GET]
    }

    /// Whether this is an OpenFeature evaluation, whose body has its own size limit.
    var isOFREP: Bool {
        if case .ofrep = self { return true }
        return false
    }

    // Prefixes and suffixes are compared as UTF-8 bytes: with Foundation imported anywhere in the
    // module, `hasPrefix` on a Substring resolves to Foundation's, which bridges to NSString and
    // cost about 3% of the data plane's CPU per request.
    /// The route `path` (the request target before any `?`) asks for.
    package init(path: Substring) {
        // The inference route is most of the traffic: recognise it without splitting the path.
        if path.utf8.starts(with: "/v2/models/".utf8) && path.utf8.reversed().starts(with: "/infer".utf8.reversed()) && path.utf8.count > 17 {
            // Offsets in bytes: dropping Characters would look for grapheme breaks on every request.
            let bytes = path.utf8
            let start = bytes.index(bytes.startIndex, offsetBy: "/v2/models/".utf8.count)
            let name = path[start..<bytes.index(bytes.endIndex, offsetBy: -"/infer".utf8.count)]
            if !name.utf8.contains(UInt8(ascii: "/")) {
                self = .model(name: name, kind: .infer, version: nil)
                return
            }
        }
        if path.utf8.starts(with: "/ofrep/v1/evaluate/flags".utf8) {
            self = Self.parseOFREP(path.dropFirst("/ofrep/v1/evaluate/flags".count))
            return
        }
        if path.utf8.starts(with: "/models/".utf8) {
            self = Self.parseRaw(path.dropFirst("/models/".count))
            return
        }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        self = Self.parse(Array(parts))
    }

    private static func parseOFREP(_ rest: Substring) -> GatewayRoute {
        if rest.isEmpty || rest == "/" { return .ofrep(key: nil) }
        guard rest.utf8.first == UInt8(ascii: "/") else { return .notFound }
        let key = rest.dropFirst()
        return key.utf8.contains(UInt8(ascii: "/")) ? .notFound : .ofrep(key: key)
    }

    private static func parseRaw(_ rest: Substring) -> GatewayRoute {
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let name = rest[..<slash]
        guard !name.isEmpty else { return .notFound }
        let suffix = rest[slash...]
        return .model(name: name, kind: .raw(suffix: suffix.isEmpty ? "/" : suffix), version: nil)
    }

    private static func parse(_ parts: [Substring]) -> GatewayRoute {
        guard let first = parts.first else { return .notFound }
        switch first {
        case "v2": return parseV2(parts.dropFirst())
        case "v1": return parseV1(parts.dropFirst())
        default: return .notFound
        }
    }

    private static func parseV2(_ parts: ArraySlice<Substring>) -> GatewayRoute {
        let parts = Array(parts)
        switch parts.count {
        case 0: return .serverMetadata
        case 1 where parts[0].isEmpty: return .serverMetadata
        case 2 where parts[0] == "health" && parts[1] == "live": return .live
        case 2 where parts[0] == "health" && parts[1] == "ready": return .ready
        default: break
        }
        guard parts.count >= 2, parts[0] == "models", !parts[1].isEmpty else { return .notFound }
        let name = parts[1]
        var rest = parts.dropFirst(2)
        var version: Substring?
        if rest.first == "versions" {
            guard rest.count >= 2, !rest[rest.startIndex + 1].isEmpty else { return .notFound }
            version = rest[rest.startIndex + 1]
            rest = rest.dropFirst(2)
        }
        switch Array(rest) {
        case []: return .model(name: name, kind: .metadata, version: version)
        case ["ready"]: return .model(name: name, kind: .modelReady, version: version)
        case ["infer"]: return .model(name: name, kind: .infer, version: version)
        default: return .notFound
        }
    }

    private static func parseV1(_ parts: ArraySlice<Substring>) -> GatewayRoute {
        let parts = Array(parts)
        if parts == ["feedback"] { return .feedback }
        guard parts.count == 2, parts[0] == "models", parts[1].utf8.reversed().starts(with: ":predict".utf8.reversed()) else { return .notFound }
        let name = parts[1].dropLast(":predict".count)
        guard !name.isEmpty else { return .notFound }
        return .model(name: name, kind: .predictV1, version: nil)
    }
}
