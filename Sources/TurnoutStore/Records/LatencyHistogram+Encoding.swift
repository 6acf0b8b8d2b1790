import Foundation

extension LatencyHistogram {
    /// The histogram as compact JSON text, `{"bucket":count,...}` with sorted keys: the stored form.
    package var jsonText: String {
        let byKey = Dictionary(uniqueKeysWithValues: buckets.map { (String($0.key), $0.value) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        // Encoding a [String: Int64] cannot fail.
        let data = (try? encoder.encode(byKey)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads the stored JSON form back.
    /// - Throws: ``LatencyHistogram/DecodingError`` when the text is not a JSON object of bucket counts.
    package init(jsonText: String) throws {
        let byKey: [String: Int64]
        do {
            byKey = try JSONDecoder().decode([String: Int64].self, from: Data(jsonText.utf8))
        } catch {
            throw DecodingError(text: jsonText)
        }
        var buckets: [Int: Int64] = [:]
        for (key, count) in byKey {
            guard let index = Int(key), (0...Self.maxBucket).contains(index) else { throw DecodingError(text: jsonText) }
            buckets[index, default: 0] += count
        }
        self.init(buckets: buckets)
    }

    /// Stored histogram text that is not a JSON object of bucket counts.
    package struct DecodingError: Error, Sendable, Equatable {
        /// The offending text.
        package var text: String
    }
}
