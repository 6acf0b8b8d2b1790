import Foundation
import NIOCore

/// Reads a top-level Open Inference Protocol request parameter, the unit key of models configured
/// with `unit: { parameter: NAME }`.
enum OIPParameter {
    struct Problem: Error {
        let message: String
    }

    /// The parameter's value as a string (numbers and booleans as written), nil when absent.
    static func value(named name: String, in body: CircularBuffer<ByteBuffer>) -> Result<String?, Problem> {
        var bytes = [UInt8]()
        for part in body { bytes.append(contentsOf: part.readableBytesView) }
        guard !bytes.isEmpty else { return .failure(Problem(message: "request body is empty; expected an inference request")) }
        let document: Any
        do {
            document = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            return .failure(Problem(message: "request body is not valid JSON: \(error.localizedDescription)"))
        }
        guard let request = document as? [String: Any] else {
            return .failure(Problem(message: "request body must be a JSON object"))
        }
        guard let parameters = request["parameters"] else { return .success(nil) }
        guard let parameters = parameters as? [String: Any] else {
            return .failure(Problem(message: "parameters must be a JSON object"))
        }
        switch parameters[name] {
        case nil, is NSNull: return .success(nil)
        case let text as String: return .success(text)
        case let number as NSNumber: return .success(number.stringValue)
        default: return .failure(Problem(message: "parameters.\(name) must be a string or a number"))
        }
    }
}
