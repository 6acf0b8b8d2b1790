/// The Open Inference Protocol tensor datatypes a model input may use.
public enum TensorDatatype: String, Sendable, CaseIterable {
    /// 32-bit floats; values are read straight to `Float`.
    case fp32 = "FP32"
    /// 64-bit floats; values are read as `Double` and then narrowed, as XGBoost narrows float64 input.
    case fp64 = "FP64"
    /// 32-bit integers.
    case int32 = "INT32"
    /// 64-bit integers.
    case int64 = "INT64"
    /// Booleans, written as JSON `true` and `false`; they become 1 and 0.
    case bool = "BOOL"

    static let supportedList = allCases.map(\.rawValue).joined(separator: ", ")
}
