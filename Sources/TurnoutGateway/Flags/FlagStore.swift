import Atomics
import Foundation
import Logging
import TurnoutCore
import TurnoutFlags

/// The flags in force, read from the configured files and replaced as a whole when one changes,
/// so every request evaluates against one consistent set without a lock.
///
/// A file that cannot be read as a flag file (missing, not JSON, no `flags` object) is refused;
/// a broken flag inside a readable file is served as `PARSE_ERROR` while the others work, as in
/// flagd, and its problems are logged.
final class FlagStore: Sendable {
    let files: [String]
    let fractionalHashing: FractionalHashing
    private let current: ManagedAtomic<Box>

    /// The set, as a reference the atomic can swap.
    final class Box: AtomicReference, Sendable {
        let flags: FlagSet
        init(_ flags: FlagSet) { self.flags = flags }
    }

    /// Loads `files`; an unreadable file stops the gateway from starting, with the reason.
    init(files: [String], fractionalHashing: FractionalHashing = .v2, logger: Logger? = nil) throws(GatewayError) {
        self.files = files
        self.fractionalHashing = fractionalHashing
        let flags = try Self.load(files, fractionalHashing: fractionalHashing)
        if let logger { Self.logProblems(of: flags, logger: logger) }
        self.current = ManagedAtomic(Box(flags))
    }

    /// The flags in force.
    var flags: FlagSet { current.load(ordering: .acquiring).flags }

    /// Re-reads the files; when any is broken the previous set stays in force.
    func reload(logger: Logger) {
        do {
            let flags = try Self.load(files, fractionalHashing: fractionalHashing)
            current.store(Box(flags), ordering: .releasing)
            logger.info("flags reloaded", metadata: ["flags": "\(flags.flags.count)", "invalid": "\(flags.invalidFlags.count)"])
            Self.logProblems(of: flags, logger: logger)
        } catch {
            logger.error("flag change refused, the previous flags stay in force: \(error.description)")
        }
    }

    /// Reads every file; flags of later files replace same-named earlier ones, valid or not.
    static func load(_ files: [String], fractionalHashing: FractionalHashing = .v2) throws(GatewayError) -> FlagSet {
        var merged = FlagSet(fractionalHashing: fractionalHashing)
        for file in files {
            let data = try DocumentFile.read(file)
            do {
                let set = try FlagSet(parsing: data)
                for (key, flag) in set.flags {
                    merged.flags[key] = flag
                    merged.invalidFlags[key] = nil
                }
                for (key, problems) in set.invalidFlags {
                    merged.invalidFlags[key] = problems
                    merged.flags[key] = nil
                }
                merged.problems += set.problems.map { FlagProblem(path: "\(file): \($0.path)", message: $0.message) }
                merged.metadata.merge(set.metadata) { _, new in new }
            } catch {
                throw GatewayError("\(file) is not a valid flag file:\n" + error.problems.map(\.description).joined(separator: "\n"))
            }
        }
        return merged
    }

    /// One warning per problem, so a broken flag is visible where the gateway runs.
    private static func logProblems(of flags: FlagSet, logger: Logger) {
        for problem in flags.problems {
            logger.warning("flag problem, the flag answers PARSE_ERROR until it is fixed: \(problem)")
        }
    }
}

/// A flag release's policy reads the flags in force from the store.
extension FlagStore: FlagSource {}
