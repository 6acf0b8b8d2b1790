/// At most `limit` holders of each key at a time, the others waiting in turn (with a limit of 1,
/// a lock that can be held across suspensions, which an actor alone is not).
actor KeyedSlots {
    private var inFlight: [String: Int] = [:]
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

    /// Takes a slot, waiting for one if needed; false, at once, when `backlog` jobs of the
    /// model already wait.
    func acquire(_ model: String, limit: Int, backlog: Int) async -> Bool {
        if inFlight[model, default: 0] < limit {
            inFlight[model, default: 0] += 1
            return true
        }
        guard waiting[model, default: []].count < backlog else { return false }
        await withCheckedContinuation { waiting[model, default: []].append($0) }
        return true
    }

    /// Frees a slot, handing it straight to the next waiter of the same model if there is one.
    func release(_ model: String) {
        if var queue = waiting[model], !queue.isEmpty {
            let next = queue.removeFirst()
            waiting[model] = queue
            next.resume()
        } else {
            inFlight[model, default: 1] -= 1
        }
    }
}
