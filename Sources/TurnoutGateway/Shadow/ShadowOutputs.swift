import NIOCore
import TurnoutModels
import TurnoutStats

/// Reads the outputs that shadow comparison looks at out of a response body.
enum ShadowOutputs {
    /// The labels, predictions and numbers of an OIP or V1 response; nil for the raw protocol,
    /// which is compared by status and bytes only, and for a body that is not a model answer.
    static func read(_ body: ByteBuffer, route: GatewayRoute.ModelRouteKind, output: String?) -> ComparedOutput? {
        let format: ModelOutputReader.Format
        switch route {
        case .infer: format = .v2
        case .predictV1: format = .v1
        case .raw, .metadata, .modelReady: return nil
        }
        return body.withUnsafeReadableBytes { bytes in
            try? ModelOutputReader.read(bytes, format: format, outputName: output)
        }
    }
}
