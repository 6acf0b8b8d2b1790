import Foundation
import TurnoutCore

/// Reads a configuration or flag file, refusing one larger than ``ConfigBounds/maxDocumentBytes``
/// before reading it into memory.
package enum DocumentFile {
    /// The bytes of `path`, or an error saying why it cannot be read or is too large.
    package static func read(_ path: String, limit: Int = ConfigBounds.maxDocumentBytes) throws(GatewayError) -> Data {
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        } catch {
            throw GatewayError("cannot read \(path): \(error.localizedDescription)")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            // One byte more than allowed tells a file at the limit from one over it, without
            // trusting a size the file could change after it was read.
            data = try handle.read(upToCount: limit + 1) ?? Data()
        } catch {
            throw GatewayError("cannot read \(path): \(error.localizedDescription)")
        }
        guard data.count <= limit else {
            throw GatewayError("\(path) is larger than \(limit >> 20) MiB, the limit for configuration and flag files")
        }
        return data
    }

    /// The text of `path` as UTF-8.
    package static func text(_ path: String, limit: Int = ConfigBounds.maxDocumentBytes) throws(GatewayError) -> String {
        let data = try read(path, limit: limit)
        guard let text = String(data: data, encoding: .utf8) else {
            throw GatewayError("\(path) is not UTF-8 text")
        }
        return text
    }
}
