import Foundation

/// The routing decision made for one request, as logged for analysis and feedback joins.
package struct DecisionRecord: Sendable, Equatable {
    /// The request id (`x-request-id`).
    package var requestID: String
    /// When the decision was made.
    package var time: Date
    /// The model the request addressed.
    package var model: String
    /// The version that answered.
    package var version: String
    /// A hash of the unit key (see ``UnitKeyHash``), so units can be counted without storing who they are;
    /// `nil` when the request had no unit key.
    package var unitHash: Int64?
    /// Why the version was chosen (a `Decision.Reason` raw value, or a policy name).
    package var reason: String
    /// The probability with which the policy chose this version (the propensity), in 0...1.
    package var probability: Double

    /// Creates a decision record.
    package init(
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
