/// One flag of a flagd flag set.
public struct Flag: Sendable, Equatable {
    /// The flag's key in the set.
    public var key: String
    /// Enabled or disabled.
    public var state: FlagState
    /// The named values the flag can take.
    public var variants: [String: JSONValue]
    /// The variant served when targeting does not pick one; `nil` means the caller's default.
    public var defaultVariant: String?
    /// The JsonLogic rule choosing a variant, with every `$ref` already substituted;
    /// `nil` when the flag has no (or an empty) targeting rule.
    public var targeting: JSONValue?
    /// The flag's own metadata (strings, numbers, booleans).
    public var metadata: [String: JSONValue]

    /// Creates a flag.
    public init(
        key: String,
        state: FlagState = .enabled,
        variants: [String: JSONValue],
        defaultVariant: String?,
        targeting: JSONValue? = nil,
        metadata: [String: JSONValue] = [:]
    ) {
        self.key = key
        self.state = state
        self.variants = variants
        self.defaultVariant = defaultVariant
        self.targeting = targeting
        self.metadata = metadata
    }

    /// The type shared by all variants, or `nil` when they are mixed or there are none.
    public var valueType: FlagValueType? {
        let types = Set(variants.values.map { FlagValueType(of: $0) })
        guard types.count == 1, let only = types.first else { return nil }
        return only
    }
}
