import NIOCore
import TurnoutFlags
import TurnoutModels

/// Reads the top-level Open Inference Protocol request parameters: the unit key of models
/// configured with `unit: { parameter: NAME }`, and attributes for flag releases.
enum OIPParameter {
    struct Problem: Error {
        let message: String
    }

    /// The body's `parameters` whose values are strings, numbers or booleans, at most `maxCount` of them;
    /// with `inferenceHeaderLength` (Triton's binary tensor data extension) only the JSON header is read.
    ///
    /// Read with the model runtime's JSON scanner, which skips the tensors without building them
    /// and refuses more than `maxCount` parameters before allocating them all.
    static func parameters(
        in body: CircularBuffer<ByteBuffer>, inferenceHeaderLength: String? = nil, maxCount: Int
    ) -> Result<[String: JSONValue], Problem> {
        var bytes = [UInt8]()
        bytes.reserveCapacity(body.reduce(0) { $0 + $1.readableBytes })
        for part in body { bytes.append(contentsOf: part.readableBytesView) }
        guard !bytes.isEmpty else { return .failure(Problem(message: "request body is empty; expected an inference request")) }
        do throws(InferenceRequestError) {
            if let length = try OpenInferenceCodec.headerLength(inferenceHeaderLength, bodyLength: bytes.count) {
                bytes.removeSubrange(length...)
            }
        } catch {
            return .failure(Problem(message: error.message))
        }
        let decoded = bytes.withUnsafeBytes { raw in
            Result { () throws(InferenceRequestError) -> [String: InferenceParameter] in try OpenInferenceCodec.decodeV2Parameters(raw, maxCount: maxCount) }
        }
        switch decoded {
        case .success(let parameters):
            return .success(parameters.compactMapValues(attribute))
        case .failure(let error):
            let suffix = error.kind == .tooManyParameters ? " (limits.max_parameters)" : ""
            return .failure(Problem(message: error.message + suffix))
        }
    }

    /// Strings, numbers and booleans route; null and nested JSON are left out.
    private static func attribute(_ parameter: InferenceParameter) -> JSONValue? {
        switch parameter {
        case .string(let text): .string(text)
        case .number(let number): .number(number)
        case .bool(let flag): .bool(flag)
        case .null, .json: nil
        }
    }

    /// The unit key from parameter `name`: strings as they are, numbers and booleans as written.
    static func unitKey(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text): text
        case .number(let number): number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .bool(let flag): String(flag)
        case .null, .array, .object, nil: nil
        }
    }
}
