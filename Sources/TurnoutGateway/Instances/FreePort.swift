import NIOCore
import NIOPosix

/// Picks a port no one listens on, for a new instance.
///
/// The port is free when it is picked, not necessarily when the instance binds it: another
/// process may take it in between. An instance that then fails to bind exits, and the
/// supervisor restarts it on a newly picked port.
enum FreePort {
    /// A port on `127.0.0.1` the kernel just handed out and this process released again.
    static func pick(group: any EventLoopGroup) async throws -> Int {
        let channel = try await ServerBootstrap(group: group).bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port
        // Closed before the child starts, so the child's bind does not find it still taken.
        try await channel.close()
        guard let port else { throw NoPort() }
        return port
    }

    struct NoPort: Error {}
}
