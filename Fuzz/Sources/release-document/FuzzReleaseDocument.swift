import FuzzSupport
import TurnoutCore

/// The models releases are read for: the quickstart's (two builtin versions) and the upstream
/// example's (two remote versions with timeouts, probes and ejection).
private let models: [ModelConfig] = ["examples/quickstart.yaml", "examples/upstreams.yaml"].flatMap { path in
    do {
        return try TurnoutConfig.parse(yaml: Repository.text(path)).models
    } catch {
        fatalError("fuzz fixture \(path) is not a configuration: \(error)")
    }
}

/// Parses the input as a release document (what `PUT /api/v1/models/<model>/release` takes and
/// `turnout apply` sends) for each model. A release that parses must read back, from the one-line
/// JSON the gateway stores and shows, to the same release: otherwise a stored release would come
/// back different, or not at all, at the next start.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReleaseDocument(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = FuzzInput(data, size).text
    for model in models {
        guard let spec = try? ReleaseSpec.parse(text, for: model) else { continue }
        let stored = spec.configJSON
        let reread: ReleaseSpec
        do {
            reread = try ReleaseSpec.parse(stored, for: model)
        } catch {
            fatalError("release \(stored) does not read back: \(error)")
        }
        guard reread == spec else { fatalError("release \(stored) reads back as \(reread.configJSON)") }
    }
    return 0
}
