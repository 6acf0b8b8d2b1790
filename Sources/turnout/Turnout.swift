import ArgumentParser
import TurnoutGateway

/// The `turnout` command: a release gateway for machine-learning models.
@main
struct Turnout: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "turnout",
        abstract: "A release gateway for machine-learning models.",
        discussion: """
            Turnout sits in front of model servers and decides, for every inference request, which
            model version answers it: single, weighted sticky splits, and more strategies to come.
            """,
        version: Gateway.version,
        subcommands: [Serve.self, Validate.self, Status.self, Load.self, Analyze.self, Flags.self]
    )
}
