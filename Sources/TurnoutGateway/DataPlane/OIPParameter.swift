import NIOCore
import TurnoutFlags
import TurnoutModels

/// Reads the top-level Open Inference Protocol request parameters: the unit key of models
/// configured with `unit: { parameter: NAME }`, and attributes for flag releases.
enum OIPParameter {
    struct Problem: Error {
        let message: String
    }

    /// The body's `parameters`, at most `maxCount` of them; with `inferenceHeaderLength`
    /// (Triton's binary tensor data extension) only the JSON header is read.
    ///
    /// Read with the model runtime's JSON scanner, which skips the tensors without building them
    /// and refuses more than `maxCount` parameters before allocating them all. They stay in the
    /// scanner's form until a policy asks for attributes (``attribute(_:)``), so a model that
    /// only takes its unit key from them converts nothing.
    static func parameters(
        in body: CircularBuffer<ByteBuffer>, inferenceHeaderLength: String? = nil, maxCount: Int
    ) -> Result<[String: InferenceParameter], Problem> {
        let bodyLength = body.reduce(0) { $0 + $1.readableBytes }
        guard bodyLength > 0 else { return .failure(Problem(message: "request body is empty; expected an inference request")) }
        let length: Int
        do throws(InferenceRequestError) {
            length = try OpenInferenceCodec.headerLength(inferenceHeaderLength, bodyLength: bodyLength) ?? bodyLength
        } catch {
            return .failure(Problem(message: error.message))
        }
        // A body that arrived in one read is scanned where it lies; only a body in parts is joined.
        if body.count == 1, let only = body.first {
            return only.withUnsafeReadableBytes { decode(UnsafeRawBufferPointer(rebasing: $0.prefix(length)), maxCount: maxCount) }
        }
        var bytes = [UInt8]()
        bytes.reserveCapacity(bodyLength)
        for part in body { bytes.append(contentsOf: part.readableBytesView) }
        return bytes.withUnsafeBytes { decode(UnsafeRawBufferPointer(rebasing: $0.prefix(length)), maxCount: maxCount) }
    }

    private static func decode(_ json: UnsafeRawBufferPointer, maxCount: Int) -> Result<[String: InferenceParameter], Problem> {
        do throws(InferenceRequestError) {
            return .success(try OpenInferenceCodec.decodeV2Parameters(json, maxCount: maxCount))
        } catch {
            let suffix = error.kind == .tooManyParameters ? " (limits.max_parameters)" : ""
            return .failure(Problem(message: error.message + suffix))
        }
    }

    /// A parameter as a routing attribute: strings, numbers and booleans route; null and nested
    /// JSON are left out.
    static func attribute(_ parameter: InferenceParameter) -> JSONValue? {
        switch parameter {
        case .string(let text): .string(text)
        case .number(let number): .number(number)
        case .bool(let flag): .bool(flag)
        case .null, .json: nil
        }
    }

    /// The unit key from parameter `name`: strings as they are, numbers and booleans as written;
    /// null and nested JSON give none.
    static func unitKey(_ parameter: InferenceParameter?) -> String? {
        switch parameter {
        case .string(let text): text
        case .number(let number): number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .bool(let flag): String(flag)
        case .null, .json, nil: nil
        }
    }
}
