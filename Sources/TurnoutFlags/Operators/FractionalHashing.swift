/// How flagd's `fractional` operator turns the bucketing value into the hash that picks a bucket.
///
/// Every flagd evaluator has to agree on it, or the same user lands in different buckets in
/// different services; a flag set uses one for all its flags.
public enum FractionalHashing: String, Sendable, Hashable, CaseIterable {
    /// MurmurHash3 of the bucketing value's UTF-8 text; the value must be a string, and the
    /// default key is the flag key followed by the targeting key. What flagd (v0.16) and the
    /// Go, Java, JavaScript and .NET providers do, and openfeature-flagd-core 1.x in Python.
    case v2
    /// MurmurHash3 of the bucketing value's deterministic CBOR encoding; the value may be any
    /// JSON value but null or an array, and the default key is the array [flag key, targeting
    /// key]. flagd's accepted decision for its 1.0; openfeature-flagd-core 2.x in Python does it.
    case v3
}
