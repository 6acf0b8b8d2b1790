import Foundation

/// A fresh directory under the system's temporary directory, for a test's SQLite files.
enum TemporaryDirectory {
    /// Creates `turnout-<name>-<random>`; the caller removes it.
    static func make(_ name: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appending(path: "turnout-\(name)-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}
