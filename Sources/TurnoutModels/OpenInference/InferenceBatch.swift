/// A decoded inference request: rows of features ready for a model.
public struct InferenceBatch: Sendable, Equatable {
    /// The request's `id`, echoed in the response.
    public var id: String?
    /// The input tensor's name (V2), or `instances` (V1).
    public var inputName: String
    /// The number of rows.
    public var rowCount: Int
    /// The number of features per row.
    public var featureCount: Int
    /// `rowCount * featureCount` values, row-major; NaN marks a missing value.
    public var features: [Float]
    /// The request's top-level `parameters` (V2), empty for V1.
    public var parameters: [String: InferenceParameter]
    /// Which outputs the request wants back as binary data (V2); all JSON for V1.
    public var requestedOutputs = RequestedOutputs()

    /// Creates a batch.
    public init(
        id: String? = nil, inputName: String, rowCount: Int, featureCount: Int, features: [Float],
        parameters: [String: InferenceParameter] = [:]
    ) {
        precondition(features.count == rowCount * featureCount, "features must hold rowCount * featureCount values")
        self.id = id
        self.inputName = inputName
        self.rowCount = rowCount
        self.featureCount = featureCount
        self.features = features
        self.parameters = parameters
    }
}
