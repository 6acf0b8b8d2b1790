/// What an infer request asks of the response's outputs: which come back as binary data
/// (Triton's binary tensor data extension).
///
/// The request's `parameters.binary_data_output` sets the default for every output, and an
/// entry of its `outputs` array with `parameters.binary_data` overrides it for that output.
public struct RequestedOutputs: Sendable, Equatable {
    /// `parameters.binary_data_output` of the request.
    public var binaryByDefault: Bool
    /// `binary_data` of the outputs the request names, by name.
    public var binaryByName: [String: Bool]

    /// Creates a request for outputs; by default every output is JSON.
    public init(binaryByDefault: Bool = false, binaryByName: [String: Bool] = [:]) {
        self.binaryByDefault = binaryByDefault
        self.binaryByName = binaryByName
    }

    /// Whether the output named `name` is returned as binary data.
    public func isBinary(_ name: String) -> Bool {
        binaryByName[name] ?? binaryByDefault
    }
}
