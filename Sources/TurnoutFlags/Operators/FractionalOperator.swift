/// flagd's `fractional` operator: deterministic weighted bucketing.
///
/// `{"fractional": [bucketKey?, [variant, weight?], ...]}`. The bucket key is the first
/// argument when it is a string; without one it is the flag key followed by the targeting key.
/// The key's MurmurHash3 (x86 32-bit, seed 0, UTF-8) maps to `(hash × totalWeight) >> 32`,
/// and the variant whose cumulative weight range holds that bucket wins. Any malformed input
/// yields null, so the flag falls back to its default variant.
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
    public static func evaluate(_ arguments: [JSONValue], data: JSONValue) -> JSONValue {
        guard let (key, bucketArguments) = bucketingKey(arguments, data: data),
            let buckets = parseBuckets(bucketArguments)
        else { return .null }
        return choose(hash: MurmurHash3.x86_32(key), buckets: buckets) ?? .null
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
