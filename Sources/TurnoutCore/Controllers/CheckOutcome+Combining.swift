extension CheckOutcome {
    /// Several checks as one outcome, as an analysis sums them up (``AnalysisVerdict``): a
    /// failure if any fails, a pass if all pass, inconclusive otherwise; the reason names the
    /// checks that decided it.
    public init(combining checks: [NamedCheck]) {
        switch AnalysisVerdict(checks) {
        case .pass: self = .pass
        case .fail(let summary): self = .fail(reason: summary)
        case .inconclusive(let summary): self = .inconclusive(reason: summary)
        }
    }
}
