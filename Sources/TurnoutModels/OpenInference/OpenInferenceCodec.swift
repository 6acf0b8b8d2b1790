import Foundation

/// Pure encoders and decoders for the Open Inference Protocol (KServe V2 REST) and V1
/// `instances` / `predictions` bodies, for models that run in process.
///
/// A gateway calls ``inferV2(body:model:modelName:modelVersion:)`` (or the decode, `infer`,
/// encode steps separately) with the request bytes and writes back the returned bytes; an
/// ``InferenceRequestError`` becomes HTTP 400 with ``errorBody(_:)``. Nothing here does I/O.
public enum OpenInferenceCodec {
    /// The `platform` reported in model metadata for in-process XGBoost JSON models.
    public static let xgboostPlatform = "xgboost_json"
    /// The input name reported in model metadata (requests may name their single input freely).
    public static let inputName = "input-0"

    /// Decodes a V2 infer request body into rows for a model with `featureCount` features.
    ///
    /// Accepts one input tensor of shape `[N, F]` (or `[F]` for one row) and datatype FP32,
    /// FP64, INT32, INT64 or BOOL, with `data` flat row-major or nested; `null` is a missing
    /// value, and `NaN`, `Infinity` or numbers beyond the datatype's range are refused. Also reads the request's `id` and `parameters`.
    ///
    /// - Throws: ``InferenceRequestError`` naming the input and the problem.
    /// - Parameter maxParameters: the most top-level `parameters` accepted; more is a
    ///   ``InferenceRequestError/Kind-swift.enum/tooManyParameters`` error.
    public static func decodeV2Request(
        _ body: UnsafeRawBufferPointer, featureCount: Int, maxParameters: Int = .max
    ) throws(InferenceRequestError) -> InferenceBatch {
        try mapErrors {
            var decoder = V2RequestDecoder(body, featureCount: featureCount)
            decoder.maxParameters = maxParameters
            return try decoder.decode()
        }
    }

    /// Decodes a V2 infer request body that may use Triton's binary tensor data extension.
    ///
    /// `inferenceHeaderLength` is the request's `Inference-Header-Content-Length` header: when
    /// present, the body is a JSON header of that many bytes followed by the binary data of the
    /// inputs that declare `parameters.binary_data_size` (every numeric datatype, little-endian,
    /// row-major). The request's `outputs[].parameters.binary_data` and
    /// `parameters.binary_data_output` are read into ``InferenceBatch/requestedOutputs``.
    ///
    /// - Throws: ``InferenceRequestError`` naming the input, also when sizes disagree: a header
    ///   length past the body, a `binary_data_size` that does not match shape × datatype, or
    ///   bytes left after the last tensor.
    public static func decodeV2Request(
        _ body: UnsafeRawBufferPointer, featureCount: Int, inferenceHeaderLength: String?, maxParameters: Int = .max
    ) throws(InferenceRequestError) -> InferenceBatch {
        let length = try headerLength(inferenceHeaderLength, bodyLength: body.count)
        return try mapErrors {
            var decoder = V2RequestDecoder(body, featureCount: featureCount, headerLength: length)
            decoder.maxParameters = maxParameters
            return try decoder.decode()
        }
    }

    /// The value of an `Inference-Header-Content-Length` header, checked against the body.
    ///
    /// - Throws: ``InferenceRequestError`` when it is not a positive integer or runs past the body.
    public static func headerLength(_ header: String?, bodyLength: Int) throws(InferenceRequestError) -> Int? {
        guard let header else { return nil }
        guard let length = Int(header.trimmingCharacters(in: .whitespaces)), length >= 0 else {
            throw InferenceRequestError(.malformedJSON, "Inference-Header-Content-Length '\(header)' is not a non-negative integer")
        }
        guard length <= bodyLength else {
            throw InferenceRequestError(
                .malformedJSON, "Inference-Header-Content-Length is \(length) but the body has only \(bodyLength) bytes")
        }
        guard length > 0 else {
            throw InferenceRequestError(
                .malformedJSON, "Inference-Header-Content-Length 0 (a body of raw tensor data without a JSON header) is not supported; send the JSON header")
        }
        return length
    }

    /// Reads only the top-level `parameters` of a V2 infer request, skipping everything else
    /// without building it, for routing on them.
    ///
    /// - Throws: ``InferenceRequestError``: not a JSON object, `parameters` not an object, more
    ///   than `maxCount` of them, or a non-finite number.
    public static func decodeV2Parameters(
        _ body: UnsafeRawBufferPointer, maxCount: Int
    ) throws(InferenceRequestError) -> [String: InferenceParameter] {
        let outcome = Swift.Result { () throws -> [String: InferenceParameter] in
            var scanner = JSONScanner(body)
            guard scanner.peekSignificant() == UInt8(ascii: "{") else {
                throw InferenceRequestError(.malformedJSON, "the request body must be a JSON object")
            }
            scanner.index += 1
            var parameters: [String: InferenceParameter] = [:]
            var first = true
            while let key = try scanner.nextObjectKey(first: &first) {
                if key == "parameters" {
                    parameters = try ParameterReader.readObject(&scanner, context: "parameters", maxCount: maxCount)
                } else {
                    try scanner.skipValue()
                }
            }
            try scanner.expectEnd()
            return parameters
        }
        switch outcome {
        case .success(let parameters): return parameters
        case .failure(let error as InferenceRequestError): throw error
        case .failure(let error as JSONSyntaxError):
            throw InferenceRequestError(.malformedJSON, "the request body is not valid JSON: \(error.description)")
        case .failure(let error): throw InferenceRequestError(.malformedJSON, "the request body could not be read: \(error)")
        }
    }

    /// Decodes a V2 infer request body held in an array.
    public static func decodeV2Request(_ body: [UInt8], featureCount: Int, maxParameters: Int = .max) throws(InferenceRequestError) -> InferenceBatch {
        try withBytes(body) { bytes throws(InferenceRequestError) in
            try decodeV2Request(bytes, featureCount: featureCount, maxParameters: maxParameters)
        }
    }

    /// Decodes a V1 body `{"instances": [[...], ...]}`, each instance a row of `featureCount` numbers.
    ///
    /// - Throws: ``InferenceRequestError`` naming the instance and the problem.
    public static func decodeV1Request(
        _ body: UnsafeRawBufferPointer, featureCount: Int
    ) throws(InferenceRequestError) -> InferenceBatch {
        try mapErrors {
            var decoder = V1RequestDecoder(body, featureCount: featureCount)
            return try decoder.decode()
        }
    }

    /// Decodes a V1 body held in an array.
    public static func decodeV1Request(_ body: [UInt8], featureCount: Int) throws(InferenceRequestError) -> InferenceBatch {
        try withBytes(body) { bytes throws(InferenceRequestError) in try decodeV1Request(bytes, featureCount: featureCount) }
    }

    /// Decodes a V2 request, runs `model` and encodes the V2 response, in one call.
    public static func inferV2(
        body: UnsafeRawBufferPointer, model: XGBoostModel, modelName: String, modelVersion: String?, maxParameters: Int = .max
    ) throws(InferenceRequestError) -> [UInt8] {
        let batch = try decodeV2Request(body, featureCount: model.featureCount, maxParameters: maxParameters)
        return encodeV2Response(model.infer(batch), modelName: modelName, modelVersion: modelVersion, id: batch.id)
    }

    /// Decodes a V2 request that may use the binary tensor data extension (see
    /// ``decodeV2Request(_:featureCount:inferenceHeaderLength:maxParameters:)``), runs `model` and encodes
    /// the response with the outputs the request asks for as binary data.
    public static func inferV2(
        body: UnsafeRawBufferPointer, inferenceHeaderLength: String?, model: XGBoostModel, modelName: String, modelVersion: String?,
        maxParameters: Int = .max
    ) throws(InferenceRequestError) -> InferenceResponseBody {
        let batch = try decodeV2Request(
            body, featureCount: model.featureCount, inferenceHeaderLength: inferenceHeaderLength, maxParameters: maxParameters
        )
        return encodeV2Response(model.infer(batch), modelName: modelName, modelVersion: modelVersion, id: batch.id,
                                requestedOutputs: batch.requestedOutputs)
    }

    /// Decodes a V1 request, runs `model` and encodes the V1 response, in one call: class
    /// indices for `multi:softmax` and class probabilities for `multi:softprob`, as KServe's
    /// XGBoost server answers.
    public static func inferV1(body: UnsafeRawBufferPointer, model: XGBoostModel) throws(InferenceRequestError) -> [UInt8] {
        let batch = try decodeV1Request(body, featureCount: model.featureCount)
        return encodeV1Response(model.infer(batch), classIndices: model.objective == .multiClassLabel)
    }

    /// The protocol's error body, `{"error": "<message>"}`.
    public static func errorBody(_ message: String) -> [UInt8] {
        var writer = JSONWriter(capacity: message.utf8.count + 16)
        writer.raw("{")
        writer.key("error", first: true)
        writer.string(message)
        writer.raw("}")
        return writer.bytes
    }

    /// Runs a decoder, turning JSON syntax errors into `malformedJSON` request errors.
    private static func mapErrors(_ body: () throws -> InferenceBatch) throws(InferenceRequestError) -> InferenceBatch {
        do {
            return try body()
        } catch let error as InferenceRequestError {
            throw error
        } catch let error as JSONSyntaxError {
            throw InferenceRequestError(.malformedJSON, "the request body is not valid JSON: \(error.description)")
        } catch {
            throw InferenceRequestError(.malformedJSON, "the request body could not be read: \(error)")
        }
    }

    private static func withBytes<Result>(
        _ body: [UInt8], _ work: (UnsafeRawBufferPointer) throws(InferenceRequestError) -> Result
    ) throws(InferenceRequestError) -> Result {
        let outcome = body.withUnsafeBytes { bytes in
            Swift.Result { () throws(InferenceRequestError) -> Result in try work(bytes) }
        }
        return try outcome.get()
    }
}
