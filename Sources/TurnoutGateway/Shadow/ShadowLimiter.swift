/// Caps the shadow calls of each model in flight; the mirror waits for a free slot, and while it
/// waits its bounded queue fills and further jobs are dropped, never the primary path slowed.
actor ShadowLimiter {
    private var inFlight: [String: Int] = [:]
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

    func acquire(_ model: String, limit: Int) async {
        if inFlight[model, default: 0] < limit {
            inFlight[model, default: 0] += 1
            return
        }
        await withCheckedContinuation { waiting[model, default: []].append($0) }
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
