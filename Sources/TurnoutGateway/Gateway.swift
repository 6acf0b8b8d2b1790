import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import TurnoutCore
import TurnoutFlags
import TurnoutPostgres
import TurnoutStore

/// A running Turnout gateway: the data plane, the admin listener and the readiness prober,
/// supervised together with graceful shutdown.
package final class Gateway: Sendable {
    /// The version reported by `GET /v2` and `--version`.
    package static let version = "0.1.0"

    private let config: TurnoutConfig
    private let logger: Logger
    private let shared: DataPlaneShared
    private let serviceGroup: ServiceGroup
    private let dataPlanePromise: EventLoopPromise<Int>
    private let adminPromise: EventLoopPromise<Int>
    let controller: ReleaseController
    private let security: GatewaySecurity

    /// Prepares a gateway for `config`: opens the store and resumes the stored releases.
    ///
    /// - Parameters:
    ///   - handleSignals: shut down gracefully on SIGTERM and SIGINT (the command line does; tests don't).
    ///   - environment: where the admin token and feedback secret variables are looked up.
    ///   - watching: a configuration file whose valid changes are applied while running.
    ///   - watchInterval: how often that file is checked.
    ///   - clock: the time the release controllers go by (step pauses, windows, intervals,
    ///     bandit waits); the real clock unless a test supplies one it advances itself.
    package init(
        config: TurnoutConfig,
        logger: Logger,
        handleSignals: Bool = false,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        watching configFile: String? = nil,
        watchInterval: Duration = .seconds(1),
        clock: @escaping @Sendable () -> Date = Date.init
    ) async throws {
        let security = try GatewaySecurity(config: config, environment: environment)
        let group = MultiThreadedEventLoopGroup.singleton
        var builder = SnapshotBuilder()
        let metrics = GatewayMetrics()
        let flags = config.flagFiles.isEmpty
            ? nil
            : try FlagStore(
                files: config.flagFiles, fractionalHashing: FractionalHashing(rawValue: config.flagsFractionalHashing) ?? .v2, logger: logger)
        let snapshot = try builder.build(config, flags: flags)
        let store = try await Self.openStore(config, environment: environment, logger: logger)
        let writer = store.map { StoreWriter(store: $0, metrics: metrics.makeStoreMetrics(), logger: logger) }
        let ledger = ShadowLedger(store: store, logger: logger)
        let mirror = ShadowMirror(ledger: ledger, metrics: metrics, logger: logger)
        let ofrepToken = config.ofrepTokenEnv.flatMap { environment[$0] }.flatMap { $0.isEmpty ? nil : $0 }
        let shared = DataPlaneShared(
            snapshot: snapshot, metrics: metrics, flags: flags, ofrepToken: ofrepToken, writer: writer, mirror: mirror, serverVersion: Self.version,
            feedbackTokens: security.feedbackTokens, scheme: security.dataPlaneTLS == nil ? "http" : "https"
        )
        let publisher = SnapshotPublisher(shared: shared, builder: builder, initial: config, flags: flags, logger: logger)
        let instances = ManagedInstances(
            supervisor: InstanceSupervisor(driver: ProcessInstanceDriver(group: group, logger: logger), logger: logger, now: clock), metrics: metrics)
        let notifier = Notifier(metrics: metrics, logger: logger)
        let controller = ReleaseController(
            store: store, publisher: publisher, logger: logger, shadowLedger: ledger, smokeRunner: SmokeRunner(shared: shared), instances: instances,
            notifier: notifier, analysisGauges: metrics.analysis, clock: clock)
        try await controller.recover()
        await ledger.load(models: config.models.map(\.name))
        await controller.loadControllerProgress()
        let dataPlanePromise = group.next().makePromise(of: Int.self)
        let adminPromise = group.next().makePromise(of: Int.self)
        let coordinator = store as? any ReplicaCoordinator
        let leadership = Leadership(leading: coordinator == nil)
        let replica = ReplicaRecord.starting(now: Date())
        let adminServices = AdminServices(
            shared: shared, controller: controller, publisher: publisher, writer: writer, store: store,
            replicas: coordinator.map { ReplicaView(coordinator: $0, replica: replica) })
        let adminConnections = ConnectionCounter(refused: metrics.connectionsRefused(listener: "admin"))
        let admin = Application(
            router: AdminRouter.make(adminServices, token: security.adminToken, requestGuard: security.adminGuard),
            server: .admin(limits: config.admin.limits, connections: adminConnections, tls: security.adminTLS),
            configuration: .init(address: .hostname(config.admin.listen.host, port: config.admin.listen.port), serverName: "turnout"),
            onServerRunning: { channel in adminPromise.succeed(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        let dataPlane = DataPlaneServer(
            address: config.listen,
            shared: shared,
            group: group,
            tls: security.dataPlaneTLS,
            grace: config.shutdownGrace,
            logger: logger,
            boundPort: dataPlanePromise
        )
        let prober = ReadinessProber(shared: shared, client: HTTPClient.shared, logger: logger)
        self.config = config
        self.logger = logger
        self.shared = shared
        self.dataPlanePromise = dataPlanePromise
        self.adminPromise = adminPromise
        self.controller = controller
        self.security = security
        // Services stop in reverse order: the store writer last, after the data plane has
        // finished its last requests, so their observations are written too.
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        if let postgres = store as? PostgresStore { services.append(.init(service: StoreCloser(store: postgres))) }
        if let writer { services.append(.init(service: writer)) }
        // Stops after the ticker, so the last tick's notifications are queued; what is still
        // queued then is not sent (shutting down does not wait on receivers).
        services.append(.init(service: notifier))
        // After the data plane stops, so the last requests' mirrors are offered; before the
        // writer, whose store the comparisons are saved to.
        services.append(.init(service: mirror))
        // After the data plane stops, so the instances answer its last requests.
        services.append(.init(service: InstanceWatcher(instances: instances, publisher: publisher)))
        services += [
            .init(service: dataPlane),
            .init(service: admin),
            .init(service: prober),
            .init(service: ReleaseTicker(controller: controller, leadership: leadership)),
            .init(service: StatisticSampler(services: adminServices, logger: logger)),
        ]
        if let coordinator {
            services.append(.init(service: ReplicaElection(
                coordinator: coordinator, replica: replica, leadership: leadership, controller: controller, logger: logger)))
        }
        if let feed = store as? any ReleaseChangeFeed {
            services.append(.init(service: SharedReleaseFollower(controller: controller, feed: feed, logger: logger)))
        }
        services += security.certificateWatchers(interval: watchInterval, logger: logger).map { .init(service: $0) }
        if let configFile {
            services.append(.init(service: FileWatcher(paths: [configFile], interval: watchInterval) {
                do {
                    try await controller.reload(try ConfigFileLoader.load(configFile))
                    logger.info("configuration reloaded", metadata: ["file": "\(configFile)"])
                } catch {
                    logger.error("configuration change refused, the previous one stays in force: \(error)")
                }
            }))
        }
        if let flags {
            services.append(.init(service: FileWatcher(paths: flags.files, interval: watchInterval) {
                flags.reload(logger: logger)
            }))
        }
        self.serviceGroup = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services,
                gracefulShutdownSignals: handleSignals ? [.sigterm, .sigint] : [],
                logger: logger
            )
        )
    }

    /// Opens the configured store; `nil` for `store: none`. A PostgreSQL URL's password (or the
    /// variable its `password_env` names) never appears in the error.
    private static func openStore(
        _ config: TurnoutConfig, environment: [String: String], logger: Logger
    ) async throws(GatewayError) -> (any Store)? {
        switch config.storeLocation {
        case .none?:
            return nil
        case .sqlite(let path)?:
            do {
                return try SQLiteStore(path: path)
            } catch {
                throw GatewayError("cannot open the store \(config.store): \(error)")
            }
        case .postgres(let url)?:
            do {
                let location = try PostgresLocation(url: url, environment: environment)
                return try await PostgresStore(location: location, logger: logger)
            } catch {
                throw GatewayError("cannot open the store: \(error)")
            }
        case nil:
            throw GatewayError("store: expected sqlite:PATH, postgres://USER@HOST:PORT/DB or none, got \"\(PostgresLocation.redacting(config.store))\"")
        }
    }

    /// Switches to `config`'s models and releases at once: requests already routed finish on the
    /// versions they were sent to, every new request sees the new routing. Models whose
    /// configured release changed start it; the others keep their release where it stands.
    /// Upstream instances and loaded models that stay keep their health and connections.
    /// Listen addresses, TLS settings and the admin token only change with a restart (the TLS
    /// files themselves are read again when they change).
    package func apply(_ config: TurnoutConfig) async throws(GatewayError) {
        try await controller.reload(config)
    }

    /// Runs until a shutdown signal or ``shutdown()``; in-flight requests get the grace period to finish.
    package func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.serviceGroup.run() }
            group.addTask { try await self.logStartup() }
            try await group.waitForAll()
        }
    }

    /// Starts a graceful shutdown.
    package func shutdown() async {
        await serviceGroup.triggerGracefulShutdown()
    }

    /// The data plane's port, once it listens (the bound port when the configuration asked for 0).
    package var dataPlanePort: Int {
        get async throws { try await dataPlanePromise.futureResult.get() }
    }

    /// The admin listener's port, once it listens.
    package var adminPort: Int {
        get async throws { try await adminPromise.futureResult.get() }
    }

    private func logStartup() async throws {
        let dataPort = try await dataPlanePort
        let adminPort = try await self.adminPort
        let models = config.models.map { model in
            "\(model.name) [\(model.versions.map(\.name).joined(separator: ", "))] \(model.release.strategyName)"
        }
        let dataScheme = security.dataPlaneTLS == nil ? "http" : "https"
        let adminScheme = security.adminGuard.scheme
        logger.info(
            "turnout \(Self.version) listening: data plane \(dataScheme)://\(config.listen.host):\(dataPort), admin \(adminScheme)://\(config.admin.listen.host):\(adminPort); models: \(models.joined(separator: "; "))"
        )
        security.logWarnings(logger)
    }
}

/// A gateway that cannot start, with the reason.
package struct GatewayError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    package let description: String

    init(_ description: String) {
        self.description = description
    }
}
