import Foundation

/// The routing decision made for one request, as logged for analysis and feedback joins.
public struct DecisionRecord: Sendable, Equatable {
    /// The request id (`x-request-id`).
    public var requestID: String
    /// When the decision was made.
    public var time: Date
    /// The model the request addressed.
    public var model: String
    /// The version that answered.
    public var version: String
    /// A hash of the unit key (see ``UnitKeyHash``), so units can be counted without storing who they are;
    /// `nil` when the request had no unit key.
    public var unitHash: Int64?
    /// Why the version was chosen (a `Decision.Reason` raw value, or a policy name).
    public var reason: String
    /// The probability with which the policy chose this version (the propensity), in 0...1.
    public var probability: Double

    /// Creates a decision record.
    public init(
        requestID: String,
        time: Date,
        model: String,
        version: String,
        unitHash: Int64? = nil,
        reason: String,
        probability: Double
    ) {
        self.requestID = requestID
        self.time = time
        self.model = model
        self.version = version
        self.unitHash = unitHash
        self.reason = reason
        self.probability = probability
    }
}
