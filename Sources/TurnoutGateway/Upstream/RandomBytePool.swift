#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cryptographically secure random bytes from the operating system (`/dev/urandom`, the same
/// source as `getrandom`), read a block at a time so that taking a few bytes costs no system call.
///
/// One pool per event loop, used only on that loop.
struct RandomBytePool {
    private var bytes: [UInt8]
    private var position: Int

    /// Bytes read per system call.
    static let defaultCapacity = 4_000

    init(capacity: Int = defaultCapacity) {
        bytes = Array(repeating: 0, count: capacity)
        position = capacity
    }

    /// The next `count` random bytes, never handed out twice, valid only inside `body`.
    mutating func take<Result>(_ count: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        precondition(count <= bytes.count, "ask for at most \(bytes.count) bytes at a time")
        if position + count > bytes.count {
            Self.fill(&bytes)
            position = 0
        }
        let start = position
        position += count
        return bytes.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[start..<start + count]))
        }
    }

    /// The random device, opened once for the process; -1 when it cannot be opened.
    private static let device: Int32 = open("/dev/urandom", O_RDONLY | O_CLOEXEC)

    /// Fills `buffer` from the random device, or word by word from the system generator
    /// (also cryptographic, one system call per word) when the device cannot be read.
    private static func fill(_ buffer: inout [UInt8]) {
        if device >= 0, readAll(device, into: &buffer) { return }
        var generator = SystemRandomNumberGenerator()
        buffer.withUnsafeMutableBytes { raw in
            var offset = 0
            while offset < raw.count {
                let word = generator.next() as UInt64
                let count = min(8, raw.count - offset)
                withUnsafeBytes(of: word) { raw.baseAddress!.advanced(by: offset).copyMemory(from: $0.baseAddress!, byteCount: count) }
                offset += count
            }
        }
    }

    /// Reads the whole buffer, retrying short reads and interruptions.
    private static func readAll(_ descriptor: Int32, into buffer: inout [UInt8]) -> Bool {
        buffer.withUnsafeMutableBytes { raw in
            var offset = 0
            while offset < raw.count {
                let got = read(descriptor, raw.baseAddress!.advanced(by: offset), raw.count - offset)
                if got > 0 {
                    offset += got
                } else if got < 0 && errno == EINTR {
                    continue
                } else {
                    return false
                }
            }
            return true
        }
    }
}
