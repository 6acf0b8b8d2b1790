extension ShadowSpec {
    /// Whether the request with this id is mirrored: decided by a hash of the id, so a replay
    /// with the same `x-request-id` decides the same.
    public func mirrors(requestID: String) -> Bool {
        guard sample < 100 else { return true }
        guard sample > 0 else { return false }
        return Double(StickyBucket.bucket(salt: "shadow", key: requestID)) < sample * Double(StickyBucket.count) / 100
    }

    /// The release after `version`, one of the shadows, becomes the primary: the old primary
    /// joins the shadows when `keepShadow`, and a release left without shadows is a single one.
    public func promoting(_ version: String, keepShadow: Bool) -> ReleaseSpec {
        var next = self
        next.primary = version
        next.shadows = shadows.filter { $0 != version }
        if keepShadow { next.shadows.insert(primary, at: 0) }
        return next.shadows.isEmpty ? .single(version: version) : .shadow(next)
    }
}
