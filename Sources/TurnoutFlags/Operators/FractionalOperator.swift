/// flagd's `fractional` operator: deterministic weighted bucketing.
///
/// `{"fractional": [bucketKey?, [variant, weight?], ...]}`. With ``FractionalHashing/v2`` the
/// bucket key is the first argument when it is a string; without one it is the flag key followed
/// by the targeting key, hashed as UTF-8. With ``FractionalHashing/v3`` any first argument that is
/// not an array (or null) is the key; without one it is `[flagKey, targetingKey]`, hashed in its
/// deterministic CBOR encoding. The MurmurHash3 (x86 32-bit, seed 0) maps to
/// `(hash × totalWeight) >> 32`, and the variant whose cumulative weight range holds that bucket
/// wins. Any malformed input yields null, so the flag falls back to its default variant.
public enum FractionalOperator {
    /// The largest total weight flagd accepts (Int32.max).
    public static let maximumTotalWeight: UInt64 = 2_147_483_647

    /// One weighted entry of a `fractional` rule.
    public struct Bucket: Sendable, Equatable {
        /// The value returned when the bucket is chosen (normally a variant name).
        public var variant: JSONValue
        /// The integer weight (negative weights count as 0).
        public var weight: UInt64

        /// Creates a bucket.
        public init(variant: JSONValue, weight: UInt64) {
            self.variant = variant
            self.weight = weight
        }
    }

    /// Evaluates `fractional` on already evaluated arguments and the evaluation data.
    public static func evaluate(_ arguments: [JSONValue], data: JSONValue, hashing: FractionalHashing = .v2) -> JSONValue {
        let hash: UInt32
        let bucketArguments: ArraySlice<JSONValue>
        switch hashing {
        case .v2:
            guard let (key, rest) = bucketingKey(arguments, data: data) else { return .null }
            hash = MurmurHash3.x86_32(key)
            bucketArguments = rest
        case .v3:
            guard let (value, rest) = bucketingValue(arguments, data: data) else { return .null }
            hash = MurmurHash3.x86_32(DeterministicCBOR.encode(value))
            bucketArguments = rest
        }
        guard let buckets = parseBuckets(bucketArguments) else { return .null }
        return choose(hash: hash, buckets: buckets) ?? .null
    }

    /// The bucket chosen for `hash`, or `nil` when the weights add up to zero.
    public static func choose(hash: UInt32, buckets: [Bucket]) -> JSONValue? {
        let total = buckets.reduce(UInt64(0)) { $0 + $1.weight }
        let bucket = bucketIndex(hash: hash, totalWeight: total)
        var rangeEnd: UInt64 = 0
        for entry in buckets {
            rangeEnd += entry.weight
            if bucket < rangeEnd { return entry.variant }
        }
        return nil
    }

    /// flagd's mapping of a 32-bit hash onto `0..<totalWeight` with integer arithmetic only.
    public static func bucketIndex(hash: UInt32, totalWeight: UInt64) -> UInt64 {
        (UInt64(hash) * totalWeight) >> 32
    }

    /// The string to hash and the arguments that describe the buckets.
    ///
    /// Only a string first argument is a key. Anything else is read as a bucket, so a first
    /// argument that evaluated to null (an absent attribute) makes the rule yield null, as
    /// in the Python and JavaScript providers. An empty key or targeting key counts as missing.
    private static func bucketingKey(_ arguments: [JSONValue], data: JSONValue) -> (String, ArraySlice<JSONValue>)? {
        guard let first = arguments.first else { return nil }
        if case .string(let explicitKey) = first {
            return explicitKey.isEmpty ? nil : (explicitKey, arguments.dropFirst())
        }
        guard case .string(let targetingKey)? = data["targetingKey"], !targetingKey.isEmpty else { return nil }
        let flagKey = data["$flagd"]?["flagKey"]?.stringValue ?? ""
        return (flagKey + targetingKey, arguments[...])
    }

    /// v3: the value to hash and the bucket arguments. A first argument that is not an array is
    /// the value (null is refused: it is what a missing attribute evaluates to); otherwise the
    /// value is `[flagKey, targetingKey]`, which needs a non-empty string targeting key.
    private static func bucketingValue(_ arguments: [JSONValue], data: JSONValue) -> (JSONValue, ArraySlice<JSONValue>)? {
        guard let first = arguments.first else { return nil }
        if case .array = first {
            guard case .string(let targetingKey)? = data["targetingKey"], !targetingKey.isEmpty else { return nil }
            let flagKey = data["$flagd"]?["flagKey"]?.stringValue ?? ""
            return (.array([.string(flagKey), .string(targetingKey)]), arguments[...])
        }
        return first.isNull ? nil : (first, arguments.dropFirst())
    }

    /// Parses `[variant]` / `[variant, weight]` entries; `nil` when any entry is malformed or the
    /// total weight exceeds Int32.max.
    private static func parseBuckets(_ arguments: ArraySlice<JSONValue>) -> [Bucket]? {
        var buckets: [Bucket] = []
        var total: UInt64 = 0
        for argument in arguments {
            guard case .array(let entry) = argument, (1...2).contains(entry.count) else { return nil }
            var weight: UInt64 = 1
            if entry.count == 2 {
                guard case .number(let raw) = entry[1], raw.isFinite, raw == raw.rounded() else { return nil }
                guard raw <= Double(maximumTotalWeight) else { return nil }
                // Negative weights come out of rollout arithmetic; flagd clamps them to 0.
                weight = raw < 0 ? 0 : UInt64(raw)
            }
            total += weight
            guard total <= maximumTotalWeight else { return nil }
            buckets.append(Bucket(variant: entry[0], weight: weight))
        }
        return buckets
    }
}
