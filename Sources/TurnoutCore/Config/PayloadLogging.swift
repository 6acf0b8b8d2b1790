/// Which requests of a model have their bodies stored with their decision: a model's `log` key,
/// such as `log: {sample: 0.01, max_bytes: 64KiB}`.
public struct PayloadLogging: Sendable, Equatable {
    /// The fraction of requests whose request and response bodies are stored, in 0...1.
    public var sample: Double
    /// Each stored body is cut to this many bytes.
    public var maxBytes: Int

    /// Creates a setting; by default no payload is stored.
    public init(sample: Double = 0, maxBytes: Int = 65_536) {
        self.sample = sample
        self.maxBytes = maxBytes
    }

    /// The configuration keys of `log`.
    static let keys = ["sample", "max_bytes"]
}

extension ConfigReader {
    mutating func readPayloadLogging(_ value: ConfigValue, at path: String) -> PayloadLogging? {
        guard let log = mapping(value, at: path, allowedKeys: PayloadLogging.keys) else { return nil }
        var result = PayloadLogging()
        if let sampleValue = log["sample"], let sample = number(sampleValue, at: log.path("sample")) {
            if (0...1).contains(sample) {
                result.sample = sample
            } else {
                report(log.path("sample"), "expected a fraction from 0 to 1 (0.01 stores one request in a hundred), got \(ConfigReader.show(sampleValue))")
            }
        }
        if let bytesValue = log["max_bytes"], let bytes = byteSize(bytesValue, at: log.path("max_bytes")) {
            result.maxBytes = bytes
        }
        return result
    }
}
