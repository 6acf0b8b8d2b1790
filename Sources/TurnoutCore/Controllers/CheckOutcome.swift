/// The result of one release check (error rate, latency, reward, smoke, pre-promotion).
///
/// Encoded as `{"outcome": "pass"}`, `{"outcome": "fail", "reason": "..."}` or
/// `{"outcome": "inconclusive", "reason": "..."}`.
public enum CheckOutcome: Sendable, Equatable, Hashable {
    /// The check passed.
    case pass
    /// The check failed; `reason` names what was measured against what was allowed.
    case fail(reason: String)
    /// The check cannot decide yet, usually because of too little data; `reason` says why.
    case inconclusive(reason: String)

    /// The outcome's name: `pass`, `fail` or `inconclusive`.
    public var name: String {
        switch self {
        case .pass: "pass"
        case .fail: "fail"
        case .inconclusive: "inconclusive"
        }
    }

    /// Why the check failed or could not decide; `nil` for a pass.
    public var reason: String? {
        switch self {
        case .pass: nil
        case .fail(let reason), .inconclusive(let reason): reason
        }
    }

    /// Whether the check passed.
    public var isPass: Bool { self == .pass }

    /// Whether the check failed.
    public var isFail: Bool {
        if case .fail = self { return true }
        return false
    }
}
