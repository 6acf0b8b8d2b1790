/// One started instance.
package protocol InstanceHandle: Sendable {
    /// Where the instance listens.
    var address: InstanceAddress { get }

    /// Waits until the instance has ended, for whatever reason, and tells how.
    func exit() async -> InstanceExit

    /// Asks the instance to stop (`SIGTERM`), forces it after `grace` (`SIGKILL`) and waits until
    /// it has ended. Stopping an instance that already ended only returns how it ended.
    @discardableResult
    func stop(grace: Duration) async -> InstanceExit
}
