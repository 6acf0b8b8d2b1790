import ArgumentParser
import Foundation
import TurnoutAdminAPI
import TurnoutCLI

/// `turnout status`: what a running gateway is serving, from its admin API.
struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show each model's release and how its versions are doing.",
        discussion: """
            One row per version: the model's strategy, lifecycle phase, step and revision (the \
            value --if-match takes), then the version's share of traffic now and its requests, \
            error rate, median and 99th-percentile latency, feedback count and mean reward over \
            the stats window. A dash means the gateway has no value yet.

            Below the table: for a model with process versions, its instances per version and \
            state (starting, ready, draining, failed), the ones restarted or failed with how \
            they last exited, and the requests held while a version had no ready instance (with \
            a recreate's measured gap); for a canary, blue-green or rolling release, its newest \
            analysis with each check's verdict. Replicas sharing a PostgreSQL store are listed \
            last: which one leads (runs the release controllers) and since when.

            Reads the admin API of a running gateway. The token, when the gateway requires one, \
            comes from TURNOUT_ADMIN_TOKEN.
            """
    )

    @Argument(help: "Only this model.")
    var model: String?

    @Option(help: ArgumentHelp("The stats window in seconds (the gateway's default is 300).", valueName: "SECONDS"))
    var window: Int?

    @OptionGroup var admin: AdminOptions

    func validate() throws {
        if let window, window <= 0 { throw ValidationError("--window must be above 0") }
    }

    func run() async throws {
        let query = AdminClient.query([("window", window.map(String.init))])
        let client = admin.client
        let response = try await client.get((model.map { AdminClient.modelPath($0) } ?? "/api/v1/models") + query)
        if admin.json {
            print(response.text)
            return
        }
        let answer = model == nil ? try response.decode(ModelsAnswer.self) : ModelsAnswer(models: [try response.decode(ModelAnswer.self)])
        print(AdminFormat.status(answer.models))
        if let replicas = answer.replicas {
            print("\n" + AdminFormat.replicas(replicas, now: Date().timeIntervalSince1970))
        }
    }
}
