import Foundation

extension LatencyHistogram {
    /// The histogram as compact JSON text, `{"bucket":count,...}` with sorted keys: the stored form.
    ///
    /// Written by hand, as `JSONEncoder` with `.sortedKeys` writes it (keys ordered as text):
    /// SQLite's merge function reads and writes one for every interval a batch of decisions
    /// touches, and Foundation's coders made that a tenth of the decision log's writer.
    package var jsonText: String {
        let keyed = buckets.map { (key: String($0.key), count: $0.value) }.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        var text = "{"
        for (position, entry) in keyed.enumerated() {
            if position > 0 { text += "," }
            text += "\"\(entry.key)\":\(entry.count)"
        }
        return text + "}"
    }

    /// Reads the stored JSON form back.
    /// - Throws: ``LatencyHistogram/DecodingError`` when the text is not a JSON object of bucket counts.
    package init(jsonText: String) throws {
        // The form this type writes (and PostgreSQL's `jsonb` text, which adds spaces) is read
        // directly; anything else goes through Foundation's decoder and its rules.
        let byKey = try Self.plainBucketCounts(jsonText) ?? Self.decodedBucketCounts(jsonText)
        var buckets: [Int: Int64] = [:]
        for (key, count) in byKey {
            guard let index = Int(key), (0...Self.maxBucket).contains(index) else { throw DecodingError(text: jsonText) }
            buckets[index, default: 0] += count
        }
        self.init(buckets: buckets)
    }

    private static func decodedBucketCounts(_ jsonText: String) throws -> [String: Int64] {
        do {
            return try JSONDecoder().decode([String: Int64].self, from: Data(jsonText.utf8))
        } catch {
            throw DecodingError(text: jsonText)
        }
    }

    /// The counts of `{"digits": integer, ...}` with optional spaces, or nil for any other text
    /// (escapes, fractions, repeated keys, numbers out of range), which the caller leaves to
    /// Foundation.
    private static func plainBucketCounts(_ jsonText: String) -> [String: Int64]? {
        var bytes = Substring(jsonText).utf8[...]
        func skipSpaces() {
            while let byte = bytes.first, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") {
                bytes.removeFirst()
            }
        }
        func take(_ byte: UInt8) -> Bool {
            skipSpaces()
            guard bytes.first == byte else { return false }
            bytes.removeFirst()
            return true
        }
        func digits() -> Substring.UTF8View.SubSequence? {
            let run = bytes.prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            guard !run.isEmpty, run.count <= 18 else { return nil }
            bytes.removeFirst(run.count)
            return run
        }
        guard take(UInt8(ascii: "{")) else { return nil }
        var counts: [String: Int64] = [:]
        if take(UInt8(ascii: "}")) {
            skipSpaces()
            return bytes.isEmpty ? counts : nil
        }
        repeat {
            guard take(UInt8(ascii: "\"")), let key = digits(), take(UInt8(ascii: "\"")), take(UInt8(ascii: ":")) else { return nil }
            skipSpaces()
            let negative = bytes.first == UInt8(ascii: "-")
            if negative { bytes.removeFirst() }
            // A leading zero is not JSON: Foundation refuses it.
            guard let number = digits(), number.count == 1 || number.first != UInt8(ascii: "0"),
                  let magnitude = Int64(Substring(number)) else { return nil }
            let name = String(Substring(key))
            guard counts[name] == nil else { return nil }
            counts[name] = negative ? -magnitude : magnitude
        } while take(UInt8(ascii: ","))
        guard take(UInt8(ascii: "}")) else { return nil }
        skipSpaces()
        return bytes.isEmpty ? counts : nil
    }

    /// Stored histogram text that is not a JSON object of bucket counts.
    package struct DecodingError: Error, Sendable, Equatable {
        /// The offending text.
        package var text: String
    }
}
