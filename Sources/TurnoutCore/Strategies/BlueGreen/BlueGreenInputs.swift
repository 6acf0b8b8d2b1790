/// What the gateway observed for a blue-green release since the last tick; every field is
/// `nil` when that check did not run.
public struct BlueGreenInputs: Sendable, Equatable {
    /// The smoke tests against the preview, summed up: a pass when every test answered as
    /// expected, a failure naming the first that did not, inconclusive when they could not run
    /// (the preview not ready yet).
    public var smoke: CheckOutcome?
    /// The pre-promotion analysis on mirrored traffic (inconclusive below `min_pairs`).
    public var prePromotion: CheckOutcome?
    /// The post-promotion checks, with the canary's analysis settings.
    public var postPromotion: [NamedCheck]?

    /// Creates inputs.
    public init(smoke: CheckOutcome? = nil, prePromotion: CheckOutcome? = nil, postPromotion: [NamedCheck]? = nil) {
        self.smoke = smoke
        self.prePromotion = prePromotion
        self.postPromotion = postPromotion
    }
}
