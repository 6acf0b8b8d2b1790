extension OpenInferenceCodec {
    /// The body of `GET /v2/models/{model}` for an in-process model: its name, versions,
    /// platform, the single FP32 input `[-1, F]` and the outputs a response will carry.
    public static func modelMetadata(
        name: String, versions: [String], featureCount: Int, task: InferenceOutputs.Task,
        platform: String = xgboostPlatform
    ) -> [UInt8] {
        var writer = JSONWriter()
        writer.raw("{")
        writer.key("name", first: true)
        writer.string(name)
        writer.key("versions")
        writer.array(versions) { $0.string($1) }
        writer.key("platform")
        writer.string(platform)
        writer.key("inputs")
        writer.raw("[{\"name\":")
        writer.string(inputName)
        writer.raw(",\"datatype\":\"FP32\",\"shape\":")
        writer.shape(-1, featureCount)
        writer.raw("}]")
        writer.key("outputs")
        writer.raw("[")
        switch task {
        case .regression:
            writer.raw("{\"name\":\"predict\",\"datatype\":\"FP32\",\"shape\":[-1]}")
        case .binaryClassification:
            writer.raw("{\"name\":\"probabilities\",\"datatype\":\"FP32\",\"shape\":[-1]},")
            writer.raw("{\"name\":\"label\",\"datatype\":\"INT64\",\"shape\":[-1]}")
        case .multiClassClassification(let classCount):
            writer.raw("{\"name\":\"probabilities\",\"datatype\":\"FP32\",\"shape\":")
            writer.shape(-1, classCount)
            writer.raw("},{\"name\":\"label\",\"datatype\":\"INT64\",\"shape\":[-1]}")
        }
        writer.raw("]}")
        return writer.bytes
    }

    /// Model metadata for an XGBoost model served in process.
    public static func modelMetadata(name: String, versions: [String], model: XGBoostModel) -> [UInt8] {
        modelMetadata(name: name, versions: versions, featureCount: model.featureCount, task: model.inferenceTask)
    }
}
