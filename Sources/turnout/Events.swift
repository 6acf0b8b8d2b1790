import ArgumentParser
import TurnoutAdminAPI
import TurnoutCLI

/// `turnout events [MODEL]`: the audit log of release changes, from the admin API.
struct Events: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the audit log: who changed which release, how and why.",
        discussion: """
            Newest first: the time (UTC), the model, who acted (an operator through the API or \
            the command line, or the gateway's own controller), the action, the phase before \
            and after, and the reason recorded.

            Reads the admin API of a running gateway. The token, when the gateway requires one, \
            comes from TURNOUT_ADMIN_TOKEN.
            """
    )

    @Argument(help: "Only this model's events.")
    var model: String?

    @Option(help: ArgumentHelp("How many events to show, newest first.", valueName: "N"))
    var limit = 20

    @OptionGroup var admin: AdminOptions

    func validate() throws {
        if limit <= 0 { throw ValidationError("--limit must be above 0") }
    }

    func run() async throws {
        let response = try await admin.client.get("/api/v1/events" + AdminClient.query([("model", model), ("limit", String(limit))]))
        if admin.json {
            print(response.text)
            return
        }
        let events = try response.decode(EventsAnswer.self).events
        print(events.isEmpty ? "no events\(model.map { " for \($0)" } ?? "")" : AdminFormat.events(events))
    }
}
