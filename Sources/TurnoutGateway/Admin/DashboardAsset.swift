import TurnoutFlags

/// One file of the dashboard, held in the binary: its text, content type and a validator.
struct DashboardAsset: Sendable {
    /// The file's contents.
    let text: String
    /// Its `Content-Type`.
    let contentType: String
    /// A strong `ETag` of the contents, the same for every run of one build.
    let etag: String

    /// Wraps `text` with its content type.
    init(_ text: String, contentType: String) {
        self.text = text
        self.contentType = contentType
        etag = EntityTag.strong(for: Array(text.utf8))
    }
}
