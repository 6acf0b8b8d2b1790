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
    /// FP64, INT32, INT64 or BOOL, with `data` flat row-major or nested; `null` (and `NaN`) are
    /// missing values. Also reads the request's `id` and `parameters`.
    ///
    /// - Throws: ``InferenceRequestError`` naming the input and the problem.
    public static func decodeV2Request(
        _ body: UnsafeRawBufferPointer, featureCount: Int
    ) throws(InferenceRequestError) -> InferenceBatch {
        try mapErrors {
            var decoder = V2RequestDecoder(body, featureCount: featureCount)
            return try decoder.decode()
        }
    }

    /// Decodes a V2 infer request body held in an array.
    public static func decodeV2Request(_ body: [UInt8], featureCount: Int) throws(InferenceRequestError) -> InferenceBatch {
        try withBytes(body) { bytes throws(InferenceRequestError) in try decodeV2Request(bytes, featureCount: featureCount) }
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
        body: UnsafeRawBufferPointer, model: XGBoostModel, modelName: String, modelVersion: String?
    ) throws(InferenceRequestError) -> [UInt8] {
        let batch = try decodeV2Request(body, featureCount: model.featureCount)
        return encodeV2Response(model.infer(batch), modelName: modelName, modelVersion: modelVersion, id: batch.id)
    }

    /// Decodes a V1 request, runs `model` and encodes the V1 response, in one call.
    public static func inferV1(body: UnsafeRawBufferPointer, model: XGBoostModel) throws(InferenceRequestError) -> [UInt8] {
        let batch = try decodeV1Request(body, featureCount: model.featureCount)
        return encodeV1Response(model.infer(batch))
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
