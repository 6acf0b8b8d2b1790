import TurnoutFlags

/// What a routing policy may look at when it decides: the model and the request's unit key.
///
/// Kept small on purpose: the data plane builds one per request, and only fills in what the
/// model's configuration says a policy reads.
public struct RoutingRequest: Sendable {
    /// The stickiness key (user, session, device), if the request carries one.
    public var unitKey: String?
    /// Request headers (lower-case names, string values) and Open Inference Protocol parameters
    /// (strings, numbers and booleans), filled in only for policies that ask for them
    /// (``RoutingPolicy/needsAttributes``).
    ///
    /// Held as the flag evaluator's `JSONValue`, so a flag release hands them to its evaluation
    /// context as they are instead of converting every value on every request.
    public var attributes: [String: JSONValue]

    /// Creates a routing request.
    public init(unitKey: String? = nil, attributes: [String: JSONValue] = [:]) {
        self.unitKey = unitKey
        self.attributes = attributes
    }

    /// The request as flag evaluation sees it: the unit key is the targeting key, the attributes
    /// are the context's attributes.
    var evaluationContext: EvaluationContext {
        EvaluationContext(targetingKey: unitKey, attributes: attributes)
    }
}
