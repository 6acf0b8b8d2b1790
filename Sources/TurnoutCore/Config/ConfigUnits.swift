/// Parsing of the human-friendly units used in configuration: durations and byte sizes.
///
/// Values outside ``ConfigBounds`` (durations from 0 to 365 days, sizes from 0 to 1 TiB) do not
/// parse, so a caller never converts a number that could overflow.
public enum ConfigUnits {
    /// A duration written as seconds (a number) or with a unit: `ms`, `s`, `m`, `h`, `d`;
    /// nil when it is not one, or is negative or longer than ``ConfigBounds/maxDurationSeconds``.
    public static func duration(_ value: ConfigValue) -> Duration? {
        milliseconds(value).flatMap(duration(milliseconds:))
    }

    /// A duration such as `250ms`, `1.5s`, `10m`, `1h` or `14d`; nil outside 0 to 365 days.
    public static func duration(_ text: String) -> Duration? {
        milliseconds(text).flatMap(duration(milliseconds:))
    }

    /// The milliseconds a duration is written as, whatever their range; nil when it is not a duration.
    static func milliseconds(_ value: ConfigValue) -> Double? {
        switch value {
        case .int(let seconds): Double(seconds) * 1_000
        case .double(let seconds): seconds * 1_000
        case .string(let text): milliseconds(text)
        default: nil
        }
    }

    private static func milliseconds(_ text: String) -> Double? {
        let units: [(suffix: String, milliseconds: Double)] = [
            ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000),
        ]
        for unit in units where text.hasSuffix(unit.suffix) {
            if let amount = Double(text.dropLast(unit.suffix.count)), !amount.isNaN { return amount * unit.milliseconds }
        }
        return nil
    }

    /// Whole milliseconds, checked before the conversion so that it cannot trap.
    private static func duration(milliseconds: Double) -> Duration? {
        let rounded = milliseconds.rounded()
        guard rounded >= 0, rounded <= ConfigBounds.maxDurationMilliseconds else { return nil }
        return .milliseconds(Int64(rounded))
    }

    /// A byte size written as a number of bytes or with a unit: `KiB`, `MiB`, `GiB`, `TiB` (and
    /// `KB`, `MB`, `GB`, `TB`); nil when it is not one, or is negative or above ``ConfigBounds/maxByteSize``.
    public static func byteSize(_ value: ConfigValue) -> Int? {
        bytes(value).flatMap(byteSize(bytes:))
    }

    /// A byte size such as `65536`, `64KiB` or `16MiB`; nil outside 0 to 1 TiB.
    public static func byteSize(_ text: String) -> Int? {
        bytes(text).flatMap(byteSize(bytes:))
    }

    /// The bytes a size is written as, whatever their range; nil when it is not a size.
    static func bytes(_ value: ConfigValue) -> Double? {
        switch value {
        case .int(let bytes): Double(bytes)
        case .string(let text): bytes(text)
        default: nil
        }
    }

    private static func bytes(_ text: String) -> Double? {
        let units: [(suffix: String, factor: Double)] = [
            ("KiB", 1024), ("MiB", 1_048_576), ("GiB", 1_073_741_824), ("TiB", 1_099_511_627_776),
            ("KB", 1000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("TB", 1_000_000_000_000), ("B", 1),
        ]
        if let bytes = Int(text) { return Double(bytes) }
        for unit in units where text.hasSuffix(unit.suffix) {
            guard let amount = Double(text.dropLast(unit.suffix.count)), !amount.isNaN else { return nil }
            return amount * unit.factor
        }
        return nil
    }

    /// Whole bytes, checked before the conversion so that it cannot trap.
    private static func byteSize(bytes: Double) -> Int? {
        let rounded = bytes.rounded()
        guard rounded >= 0, rounded <= Double(ConfigBounds.maxByteSize) else { return nil }
        return Int(rounded)
    }
}
