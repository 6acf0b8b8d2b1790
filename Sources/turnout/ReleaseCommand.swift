import ArgumentParser
import TurnoutAdminAPI
import TurnoutCLI

/// A command that moves one model's release through its lifecycle, as
/// `POST /api/v1/models/{model}/{action}`.
///
/// Each verb is a thin struct that names its action and its help; the call and the output are
/// shared here. A phase that does not allow the action comes back as 409 with the gateway's
/// explanation (which actions it does allow), printed as it is.
protocol ReleaseCommand: AsyncParsableCommand {
    /// The action's path segment, such as `promote`.
    static var action: String { get }
    var options: ReleaseCommandOptions { get }
    /// The query string for the call; empty unless a verb has its own switches.
    var query: String { get }
}

extension ReleaseCommand {
    var query: String { "" }

    func run() async throws {
        let path = AdminClient.modelPath(options.model, "/\(Self.action)") + query
        let response = try await options.admin.client.post(path, body: try options.body(), ifMatch: options.ifMatch)
        print(options.admin.json ? response.text : AdminFormat.releaseLine(try response.decode(ModelAnswer.self)))
    }

    /// A verb's own help followed by what every release command shares.
    static func discussion(_ own: String) -> String {
        own + "\n\n" + """
            Prints the model's new phase, step and revision and the reason recorded; --json \
            prints the model as the admin API returns it. The token, when the gateway requires \
            one, comes from TURNOUT_ADMIN_TOKEN.
            """
    }
}
