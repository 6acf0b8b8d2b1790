import TurnoutStats

/// Routing of a blue-green release before its switch: the active version answers, a request
/// with `x-turnout-preview: 1` goes to the preview, and with a pre-promotion mirror the preview
/// is named as a shadow (the data plane samples which requests it gets).
public struct BlueGreenPolicy: RoutingPolicy {
    /// The header that sends a request to the preview.
    public static let previewHeader = "x-turnout-preview"

    /// The release.
    public let spec: BlueGreenSpec

    /// Creates the policy.
    public init(spec: BlueGreenSpec) {
        self.spec = spec
    }

    public func decide(_ request: RoutingRequest, random: inout SeededGenerator) -> Decision {
        if case .string("1")? = request.attributes[Self.previewHeader] {
            return Decision(primary: spec.preview, reason: .preview, probability: 1)
        }
        let shadows = spec.prePromotion.map { $0.mirror > 0 ? [spec.preview] : [] } ?? []
        return Decision(primary: spec.active, shadows: shadows, reason: .single, probability: 1)
    }

    public var weights: [VersionWeight] { [VersionWeight(version: spec.active, weight: 100), VersionWeight(version: spec.preview, weight: 0)] }

    /// The preview header is read from the request's attributes.
    public var needsAttributes: Bool { true }

    /// Headers are enough: the body is never read for this decision.
    public var needsBodyAttributes: Bool { false }
}
