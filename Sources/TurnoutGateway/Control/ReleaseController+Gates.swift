import AsyncHTTPClient
import NIOCore
import TurnoutCore

extension ReleaseController {
    /// The largest answer read from a gate (it is discarded).
    static let maxGateAnswerBytes = 64 << 10

    /// Whether the controller's `command` for the release at `revision` may be applied: `true`
    /// when no gate guards it (``GateSpec/gate(for:in:)``) or its URL answered 200 now. A gate
    /// that holds is recorded for the admin API, and announced (`gate_waiting`) when it starts
    /// holding; the controller decides the command again at its next interval, which asks again.
    func gateOpens(for command: LifecycleCommand, model: String, revision: Int) async -> Bool {
        guard let state = releases[model]?.state, state.revision == revision,
            let gates = publisher.config.model(named: model)?.gates,
            let point = gates.gate(for: command, in: state)
        else { return true }
        let url = gates.url(of: point)
        let answer: String
        if let url {
            guard let refusal = await askGate(url, point: point, state: state, timeout: gates.timeout) else {
                gateHolds[model] = nil
                logger.info("release of \(model): gate \(point.rawValue) answered 200, proceeding")
                return true
            }
            answer = refusal
        } else {
            answer = "waiting for turnout promote \(model)"
        }
        // The actor re-entered while the gate was asked: a changed release is decided afresh.
        guard releases[model]?.state.revision == revision else { return false }
        let status = GateStatus.holding(point, url: url, answer: answer, revision: revision, now: now, previous: gateHolds[model])
        gateHolds[model] = status
        if status.attempts == 1 {
            logger.info("release of \(model): gate \(point.rawValue) holds it: \(answer)")
            announceGate(status, state: state)
        }
        return false
    }

    /// The gate holding `model`'s release now, else an `after_rollback` not told yet.
    func gateStatus(of model: String) -> GateStatus? {
        if let hold = gateHolds[model], hold.revision == releases[model]?.state.revision { return hold }
        return rollbackReceipts[model]
    }

    /// Remembers to tell the model's `after_rollback` gate about an abort or rollback; the next
    /// tick tells it, so the command's caller does not wait for the gate.
    func noteRollback(_ transition: ReleaseTransition) {
        let action = transition.event.action
        guard action == LifecycleAction.abort.rawValue || action == LifecycleAction.rollback.rawValue,
            let url = publisher.config.model(named: transition.state.model)?.gates.afterRollback
        else { return }
        rollbackReceipts[transition.state.model] = GateStatus(
            gate: .afterRollback, url: url, answer: "not asked yet", since: transition.event.time, askedAt: -.infinity, attempts: 0,
            revision: transition.state.revision
        )
    }

    /// Tells every `after_rollback` gate not told yet whose interval has passed; one that
    /// answers 200 is done.
    func tellRollbackGates() async {
        for (model, receipt) in rollbackReceipts.sorted(by: { $0.key < $1.key }) {
            guard let gates = publisher.config.model(named: model)?.gates, let url = receipt.url, let state = releases[model]?.state else {
                rollbackReceipts[model] = nil
                continue
            }
            guard now - receipt.askedAt >= gates.interval else { continue }
            // Marked as asked before the call, so a tick that runs meanwhile does not ask too.
            var next = receipt
            next.askedAt = now
            next.attempts += 1
            rollbackReceipts[model] = next
            let refusal = await askGate(url, point: .afterRollback, state: state, timeout: gates.timeout)
            // A newer abort or rollback replaced this one meanwhile: it is told on its own.
            guard rollbackReceipts[model]?.since == receipt.since else { continue }
            guard let refusal else {
                rollbackReceipts[model] = nil
                continue
            }
            next.answer = refusal
            rollbackReceipts[model] = next
        }
    }

    /// Holds a release that has just started behind its model's `before_start` gate: until the
    /// gate answers 200 it routes all traffic to its stable version (the version traffic had
    /// before, for a release that replaces another) and its controller waits.
    func holdAtStart(_ state: ReleaseState) {
        guard state.phase == .progressing, let url = publisher.config.model(named: state.model)?.gates.beforeStart else { return }
        startHolds[state.model] = state.revision
        gateHolds[state.model] = GateStatus(
            gate: .beforeStart, url: url, answer: "not asked yet", since: now, askedAt: -.infinity, attempts: 0, revision: state.revision
        )
    }

    /// Whether `model`'s release still waits for its `before_start` gate. Any change of the
    /// release (an operator's promote, abort or a new release) ends the wait.
    func awaitsStart(_ model: String) -> Bool {
        guard let revision = startHolds[model], let state = releases[model]?.state else { return false }
        return state.revision == revision && state.phase == .progressing
    }

    /// Asks every `before_start` gate whose interval has passed; one that answers 200 lets its
    /// release take traffic from now on, its controller starting afresh.
    func askStartGates() async {
        for (model, revision) in startHolds.sorted(by: { $0.key < $1.key }) {
            guard awaitsStart(model), let gates = publisher.config.model(named: model)?.gates, let url = gates.beforeStart,
                let state = releases[model]?.state
            else {
                startHolds[model] = nil
                continue
            }
            let previous = gateHolds[model]
            guard !startGateCalls.contains(model), now - (previous?.askedAt ?? -.infinity) >= gates.interval else { continue }
            startGateCalls.insert(model)
            let refusal = await askGate(url, point: .beforeStart, state: state, timeout: gates.timeout)
            startGateCalls.remove(model)
            // The release changed while the gate was asked: the new one is held (or not) on its own.
            guard startHolds[model] == revision, awaitsStart(model) else { continue }
            guard let refusal else {
                await openStart(of: model, revision: revision)
                continue
            }
            let status = GateStatus.holding(.beforeStart, url: url, answer: refusal, revision: revision, now: now, previous: previous)
            gateHolds[model] = status
            if status.attempts == 1 {
                logger.info("release of \(model): gate before_start holds it: \(refusal)")
                announceGate(status, state: state)
            }
        }
    }

    /// Lets a release held at its start take traffic, its controller's timers and windows
    /// starting now, and stores that it did (a new revision, action `start_gate_opened`): the
    /// other replicas, which hold it too, route it from the stored release, and a restart does
    /// not hold it again. A release whose change cannot be stored stays held, and the gate is
    /// asked again at its next interval.
    private func openStart(of model: String, revision: Int) async {
        guard var managed = releases[model],
            let transition = ReleaseLifecycle.openStartGate(managed.state, actor: "controller", now: now, reason: "gate before_start answered 200")
        else { return }
        managed.state = transition.state
        managed.startedAt = now
        managed.startGateOpenedAt = now
        do {
            try await commit(transition, managed: managed, expected: revision)
        } catch {
            logger.error("release of \(model): the gate before_start opened, but the release could not be stored, so it stays held: \(error)")
            return
        }
        startHolds[model] = nil
        gateHolds[model] = nil
        controllerProgress[model] = nil
    }

    /// POSTs the release's description to a gate: `nil` when it answered 200, else why not.
    private func askGate(_ url: String, point: GatePoint, state: ReleaseState, timeout: Double) async -> String? {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: "user-agent", value: "turnout/\(Gateway.version)")
        request.body = .bytes(ByteBuffer(bytes: gateNotice(point, state: state).body(.json)))
        switch await HookCall(client: .shared).exchange(request, timeout: timeout, maxBytes: Self.maxGateAnswerBytes) {
        case .success(let answer) where answer.status == 200: return nil
        case .success(let answer): return "HTTP \(answer.status)"
        case .failure(let failure): return failure.reason
        }
    }

    /// The release as a gate and a `gate_waiting` notification describe it.
    private func gateNotice(_ point: GatePoint, state: ReleaseState) -> ReleaseNotice {
        ReleaseNotice(
            .gateWaiting, state: state, time: now, actor: "controller", reason: state.reason,
            checks: noticeChecks(rolloutAnalyses[state.model]?.checks ?? []), gate: point.rawValue
        )
    }

    private func announceGate(_ status: GateStatus, state: ReleaseState) {
        guard let notifier, let receivers = receivers(of: state.model) else { return }
        var notice = gateNotice(status.gate, state: state)
        notice.reason = "gate \(status.gate.rawValue) holds the release: \(status.answer)"
        notifier.send(notice, to: receivers)
    }
}
