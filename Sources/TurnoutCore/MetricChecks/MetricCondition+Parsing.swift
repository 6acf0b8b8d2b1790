extension MetricCondition {
    /// Why a condition's text could not be read, for the configuration reader's message.
    public struct SyntaxError: Error, Sendable, Equatable {
        /// What is wrong, in words.
        public var message: String
    }

    /// The longest condition read; a condition is one short comparison.
    static let maxLength = 200

    /// Reads `[left] comparison right`, where each side is arithmetic (`+ - * /`, parentheses,
    /// unary minus) over `canary`, `stable`, numbers, `true` (1) and `false` (0). Without a left
    /// side the canary's value is compared.
    public init(kind: Kind, parsing source: String) throws(SyntaxError) {
        guard source.count <= Self.maxLength else { throw SyntaxError(message: "longer than \(Self.maxLength) characters") }
        let example = "such as \"> 0.9\" or \"canary > stable * 1.2\""
        guard !source.allSatisfy(\.isWhitespace) else { throw SyntaxError(message: "expected a comparison (> >= < <= == !=) \(example)") }
        var parser = try ConditionParser(source)
        var left = MetricExpression.canary
        if !parser.atComparison { left = try parser.expression() }
        guard let comparison = parser.comparison() else {
            throw SyntaxError(message: "expected a comparison (> >= < <= == !=) \(example)")
        }
        let right = try parser.expression()
        try parser.expectEnd()
        guard left.mentionsCanary || right.mentionsCanary else {
            throw SyntaxError(message: "the condition never looks at the canary: write \"> 0.9\" or name canary, as in \"canary > stable * 1.2\"")
        }
        self.init(kind: kind, source: source, left: left, comparison: comparison, right: right)
    }
}

/// A recursive-descent reader of a condition's tokens.
private struct ConditionParser {
    enum Token: Equatable {
        case number(Double)
        case word(String)
        case symbol(String)
    }

    private var tokens: [Token]
    private var position = 0

    init(_ source: String) throws(MetricCondition.SyntaxError) {
        tokens = try Self.tokens(of: Array(source))
    }

    var atComparison: Bool {
        guard position < tokens.count, case .symbol(let symbol) = tokens[position] else { return false }
        return MetricCondition.Comparison(rawValue: symbol) != nil
    }

    mutating func comparison() -> MetricCondition.Comparison? {
        guard position < tokens.count, case .symbol(let symbol) = tokens[position],
            let comparison = MetricCondition.Comparison(rawValue: symbol)
        else { return nil }
        position += 1
        return comparison
    }

    func expectEnd() throws(MetricCondition.SyntaxError) {
        guard position == tokens.count else { throw MetricCondition.SyntaxError(message: "unexpected \(Self.describe(tokens[position]))") }
    }

    mutating func expression() throws(MetricCondition.SyntaxError) -> MetricExpression {
        var result = try term()
        while let op = take(.plus, .minus) { result = .binary(op, result, try term()) }
        return result
    }

    private mutating func term() throws(MetricCondition.SyntaxError) -> MetricExpression {
        var result = try unary()
        while let op = take(.times, .divided) { result = .binary(op, result, try unary()) }
        return result
    }

    private mutating func unary() throws(MetricCondition.SyntaxError) -> MetricExpression {
        if take(.minus) != nil { return .negated(try unary()) }
        return try primary()
    }

    private mutating func primary() throws(MetricCondition.SyntaxError) -> MetricExpression {
        guard position < tokens.count else {
            throw MetricCondition.SyntaxError(message: "expected a number, true, false, canary, stable or ( at the end")
        }
        let token = tokens[position]
        position += 1
        switch token {
        case .number(let number): return .number(number)
        case .word("canary"): return .canary
        case .word("stable"): return .stable
        case .word("true"): return .number(1)
        case .word("false"): return .number(0)
        case .symbol("("):
            let inner = try expression()
            guard position < tokens.count, tokens[position] == .symbol(")") else { throw MetricCondition.SyntaxError(message: "missing )") }
            position += 1
            return inner
        default:
            throw MetricCondition.SyntaxError(message: "expected a number, true, false, canary, stable or (, got \(Self.describe(token))")
        }
    }

    private mutating func take(_ operators: MetricExpression.ArithmeticOperator...) -> MetricExpression.ArithmeticOperator? {
        guard position < tokens.count, case .symbol(let symbol) = tokens[position],
            let op = MetricExpression.ArithmeticOperator(rawValue: symbol), operators.contains(op)
        else { return nil }
        position += 1
        return op
    }

    private static func describe(_ token: Token) -> String {
        switch token {
        case .number(let number): "number \(number)"
        case .word(let word): "\"\(word)\""
        case .symbol(let symbol): "\"\(symbol)\""
        }
    }

    private static func tokens(of characters: [Character]) throws(MetricCondition.SyntaxError) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace {
                index += 1
            } else if character.isASCII && (character.isNumber || character == ".") {
                var end = index
                while end < characters.count, characters[end].isASCII, characters[end].isNumber || characters[end] == "." { end += 1 }
                // An exponent: 1e-3, 2E6.
                if end < characters.count, characters[end] == "e" || characters[end] == "E" {
                    var exponentEnd = end + 1
                    if exponentEnd < characters.count, characters[exponentEnd] == "+" || characters[exponentEnd] == "-" { exponentEnd += 1 }
                    let digitsStart = exponentEnd
                    while exponentEnd < characters.count, characters[exponentEnd].isASCII, characters[exponentEnd].isNumber { exponentEnd += 1 }
                    if exponentEnd > digitsStart { end = exponentEnd }
                }
                let text = String(characters[index..<end])
                guard let number = Double(text), number.isFinite else { throw MetricCondition.SyntaxError(message: "not a number: \(text)") }
                tokens.append(.number(number))
                index = end
            } else if character.isLetter || character == "_" {
                var end = index
                while end < characters.count, characters[end].isLetter || characters[end].isNumber || characters[end] == "_" { end += 1 }
                let word = String(characters[index..<end])
                guard ["canary", "stable", "true", "false"].contains(word) else {
                    throw MetricCondition.SyntaxError(message: "unknown name \"\(word)\" (names: canary, stable, true, false)")
                }
                tokens.append(.word(word))
                index = end
            } else if index + 1 < characters.count, [">=", "<=", "==", "!="].contains(String(characters[index...index + 1])) {
                tokens.append(.symbol(String(characters[index...index + 1])))
                index += 2
            } else if "><+-*/()".contains(character) {
                tokens.append(.symbol(String(character)))
                index += 1
            } else {
                throw MetricCondition.SyntaxError(message: "unexpected character \"\(character)\"")
            }
        }
        return tokens
    }
}
