/// What a routing policy may look at when it decides: the model and the request's unit key.
///
/// Kept small on purpose: the data plane builds one per request, and only fills in what the
/// model's configuration says a policy reads.
public struct RoutingRequest: Sendable {
    /// The stickiness key (user, session, device), if the request carries one.
    public var unitKey: String?
    /// Request headers (lower-case names) and Open Inference Protocol parameters, filled in only
    /// for policies that ask for them (``RoutingPolicy/needsAttributes``).
    public var attributes: [String: AttributeValue]

    /// Creates a routing request.
    public init(unitKey: String? = nil, attributes: [String: AttributeValue] = [:]) {
        self.unitKey = unitKey
        self.attributes = attributes
    }

    /// A header or parameter value.
    public enum AttributeValue: Sendable, Equatable {
        case string(String)
        case number(Double)
        case bool(Bool)
    }
}
