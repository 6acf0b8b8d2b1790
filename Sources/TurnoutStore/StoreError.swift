/// Failures a ``Store`` reports in terms of the domain rather than the database.
package enum StoreError: Error, Sendable, Equatable {
    /// A release was saved against a revision that is no longer the stored one.
    ///
    /// `actual` is 0 when the model has no stored release.
    case revisionConflict(model: String, expected: Int64, actual: Int64)
    /// An observation was refused before anything was written, e.g. its outcome names another request.
    case invalidObservation(requestID: String, reason: String)
}
