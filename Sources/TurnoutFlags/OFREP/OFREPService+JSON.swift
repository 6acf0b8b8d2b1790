/// The protocol's JSON shapes for evaluation results.
extension OFREPService {
    /// `evaluationSuccess`: key, reason and metadata, plus value and variant when the flag chose one.
    static func successJSON(_ resolution: FlagResolution) -> JSONValue {
        var object: [String: JSONValue] = [
            "key": .string(resolution.flagKey),
            "reason": .string(resolution.reason.rawValue),
            "metadata": .object(resolution.metadata),
        ]
        if let value = resolution.value { object["value"] = value }
        if let variant = resolution.variant { object["variant"] = .string(variant) }
        return .object(object)
    }

    /// `evaluationFailure` / `flagNotFound`: key, error code and details.
    static func failureJSON(key: String, code: OFREPErrorCode, details: String) -> JSONValue {
        .object(["key": .string(key), "errorCode": .string(code.rawValue), "errorDetails": .string(details)])
    }

    /// One entry of a bulk response: a success or a failure.
    static func entryJSON(_ resolution: FlagResolution) -> JSONValue {
        guard let errorCode = resolution.errorCode else { return successJSON(resolution) }
        return failureJSON(key: resolution.flagKey, code: OFREPErrorCode(errorCode), details: details(of: resolution))
    }

    /// The evaluator's message, or a generic one naming the flag.
    static func details(of resolution: FlagResolution) -> String {
        resolution.errorMessage ?? "flag \"\(resolution.flagKey)\" could not be evaluated"
    }
}
