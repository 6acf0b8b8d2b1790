/// The attributes a flag is evaluated against: a targeting key and arbitrary JSON attributes.
public struct EvaluationContext: Sendable, Equatable {
    /// The subject of the evaluation (user, session, unit key); the default `fractional` key.
    public var targetingKey: String?
    /// Any other attributes, visible to targeting rules through `var`.
    public var attributes: [String: JSONValue]

    /// Creates a context.
    public init(targetingKey: String? = nil, attributes: [String: JSONValue] = [:]) {
        self.targetingKey = targetingKey
        self.attributes = attributes
    }

    /// Reads an OpenFeature-style context object: `targetingKey` (a string) plus attributes.
    public init(json: JSONValue) throws(EvaluationContextError) {
        guard case .object(var members) = json else {
            throw EvaluationContextError(message: "the context must be a JSON object, got \(json.kindName)")
        }
        let key = members.removeValue(forKey: "targetingKey")
        switch key {
        case nil, .null?:
            targetingKey = nil
        case .string(let text)?:
            targetingKey = text
        case let other?:
            throw EvaluationContextError(message: "targetingKey must be a string, got \(other.kindName)")
        }
        attributes = members
    }

    /// The data a targeting rule sees: the attributes, `targetingKey` (null when absent) and
    /// `$flagd` with `flagKey` and `timestamp` (whole unix seconds), which override attributes
    /// of the same names as in flagd.
    public func targetingData(flagKey: String, timestamp: Int64) -> JSONValue {
        var data = attributes
        data["$flagd"] = .object(["flagKey": .string(flagKey), "timestamp": .number(Double(timestamp))])
        data["targetingKey"] = targetingKey.map(JSONValue.string) ?? .null
        return .object(data)
    }
}

/// An evaluation context that cannot be used.
public struct EvaluationContextError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with it.
    public var message: String

    /// Creates the error.
    public init(message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
