import Foundation

/// Files of the Turnout repository (example models, flags, configurations) that targets load
/// once at start-up, found relative to this source file.
public enum Repository {
    /// The repository's root folder.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // FuzzSupport
        .deletingLastPathComponent()  // Sources
        .deletingLastPathComponent()  // Fuzz
        .deletingLastPathComponent()

    /// The contents of `path` (relative to the root); stops the target when it is missing,
    /// since a target without its fixture would fuzz nothing useful.
    public static func data(_ path: String) -> Data {
        do {
            return try Data(contentsOf: root.appendingPathComponent(path))
        } catch {
            fatalError("fuzz target fixture \(path) cannot be read: \(error)")
        }
    }

    /// The contents of `path` as UTF-8 text.
    public static func text(_ path: String) -> String {
        String(decoding: data(path), as: UTF8.self)
    }
}
