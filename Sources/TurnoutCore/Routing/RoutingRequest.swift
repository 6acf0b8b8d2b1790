/// What a routing policy may look at when it decides: the model and the request's unit key.
///
/// Kept small on purpose: the data plane builds one per request, and only fills in what the
/// model's configuration says a policy reads.
public struct RoutingRequest: Sendable {
    /// The stickiness key (user, session, device), if the request carries one.
    public var unitKey: String?

    /// Creates a routing request.
    public init(unitKey: String? = nil) {
        self.unitKey = unitKey
    }
}
