#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Request ids that cannot be guessed: 32 hex digits, the first 12 the wall-clock milliseconds
/// and the other 20 80 bits from the operating system's cryptographic random source.
///
/// Ids that grow with time are appended at the end of the store's request-id indexes instead
/// of landing on random pages, which keeps decision logging cheap (decision 0008). The random
/// part is what makes an id a capability: knowing one id says nothing about the next
/// (decision 0015), which a seeded generator could not promise.
struct RequestIDGenerator {
    private var random = RandomBytePool()

    /// Random bytes per id.
    static let randomBytes = 10

    /// A new id, written straight into the string's storage.
    mutating func next() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let millis = UInt64(now.tv_sec) &* 1_000 &+ UInt64(now.tv_nsec / 1_000_000)
        return random.take(Self.randomBytes) { bytes in
            String(unsafeUninitializedCapacity: 32) { buffer in
                let digits: StaticString = "0123456789abcdef"
                for nibble in 0..<12 {
                    buffer[nibble] = digits.utf8Start[Int((millis >> UInt64(44 - nibble * 4)) & 0xf)]
                }
                for index in 0..<Self.randomBytes {
                    buffer[12 + index * 2] = digits.utf8Start[Int(bytes[index] >> 4)]
                    buffer[13 + index * 2] = digits.utf8Start[Int(bytes[index] & 0xf)]
                }
                return 32
            }
        }
    }
}
