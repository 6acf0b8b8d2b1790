/// A value in an Open Inference Protocol `parameters` object.
public enum InferenceParameter: Sendable, Equatable {
    /// A string value.
    case string(String)
    /// A number value.
    case number(Double)
    /// A boolean value.
    case bool(Bool)
    /// JSON null.
    case null
    /// An array or object, kept as compact JSON text (the protocol only defines scalars).
    case json(String)
}
