import Foundation

extension ObservationBatch {
    /// Refuses a batch before writing when an observation's parts name different requests.
    package func validate() throws {
        for observation in observations {
            let requestID = observation.decision.requestID
            if observation.outcome.requestID != requestID {
                throw StoreError.invalidObservation(requestID: requestID, reason: "outcome is for request \(observation.outcome.requestID)")
            }
            if let payload = observation.payload, payload.requestID != requestID {
                throw StoreError.invalidObservation(requestID: requestID, reason: "payload sample is for request \(payload.requestID)")
            }
        }
    }

    /// The batch summed per model, version and `intervalSeconds`-long interval: one upsert per
    /// group instead of one per request. Groups come in a fixed order (model, version, interval),
    /// so concurrent writers upsert shared rows in the same order and cannot deadlock.
    package func aggregateIncrements(intervalSeconds: Int64) -> [IntervalAggregate] {
        struct Key: Hashable { var model: String, version: String, start: Int64 }
        var sums: [Key: AggregateCounts] = [:]
        for observation in observations {
            let decision = observation.decision
            let key = Key(
                model: decision.model,
                version: decision.version,
                start: StoreTime.intervalStart(of: decision.time, seconds: intervalSeconds)
            )
            sums[key, default: AggregateCounts()].record(observation.outcome)
        }
        return sums.keys
            .sorted { ($0.model, $0.version, $0.start) < ($1.model, $1.version, $1.start) }
            .map { key in
                IntervalAggregate(
                    model: key.model,
                    version: key.version,
                    intervalStart: Date(timeIntervalSince1970: Double(key.start)),
                    counts: sums[key] ?? AggregateCounts()
                )
            }
    }
}
