#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import NIOCore

/// One instance started by ``ProcessInstanceDriver``: a child process leading its own process
/// group, its output read into the log.
package final class ProcessInstance: InstanceHandle {
    package let address: InstanceAddress
    /// The child's pid, also the id of its process group.
    package var pid: Int32 { ending.pid }

    private let ending: ProcessEnding
    private let lastErrorLine: LastOutputLine
    private let outputs: [any Channel]

    /// How long the output of an ended child is still read, for a grandchild that inherited the
    /// pipes may keep them open for as long as it runs. Normally the pipes end with the child;
    /// this only bounds the wait, so it is generous enough for a busy event loop.
    static let outputLinger = TimeAmount.seconds(2)

    init(address: InstanceAddress, ending: ProcessEnding, lastErrorLine: LastOutputLine, outputs: [any Channel]) {
        self.address = address
        self.ending = ending
        self.lastErrorLine = lastErrorLine
        self.outputs = outputs
    }

    package func exit() async -> InstanceExit {
        let status = await ending.wait()
        await finishReadingOutput()
        return InstanceExit(status: status, lastErrorLine: lastErrorLine.value)
    }

    @discardableResult
    package func stop(grace: Duration) async -> InstanceExit {
        // The group, not only the child: a shell wrapper's processes are stopped with it.
        ending.signalGroup(SIGTERM)
        let force = Task { [ending] in
            try await Task.sleep(for: grace)
            ending.signalGroup(SIGKILL)
        }
        defer { force.cancel() }
        return await exit()
    }

    /// Waits until the output pipes reach their end, so the last line written before the exit
    /// is in the log and in the exit's report.
    private func finishReadingOutput() async {
        for channel in outputs {
            channel.eventLoop.scheduleTask(in: Self.outputLinger) { channel.close(promise: nil) }
            try? await channel.closeFuture.get()
        }
    }
}
