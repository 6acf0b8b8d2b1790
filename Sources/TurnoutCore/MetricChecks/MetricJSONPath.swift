import Foundation

/// The small JSONPath a web check names its value with: `$`, then `.key`, `["key"]` and
/// `[index]` steps, such as `$.checks[0].ok`.
public struct MetricJSONPath: Sendable, Equatable {
    /// The path as written.
    public var source: String
    private var steps: [Step]

    private enum Step: Sendable, Equatable {
        case key(String)
        case index(Int)
    }

    /// Why a path could not be read.
    public struct SyntaxError: Error, Sendable, Equatable {
        /// What is wrong, in words.
        public var message: String
    }

    /// Reads a path.
    public init(parsing source: String) throws(SyntaxError) {
        self.source = source
        var characters = Substring(source)
        guard characters.first == "$" else { throw SyntaxError(message: "a path starts with $, such as $.ok or $.data[0].value") }
        characters.removeFirst()
        steps = []
        while let first = characters.first {
            if first == "." {
                characters.removeFirst()
                let key = characters.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
                guard !key.isEmpty else { throw SyntaxError(message: "expected a key after . in \(source)") }
                steps.append(.key(String(key)))
                characters = characters.dropFirst(key.count)
            } else if first == "[" {
                guard let close = characters.firstIndex(of: "]") else { throw SyntaxError(message: "[ without ] in \(source)") }
                let inside = characters[characters.index(after: characters.startIndex)..<close]
                if let index = Int(inside), index >= 0 {
                    steps.append(.index(index))
                } else if inside.count >= 2, let quote = inside.first, quote == "\"" || quote == "'", inside.last == quote {
                    steps.append(.key(String(inside.dropFirst().dropLast())))
                } else {
                    throw SyntaxError(message: "expected [0] or [\"key\"], got [\(inside)] in \(source)")
                }
                characters = characters[characters.index(after: close)...]
            } else {
                throw SyntaxError(message: "unexpected \"\(first)\" in \(source): use .key, [\"key\"] or [0]")
            }
        }
    }

    /// The value at the path in a document read by `JSONSerialization`, or nil when a step finds nothing.
    func value(in document: Any) -> Any? {
        var current = document
        for step in steps {
            switch step {
            case .key(let key):
                guard let object = current as? [String: Any], let next = object[key] else { return nil }
                current = next
            case .index(let index):
                guard let array = current as? [Any], index < array.count else { return nil }
                current = array[index]
            }
        }
        return current
    }
}
