import Foundation
import NIOCore
import TurnoutCore
import TurnoutStore

extension Observation {
    /// The decision-log record of one finished request, as the data plane hands it to the
    /// decision log's writer; its decision is dated `duration` before now, when it was taken.
    package init(
        requestID: String,
        model: String,
        version: String,
        decision: Decision,
        unitHash: Int64?,
        status: Int,
        errorKind: String?,
        duration: TimeAmount,
        payload: PayloadSample?
    ) {
        let micros = duration.nanoseconds / 1_000
        let decided = DecisionRecord(
            requestID: requestID,
            time: Date(timeIntervalSinceNow: -Double(micros) / 1_000_000),
            model: model,
            version: version,
            unitHash: unitHash,
            reason: decision.reason.rawValue,
            probability: decision.probability
        )
        let outcome = OutcomeRecord(requestID: requestID, status: status, latencyMicros: micros, errorKind: errorKind)
        self.init(decision: decided, outcome: outcome, payload: payload)
    }
}
