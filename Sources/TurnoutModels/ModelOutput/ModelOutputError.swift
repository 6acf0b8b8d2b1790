/// Why a model's response body could not be read as a ``ModelOutput``.
public struct ModelOutputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The category of problem, for callers and tests that branch on it.
    public enum Kind: String, Sendable, Equatable {
        /// The body is not JSON, or not a JSON object.
        case malformedJSON
        /// There is no non-empty `outputs` array (V2).
        case missingOutputs
        /// There is no `predictions` array (V1).
        case missingPredictions
        /// No output has the requested name.
        case outputNotFound
        /// A required member of an output (`name`, `datatype`, `shape`, `data`) is missing or mistyped.
        case missingField
        /// The datatype is not one of the Open Inference Protocol's tensor datatypes.
        case unsupportedDatatype
        /// A shape has a negative or non-integer dimension.
        case wrongShape
        /// The number of values in `data` differs from what the shape declares.
        case dataCountMismatch
        /// A value does not fit the datatype (a string in an FP32 tensor, a fraction in INT64 ...).
        case invalidValue
        /// V1 predictions mix kinds of values, or rows of different lengths.
        case inconsistentPredictions
        /// The label output and the prediction output have different numbers of rows.
        case inconsistentRows
    }

    /// The category of problem.
    public let kind: Kind
    /// The output's name (V2), when one is involved.
    public let output: String?
    /// A sentence naming the output and the problem.
    public let message: String

    /// Creates an error; the message is prefixed with the output's name when there is one.
    public init(_ kind: Kind, output: String? = nil, _ problem: String) {
        self.kind = kind
        self.output = output
        self.message = output.map { "output '\($0)': \(problem)" } ?? problem
    }

    /// The message.
    public var description: String { message }
}
