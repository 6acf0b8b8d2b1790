/// The newest `capacity` values of a stream, kept in a ring buffer.
///
/// Equality and the encoded form use the values in arrival order, so two windows holding the
/// same values compare equal whatever their ring position.
struct SlidingWindow: Sendable {
    /// The most values kept.
    let capacity: Int
    /// The ring storage; it grows to `capacity`, then `oldest` marks where the sequence starts.
    private var storage: [Double] = []
    private var oldest = 0

    init(capacity: Int) {
        precondition(capacity > 0, "a window holds at least one value")
        self.capacity = capacity
    }

    /// The number of values held.
    var count: Int { storage.count }

    /// Adds a value, dropping the oldest when full.
    mutating func append(_ value: Double) {
        if storage.count < capacity {
            storage.append(value)
        } else {
            storage[oldest] = value
            oldest = (oldest + 1) % capacity
        }
    }

    /// Adds values in order.
    mutating func append<Values: Sequence<Double>>(contentsOf values: Values) {
        for value in values { append(value) }
    }

    /// The values from oldest to newest.
    var values: [Double] {
        Array(storage[oldest...] + storage[..<oldest])
    }
}

extension SlidingWindow: Equatable {
    static func == (left: SlidingWindow, right: SlidingWindow) -> Bool {
        left.capacity == right.capacity && left.values == right.values
    }
}

extension SlidingWindow: Codable {
    private enum CodingKeys: String, CodingKey {
        case capacity, values
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let capacity = try container.decode(Int.self, forKey: .capacity)
        guard capacity > 0 else {
            throw DecodingError.dataCorruptedError(forKey: .capacity, in: container, debugDescription: "capacity must be positive")
        }
        self.init(capacity: capacity)
        append(contentsOf: try container.decode([Double].self, forKey: .values))
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(capacity, forKey: .capacity)
        try container.encode(values, forKey: .values)
    }
}
