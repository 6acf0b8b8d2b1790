/// Where the stickiness key of a request (the "unit": a user, a session, a device) comes from.
public enum UnitKeySource: Sendable, Hashable {
    /// No unit: every request is assigned on its own.
    case none
    /// A request header, such as `x-user-id`.
    case header(String)
    /// A URL query item, such as `user` in `?user=42`.
    case query(String)
    /// A top-level Open Inference Protocol request parameter, such as `parameters.user_id`.
    /// Reading it means the request body is parsed before routing.
    case parameter(String)
}
