/// An encoded infer response: the body, and where its JSON header ends when outputs follow it
/// as binary data.
public struct InferenceResponseBody: Sendable, Equatable {
    /// The whole body.
    public var bytes: [UInt8]
    /// The length of the JSON header, for the `Inference-Header-Content-Length` response header;
    /// nil when the body is JSON only.
    public var headerLength: Int?

    /// Creates a response body.
    public init(bytes: [UInt8], headerLength: Int? = nil) {
        self.bytes = bytes
        self.headerLength = headerLength
    }
}
