#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A plain blocking TCP connection to loopback, for what a NIO client hides: whether the server
/// ended the connection with an orderly close or a reset.
final class BlockingSocket {
    private let descriptor: Int32

    /// How the server's side of the stream ended.
    enum Ending: Equatable {
        case endOfStream
        case reset
        case stillOpen
    }

    init(port: Int) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(step: "socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw Failure(step: "connect")
        }
        descriptor = fd
    }

    deinit { close(descriptor) }

    func send(_ text: String) {
        _ = text.utf8CString.withUnsafeBufferPointer { Glibc.send(descriptor, $0.baseAddress, $0.count - 1, Int32(MSG_NOSIGNAL)) }
    }

    /// Whether bytes (or the end of the stream) are there to read within `milliseconds`.
    func waitUntilReadable(milliseconds: Int32) -> Bool {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&request, 1, milliseconds) == 1
    }

    /// Everything the server sends until its side ends, and how it ended; gives up after
    /// `milliseconds` without new bytes.
    func readToEnd(milliseconds: Int32) -> (text: String, ending: Ending) {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while waitUntilReadable(milliseconds: milliseconds) {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                received += buffer[0..<count]
                continue
            }
            let ending: Ending = count == 0 ? .endOfStream : (errno == ECONNRESET ? .reset : .stillOpen)
            return (String(decoding: received, as: UTF8.self), ending)
        }
        return (String(decoding: received, as: UTF8.self), .stillOpen)
    }

    struct Failure: Error {
        let step: String
    }
}
