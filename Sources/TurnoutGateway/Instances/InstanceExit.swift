/// How an instance ended, as far as its driver can tell.
package struct InstanceExit: Sendable, Equatable, CustomStringConvertible {
    /// How the instance's main process ended.
    package enum Status: Sendable, Equatable {
        /// It exited with this code.
        case exited(Int32)
        /// A signal ended it.
        case signalled(Int32)
    }

    package let status: Status
    /// The last line it wrote to standard error, which usually names the reason.
    package let lastErrorLine: String?

    package init(status: Status, lastErrorLine: String? = nil) {
        self.status = status
        self.lastErrorLine = lastErrorLine
    }

    /// `exited with status 1: ModuleNotFoundError: ...` or `killed by signal 9`.
    package var description: String {
        let ending = switch status {
        case .exited(let code): "exited with status \(code)"
        case .signalled(let signal): "killed by signal \(signal)"
        }
        guard let lastErrorLine, !lastErrorLine.isEmpty else { return ending }
        return "\(ending): \(lastErrorLine)"
    }
}
