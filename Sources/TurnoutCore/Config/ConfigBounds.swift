/// The ranges every number in a configuration or release document must fall in.
///
/// They are checked where a value is read, so that nothing later (a conversion to `Int`, a
/// `Duration`, a sum of weights) can overflow or trap, whatever a file or an API call says.
public enum ConfigBounds {
    /// The longest duration anywhere in a configuration: 365 days.
    public static let maxDurationSeconds: Int64 = 365 * 86_400
    /// ``maxDurationSeconds`` as written in messages.
    public static let maxDurationText = "365d"
    /// The largest relative weight of a version; weights are shares, so their scale does not matter.
    public static let maxWeight: Double = 1_000_000
    /// The largest byte size: 1 TiB.
    public static let maxByteSize = 1 << 40
    /// ``maxByteSize`` as written in messages.
    public static let maxByteSizeText = "1TiB"
    /// The largest count (samples, requests, connections, failures): what fits in an `Int32`.
    public static let maxCount = Int(Int32.max)
    /// The largest configuration, release or flag document read: 4 MiB.
    public static let maxDocumentBytes = 4 << 20
    /// The deepest nesting of lists and mappings in a YAML or JSON document.
    public static let maxNestingDepth = 64
    /// The most nodes (scalars, lists and mappings) a YAML document may hold.
    public static let maxYAMLNodes = 100_000

    /// ``maxDurationSeconds`` in milliseconds.
    static var maxDurationMilliseconds: Double { Double(maxDurationSeconds) * 1_000 }
}
