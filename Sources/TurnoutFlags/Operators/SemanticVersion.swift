/// A Semantic Versioning 2.0.0 version with flagd's lenient input form.
///
/// flagd accepts a leading `v`/`V` and pads missing minor and patch numbers ("1" is 1.0.0,
/// "v1.2-rc.1" is 1.2.0-rc.1); the rest must be strict SemVer.
public struct SemanticVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Major, minor and patch as decimal digit strings without leading zeros (any length).
    public var major: String
    /// The minor number.
    public var minor: String
    /// The patch number.
    public var patch: String
    /// Dot-separated pre-release identifiers; empty for a release.
    public var prerelease: [String]
    /// Build metadata, ignored for precedence.
    public var build: [String]

    /// Parses `text` as flagd does, or returns `nil` when it is not a version.
    public init?(flagdText text: String) {
        var version = Substring(text)
        if version.hasPrefix("v") || version.hasPrefix("V") { version = version.dropFirst() }
        let numericEnd = version.firstIndex { $0 == "-" || $0 == "+" } ?? version.endIndex
        let numericPart = version[..<numericEnd]
        let dotCount = numericPart.count { $0 == "." }
        let padding = String(repeating: ".0", count: Swift.max(0, 2 - dotCount))
        self.init(strict: String(numericPart) + padding + String(version[numericEnd...]))
    }

    /// Parses a strict SemVer 2.0.0 string.
    public init?(strict text: String) {
        var rest = Substring(text)
        var buildIdentifiers: [String] = []
        if let plus = rest.firstIndex(of: "+") {
            buildIdentifiers = rest[rest.index(after: plus)...].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard buildIdentifiers.allSatisfy(Self.isBuildIdentifier) else { return nil }
            rest = rest[..<plus]
        }
        var prereleaseIdentifiers: [String] = []
        if let dash = rest.firstIndex(of: "-") {
            prereleaseIdentifiers = rest[rest.index(after: dash)...].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard prereleaseIdentifiers.allSatisfy(Self.isPrereleaseIdentifier) else { return nil }
            rest = rest[..<dash]
        }
        let numbers = rest.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard numbers.count == 3, numbers.allSatisfy(Self.isNumericIdentifier) else { return nil }
        major = numbers[0]
        minor = numbers[1]
        patch = numbers[2]
        prerelease = prereleaseIdentifiers
        build = buildIdentifiers
    }

    /// "1.2.3-rc.1+build.5".
    public var description: String {
        var text = "\(major).\(minor).\(patch)"
        if !prerelease.isEmpty { text += "-" + prerelease.joined(separator: ".") }
        if !build.isEmpty { text += "+" + build.joined(separator: ".") }
        return text
    }

    /// SemVer precedence: build metadata does not count.
    public static func == (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        compare(lhs, rhs) == 0
    }

    /// Hashes the parts that take part in precedence.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(major)
        hasher.combine(minor)
        hasher.combine(patch)
        hasher.combine(prerelease)
    }

    /// SemVer precedence order.
    public static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        compare(lhs, rhs) < 0
    }

    private static func compare(_ lhs: SemanticVersion, _ rhs: SemanticVersion) -> Int {
        for (left, right) in [(lhs.major, rhs.major), (lhs.minor, rhs.minor), (lhs.patch, rhs.patch)] {
            let order = compareNumeric(left, right)
            if order != 0 { return order }
        }
        return comparePrerelease(lhs.prerelease, rhs.prerelease)
    }

    /// A release ranks above its pre-releases; identifiers compare numerically when both are
    /// numeric, numeric below alphanumeric, and a longer list wins a tie of its prefix.
    private static func comparePrerelease(_ lhs: [String], _ rhs: [String]) -> Int {
        if lhs.isEmpty || rhs.isEmpty {
            return lhs.isEmpty == rhs.isEmpty ? 0 : (lhs.isEmpty ? 1 : -1)
        }
        for (left, right) in zip(lhs, rhs) {
            let leftNumeric = left.allSatisfy(\.isASCIIDigit)
            let rightNumeric = right.allSatisfy(\.isASCIIDigit)
            let order: Int
            switch (leftNumeric, rightNumeric) {
            case (true, true): order = compareNumeric(left, right)
            case (true, false): order = -1
            case (false, true): order = 1
            case (false, false): order = left == right ? 0 : (Array(left.utf8).lexicographicallyPrecedes(right.utf8) ? -1 : 1)
            }
            if order != 0 { return order }
        }
        return lhs.count == rhs.count ? 0 : (lhs.count < rhs.count ? -1 : 1)
    }

    /// Compares decimal digit strings of any length without converting them to integers.
    private static func compareNumeric(_ lhs: String, _ rhs: String) -> Int {
        let left = lhs.drop { $0 == "0" }
        let right = rhs.drop { $0 == "0" }
        if left.count != right.count { return left.count < right.count ? -1 : 1 }
        if left == right { return 0 }
        return Array(left.utf8).lexicographicallyPrecedes(right.utf8) ? -1 : 1
    }

    private static func isNumericIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy(\.isASCIIDigit) && (text == "0" || !text.hasPrefix("0"))
    }

    private static func isPrereleaseIdentifier(_ text: String) -> Bool {
        guard !text.isEmpty, text.allSatisfy(\.isSemVerIdentifierCharacter) else { return false }
        return text.allSatisfy(\.isASCIIDigit) ? isNumericIdentifier(text) : true
    }

    private static func isBuildIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy(\.isSemVerIdentifierCharacter)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }

    fileprivate var isSemVerIdentifierCharacter: Bool {
        isASCII && (isLetter || isNumber || self == "-")
    }
}
