/// The requests the data plane held for `to` during a recreate's gap, as the gateway counted them.
package struct RecreateTraffic: Sendable, Equatable, Codable {
    /// Requests that waited and were answered once `to` was ready.
    package var held: Int
    /// Requests that waited `hold` and were refused with 503.
    package var refused: Int

    /// Counts as they are.
    package init(held: Int, refused: Int) {
        self.held = held
        self.refused = refused
    }
}
