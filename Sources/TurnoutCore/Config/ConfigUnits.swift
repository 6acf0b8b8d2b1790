/// Parsing of the human-friendly units used in configuration: durations and byte sizes.
public enum ConfigUnits {
    /// A duration written as seconds (a number) or with a unit: `ms`, `s`, `m`, `h`, `d`.
    public static func duration(_ value: ConfigValue) -> Duration? {
        switch value {
        case .int(let seconds): return .seconds(seconds)
        case .double(let seconds) where seconds.isFinite: return .milliseconds(Int64((seconds * 1000).rounded()))
        case .string(let text): return duration(text)
        default: return nil
        }
    }

    /// A duration such as `250ms`, `1.5s`, `10m`, `1h` or `14d`.
    public static func duration(_ text: String) -> Duration? {
        let units: [(suffix: String, milliseconds: Double)] = [
            ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000),
        ]
        for unit in units where text.hasSuffix(unit.suffix) {
            guard let amount = Double(text.dropLast(unit.suffix.count)), amount.isFinite, amount >= 0 else {
                continue
            }
            return .milliseconds(Int64((amount * unit.milliseconds).rounded()))
        }
        return nil
    }

    /// A byte size written as a number of bytes or with a unit: `KiB`, `MiB`, `GiB` (and `KB`, `MB`, `GB`).
    public static func byteSize(_ value: ConfigValue) -> Int? {
        switch value {
        case .int(let bytes): return bytes
        case .string(let text): return byteSize(text)
        default: return nil
        }
    }

    /// A byte size such as `65536`, `64KiB` or `16MiB`.
    public static func byteSize(_ text: String) -> Int? {
        let units: [(suffix: String, factor: Double)] = [
            ("KiB", 1024), ("MiB", 1_048_576), ("GiB", 1_073_741_824),
            ("KB", 1000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("B", 1),
        ]
        if let bytes = Int(text) { return bytes }
        for unit in units where text.hasSuffix(unit.suffix) {
            guard let amount = Double(text.dropLast(unit.suffix.count)), amount.isFinite, amount >= 0 else {
                return nil
            }
            return Int((amount * unit.factor).rounded())
        }
        return nil
    }
}
