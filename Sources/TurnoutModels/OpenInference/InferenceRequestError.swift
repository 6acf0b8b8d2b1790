/// Why an inference request body could not be turned into model input.
///
/// `message` names the input tensor (or V1 instance) and the problem, ready for the gateway to
/// return as HTTP 400 `{"error": message}`.
public struct InferenceRequestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The category of problem, for callers and tests that branch on it.
    public enum Kind: String, Sendable, Equatable {
        /// The body is not JSON, or not a JSON object.
        case malformedJSON
        /// There is no `inputs` (V2) or `instances` (V1) member, or it is empty.
        case missingInputs
        /// More than one input tensor; the model takes all features as one tensor.
        case tooManyInputs
        /// A required member of an input (`shape`, `datatype`, `data`) is missing or mistyped.
        case missingField
        /// The datatype is not one of FP32, FP64, INT32, INT64, BOOL.
        case unsupportedDatatype
        /// The shape is not `[N, F]` or `[F]`, or has negative dimensions.
        case wrongShape
        /// The number of features per row differs from the model's.
        case wrongFeatureCount
        /// The number of values in `data` differs from what the shape declares.
        case dataCountMismatch
        /// A value is not a finite number, or not of the declared datatype.
        case nonNumericValue
        /// `parameters` has more members than the caller allows.
        case tooManyParameters
    }

    /// The category of problem.
    public let kind: Kind
    /// The input tensor's name (V2) or the instance's position (V1), when one is involved.
    public let input: String?
    /// A sentence naming the input and the problem.
    public let message: String

    /// Creates an error; the message is prefixed with the input's name when there is one.
    public init(_ kind: Kind, input: String? = nil, _ problem: String) {
        self.kind = kind
        self.input = input
        self.message = input.map { "input '\($0)': \(problem)" } ?? problem
    }

    /// The message.
    public var description: String { message }
}
