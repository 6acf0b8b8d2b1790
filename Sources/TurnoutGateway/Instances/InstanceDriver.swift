/// Starts instances of a version somewhere: child processes on this machine
/// (``ProcessInstanceDriver``), or later Pods of a Kubernetes cluster.
///
/// The supervisor does everything else — readiness, restarts, draining — through this and
/// ``InstanceHandle``, so a new driver needs no change to the supervisor or the strategies.
package protocol InstanceDriver: Sendable {
    /// Starts one instance of `launch`; `name` labels its log lines.
    ///
    /// Returns once the instance was started, not once it is ready.
    func start(_ launch: InstanceLaunch, name: InstanceName) async throws -> any InstanceHandle
}
