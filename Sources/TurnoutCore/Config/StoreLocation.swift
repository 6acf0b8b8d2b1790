/// Where the gateway keeps its durable state, as named by the `store` key.
public enum StoreLocation: Sendable, Equatable {
    /// Nothing is stored: no decision log, no feedback, releases live in memory only.
    case none
    /// An SQLite file.
    case sqlite(path: String)
    /// A PostgreSQL database shared by several gateways.
    case postgres(url: String)

    /// Reads `none`, `sqlite:PATH` or a `postgres://` URL; `nil` for anything else.
    public init?(parsing text: String) {
        if text == "none" {
            self = .none
        } else if text.hasPrefix("sqlite:"), text.count > "sqlite:".count {
            self = .sqlite(path: String(text.dropFirst("sqlite:".count)))
        } else if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(url: text)
        } else {
            return nil
        }
    }
}
