import Foundation
import NIOCore
import TurnoutCore
import TurnoutModels

/// Reads the top-level Open Inference Protocol request parameters: the unit key of models
/// configured with `unit: { parameter: NAME }`, and attributes for flag releases.
enum OIPParameter {
    struct Problem: Error {
        let message: String
    }

    /// The body's `parameters` whose values are strings, numbers or booleans; with
    /// `inferenceHeaderLength` (Triton's binary tensor data extension) only the JSON header is read.
    static func parameters(
        in body: CircularBuffer<ByteBuffer>, inferenceHeaderLength: String? = nil
    ) -> Result<[String: RoutingRequest.AttributeValue], Problem> {
        var bytes = [UInt8]()
        for part in body { bytes.append(contentsOf: part.readableBytesView) }
        guard !bytes.isEmpty else { return .failure(Problem(message: "request body is empty; expected an inference request")) }
        do throws(InferenceRequestError) {
            if let length = try OpenInferenceCodec.headerLength(inferenceHeaderLength, bodyLength: bytes.count) {
                bytes.removeSubrange(length...)
            }
        } catch {
            return .failure(Problem(message: error.message))
        }
        let document: Any
        do {
            document = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            return .failure(Problem(message: "request body is not valid JSON: \(error.localizedDescription)"))
        }
        guard let request = document as? [String: Any] else {
            return .failure(Problem(message: "request body must be a JSON object"))
        }
        guard let parameters = request["parameters"] else { return .success([:]) }
        guard let parameters = parameters as? [String: Any] else {
            return .failure(Problem(message: "parameters must be a JSON object"))
        }
        var attributes: [String: RoutingRequest.AttributeValue] = [:]
        for (name, value) in parameters {
            switch value {
            case let text as String: attributes[name] = .string(text)
            case let number as NSNumber where Self.isBoolean(number): attributes[name] = .bool(number.boolValue)
            case let number as NSNumber: attributes[name] = .number(number.doubleValue)
            default: continue
            }
        }
        return .success(attributes)
    }

    /// JSON booleans arrive as `NSNumber`s whose Objective-C type is `c` (char) or `B` (bool).
    private static func isBoolean(_ number: NSNumber) -> Bool {
        let type = String(cString: number.objCType)
        return type == "c" || type == "B"
    }

    /// The unit key from parameter `name`: strings as they are, numbers and booleans as written.
    static func unitKey(_ value: RoutingRequest.AttributeValue?) -> String? {
        switch value {
        case .string(let text): text
        case .number(let number): number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .bool(let flag): String(flag)
        case nil: nil
        }
    }
}
