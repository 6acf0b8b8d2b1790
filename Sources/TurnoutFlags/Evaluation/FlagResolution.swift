/// The outcome of evaluating one flag.
///
/// `value` is `nil` whenever the caller's own default applies: the flag is disabled, no
/// variant was chosen and there is no default variant, or evaluation failed.
public struct FlagResolution: Sendable, Equatable {
    /// The evaluated flag's key.
    public var flagKey: String
    /// The variant's value, or `nil` for "use your default".
    public var value: JSONValue?
    /// The chosen variant's name.
    public var variant: String?
    /// Why this result.
    public var reason: ResolutionReason
    /// Set exactly when `reason` is `.error`.
    public var errorCode: ResolutionErrorCode?
    /// A human-readable explanation of the error.
    public var errorMessage: String?
    /// Flag-set metadata overlaid with the flag's metadata.
    public var metadata: [String: JSONValue]

    /// Creates a result.
    public init(
        flagKey: String, value: JSONValue?, variant: String?, reason: ResolutionReason,
        errorCode: ResolutionErrorCode? = nil, errorMessage: String? = nil, metadata: [String: JSONValue] = [:]
    ) {
        self.flagKey = flagKey
        self.value = value
        self.variant = variant
        self.reason = reason
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.metadata = metadata
    }

    /// A failed resolution.
    static func failure(
        _ flagKey: String, _ code: ResolutionErrorCode, _ message: String, metadata: [String: JSONValue] = [:]
    ) -> FlagResolution {
        FlagResolution(
            flagKey: flagKey, value: nil, variant: nil, reason: .error, errorCode: code,
            errorMessage: message, metadata: metadata)
    }

    /// The result as a JSON object (`key`, `value`, `variant`, `reason`, `errorCode`,
    /// `errorMessage`, `metadata`), leaving out what is absent.
    public var json: JSONValue {
        var object: [String: JSONValue] = ["key": .string(flagKey), "reason": .string(reason.rawValue)]
        if let value { object["value"] = value }
        if let variant { object["variant"] = .string(variant) }
        if let errorCode { object["errorCode"] = .string(errorCode.rawValue) }
        if let errorMessage { object["errorMessage"] = .string(errorMessage) }
        object["metadata"] = .object(metadata)
        return .object(object)
    }
}

extension FlagResolution: Encodable {
    /// Encodes the same shape as `json`.
    public func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
    }
}
