/// A JSON document that could not be read, with the byte offset where reading stopped.
struct JSONSyntaxError: Error, Sendable, CustomStringConvertible {
    /// What was wrong, in words.
    let reason: String
    /// The byte offset in the document where the problem was found.
    let offset: Int

    var description: String { "\(reason) at byte \(offset)" }
}
