import Foundation
import NIOCore
import TurnoutModels

/// A model file run inside the gateway, loaded once with its metadata answer prepared.
final class BuiltinModel: Sendable {
    let path: String
    let model: XGBoostModel

    init(path: String) throws(GatewayError) {
        do {
            self.model = try XGBoostModel(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw GatewayError("cannot load \(path): \(error.reason)")
        }
        self.path = path
    }

    /// The body of `GET /v2/models/{model}` for this version.
    func metadata(model name: String, version: String) -> ByteBuffer {
        ByteBuffer(bytes: OpenInferenceCodec.modelMetadata(name: name, versions: [version], model: model))
    }
}
