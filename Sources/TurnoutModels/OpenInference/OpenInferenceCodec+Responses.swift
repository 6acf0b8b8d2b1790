extension OpenInferenceCodec {
    /// Encodes a V2 infer response as JSON.
    ///
    /// Outputs: `probabilities` FP32 `[N]` (binary) or `[N, C]` (multi-class) plus `label`
    /// INT64 `[N]` for classifiers; `predict` FP32 `[N]` for regression.
    public static func encodeV2Response(
        _ outputs: InferenceOutputs, modelName: String, modelVersion: String?, id: String?,
        parameters: [String: InferenceParameter]? = nil
    ) -> [UInt8] {
        encodeV2Response(outputs, modelName: modelName, modelVersion: modelVersion, id: id, parameters: parameters,
                         requestedOutputs: RequestedOutputs()).bytes
    }

    /// Encodes a V2 infer response, with the outputs `requestedOutputs` asks for as binary data
    /// (Triton's binary tensor data extension) after the JSON header: FP32 and INT64 values
    /// little-endian, each such output declaring its `binary_data_size` instead of `data`.
    public static func encodeV2Response(
        _ outputs: InferenceOutputs, modelName: String, modelVersion: String?, id: String?,
        parameters: [String: InferenceParameter]? = nil, requestedOutputs: RequestedOutputs
    ) -> InferenceResponseBody {
        // Room for the envelope and ~14 bytes per score, so typical responses never regrow.
        let envelope = 256 + modelName.utf8.count + (modelVersion?.utf8.count ?? 0) + (id?.utf8.count ?? 0)
        var writer = JSONWriter(capacity: envelope + outputs.scores.count * 14 + outputs.labels.count * 2)
        var binary = BinaryTensorWriter()
        writer.raw("{")
        writer.key("model_name", first: true)
        writer.string(modelName)
        if let modelVersion {
            writer.key("model_version")
            writer.string(modelVersion)
        }
        if let id {
            writer.key("id")
            writer.string(id)
        }
        if let parameters {
            writer.key("parameters")
            writeParameters(parameters, into: &writer)
        }
        writer.key("outputs")
        let scoresName = outputs.task == .regression ? "predict" : "probabilities"
        writer.raw("[{\"name\":")
        writer.string(scoresName)
        writer.raw(",\"datatype\":\"FP32\",\"shape\":")
        if case .multiClassClassification(let classCount) = outputs.task {
            writer.shape(outputs.rowCount, classCount)
        } else {
            writer.shape(outputs.rowCount)
        }
        let scoresBinary = requestedOutputs.isBinary(scoresName)
        let labelsBinary = outputs.task != .regression && requestedOutputs.isBinary("label")
        if scoresBinary {
            writeBinaryDataSize(outputs.scores.count * 4, into: &writer)
            binary.append(fp32: outputs.scores)
        } else {
            writer.raw(",\"data\":")
            writer.array(outputs.scores) { $0.number($1) }
        }
        writer.raw("}")
        if outputs.task != .regression {
            writer.raw(",{\"name\":\"label\",\"datatype\":\"INT64\",\"shape\":")
            writer.shape(outputs.rowCount)
            if labelsBinary {
                writeBinaryDataSize(outputs.labels.count * 8, into: &writer)
                binary.append(int64: outputs.labels)
            } else {
                writer.raw(",\"data\":")
                writer.array(outputs.labels) { $0.integer($1) }
            }
            writer.raw("}")
        }
        writer.raw("]}")
        guard scoresBinary || labelsBinary else {
            return InferenceResponseBody(bytes: writer.bytes)
        }
        let headerLength = writer.bytes.count
        writer.bytes.append(contentsOf: binary.bytes)
        return InferenceResponseBody(bytes: writer.bytes, headerLength: headerLength)
    }

    private static func writeBinaryDataSize(_ size: Int, into writer: inout JSONWriter) {
        writer.raw(",\"parameters\":{\"binary_data_size\":")
        writer.integer(size)
        writer.raw("}")
    }

    /// Encodes a V1 response `{"predictions": [...]}`: per row the probability of class 1
    /// (binary), the list of class probabilities (multi-class) or the predicted value.
    ///
    /// With `classIndices` a multi-class answer is the predicted class per row instead, written
    /// as a float (`2.0`): what KServe's XGBoost server returns for `multi:softmax`, whose
    /// `Booster.predict` gives class indices as float32.
    public static func encodeV1Response(_ outputs: InferenceOutputs, classIndices: Bool = false) -> [UInt8] {
        var writer = JSONWriter(capacity: 32 + outputs.scores.count * 12)
        writer.raw("{")
        writer.key("predictions", first: true)
        let width = outputs.scoresPerRow
        if classIndices, case .multiClassClassification = outputs.task {
            writer.array(outputs.labels) { $0.number(Float($1)) }
        } else if case .multiClassClassification = outputs.task {
            writer.array(0..<outputs.rowCount) { writer, row in
                writer.array(outputs.scores[row * width..<(row + 1) * width]) { $0.number($1) }
            }
        } else {
            writer.array(outputs.scores) { $0.number($1) }
        }
        writer.raw("}")
        return writer.bytes
    }

    private static func writeParameters(_ parameters: [String: InferenceParameter], into writer: inout JSONWriter) {
        writer.raw("{")
        for (index, key) in parameters.keys.sorted().enumerated() {
            if index > 0 { writer.raw(",") }
            writer.string(key)
            writer.raw(":")
            switch parameters[key]! {
            case .string(let text): writer.string(text)
            case .number(let value): writer.number(value)
            case .bool(let flag): writer.raw(flag ? "true" : "false")
            case .null: writer.raw("null")
            case .json(let text): writer.bytes.append(contentsOf: text.utf8)
            }
        }
        writer.raw("}")
    }
}
