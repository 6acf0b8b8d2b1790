import Foundation

/// The one JSON encoding of the admin API, shared by the gateway that writes answers and the
/// command line that reads them.
///
/// Keys come from each answer's own `CodingKeys` (snake_case on the wire), objects are written
/// with sorted keys so an answer is byte-for-byte reproducible, and a non-finite number is
/// written as the string `"nan"`, `"inf"` or `"-inf"` instead of failing the whole answer: JSON
/// has no NaN, and one degenerate statistic must not turn a status page into a 500.
public enum AdminJSON {
    /// The spellings of non-finite numbers on the wire.
    public static let nan = "nan"
    /// Positive infinity on the wire.
    public static let infinity = "inf"
    /// Negative infinity on the wire.
    public static let negativeInfinity = "-inf"

    /// An encoder for admin answers.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: infinity, negativeInfinity: negativeInfinity, nan: nan
        )
        return encoder
    }

    /// A decoder for admin answers; reads the non-finite spellings back as numbers.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: infinity, negativeInfinity: negativeInfinity, nan: nan
        )
        return decoder
    }

    /// `value` as admin-API JSON bytes.
    public static func encode(_ value: some Encodable) throws -> Data {
        try encoder().encode(value)
    }

    /// An admin answer from its JSON bytes.
    public static func decode<Answer: Decodable>(_ type: Answer.Type, from data: Data) throws -> Answer {
        try decoder().decode(type, from: data)
    }
}
