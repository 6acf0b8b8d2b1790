/// One HTTP response header field of an OFREP response.
public struct OFREPHeader: Sendable, Hashable {
    /// The field name, spelled as it should be sent (`Content-Type`, `ETag`).
    public var name: String
    /// The field value.
    public var value: String

    /// Creates a header field.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
