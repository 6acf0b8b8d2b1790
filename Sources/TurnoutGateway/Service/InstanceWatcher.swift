import ServiceLifecycle
import TurnoutCore

/// Routes to the `process` versions' instances as they become ready or leave, and stops them
/// all when the gateway stops.
///
/// Listed before the data plane among the services, so it stops after it: the instances keep
/// answering the requests the data plane finishes during its grace period.
struct InstanceWatcher: Service {
    let instances: ManagedInstances
    let publisher: SnapshotPublisher

    func run() async throws {
        let changes = await instances.supervisor.readySetChanges()
        await cancelWhenGracefulShutdown {
            for await _ in changes {
                publisher.instancesChanged(ready: await instances.readyAddresses(in: publisher.config))
            }
        }
        await instances.supervisor.shutdown()
    }
}
