import Foundation

/// A text with `{{variable}}` placeholders (see ``MetricCheckContext``), read once so that an
/// unknown variable is a configuration error rather than a query with braces in it.
public struct MetricTemplate: Sendable, Equatable {
    /// The text as written.
    public var source: String
    private var pieces: [Piece]

    private enum Piece: Sendable, Equatable {
        case text(String)
        case variable(String)
    }

    /// Why a template could not be read.
    public struct SyntaxError: Error, Sendable, Equatable {
        /// What is wrong, in words.
        public var message: String
    }

    /// Reads a template; `{{ version }}` may have spaces inside the braces.
    public init(parsing source: String) throws(SyntaxError) {
        self.source = source
        pieces = []
        var rest = Substring(source)
        while let open = rest.range(of: "{{") {
            if open.lowerBound > rest.startIndex { pieces.append(.text(String(rest[..<open.lowerBound]))) }
            guard let close = rest[open.upperBound...].range(of: "}}") else { throw SyntaxError(message: "{{ without }}") }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            guard MetricCheckContext.variables.contains(name) else {
                throw SyntaxError(message: "unknown variable {{\(name)}} (variables: \(MetricCheckContext.variables.joined(separator: ", ")))")
            }
            pieces.append(.variable(name))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
    }

    /// The text with every variable replaced by its value, passed through `encode` (a URL's
    /// percent-encoding, say).
    public func rendered(_ context: MetricCheckContext, encode: (String) -> String = { $0 }) -> String {
        pieces.map { piece in
            switch piece {
            case .text(let text): text
            case .variable(let name): encode(context.value(of: name) ?? "")
            }
        }.joined()
    }
}
