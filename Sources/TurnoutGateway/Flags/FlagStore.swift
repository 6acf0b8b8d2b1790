import Atomics
import Foundation
import Logging
import TurnoutFlags

/// The flags in force, read from the configured files and replaced as a whole when one changes,
/// so every request evaluates against one consistent set without a lock.
final class FlagStore: Sendable {
    let files: [String]
    private let current: ManagedAtomic<Box>

    /// The set, as a reference the atomic can swap.
    final class Box: AtomicReference, Sendable {
        let flags: FlagSet
        init(_ flags: FlagSet) { self.flags = flags }
    }

    /// Loads `files`; a broken file stops the gateway from starting, with the reason.
    init(files: [String]) throws(GatewayError) {
        self.files = files
        self.current = ManagedAtomic(Box(try Self.load(files)))
    }

    /// The flags in force.
    var flags: FlagSet { current.load(ordering: .acquiring).flags }

    /// Re-reads the files; when any is broken the previous set stays in force.
    func reload(logger: Logger) {
        do {
            let flags = try Self.load(files)
            current.store(Box(flags), ordering: .releasing)
            logger.info("flags reloaded", metadata: ["flags": "\(flags.flags.count)"])
        } catch {
            logger.error("flag change refused, the previous flags stay in force: \(error.description)")
        }
    }

    /// Reads and validates every file; flags of later files replace same-named earlier ones.
    static func load(_ files: [String]) throws(GatewayError) -> FlagSet {
        var merged: [Flag] = []
        var metadata: [String: JSONValue] = [:]
        for file in files {
            let data = try DocumentFile.read(file)
            do {
                let set = try FlagSet(parsing: data)
                merged.append(contentsOf: set.flags.values)
                metadata.merge(set.metadata) { _, new in new }
            } catch {
                throw GatewayError("\(file) is not a valid flag file:\n" + error.problems.map(\.description).joined(separator: "\n"))
            }
        }
        return FlagSet(flags: merged, metadata: metadata)
    }
}
