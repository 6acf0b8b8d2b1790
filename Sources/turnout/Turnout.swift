import ArgumentParser
import TurnoutGateway

/// The `turnout` command: a release gateway for machine-learning models.
@main
struct Turnout: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "turnout",
        abstract: "A release gateway for machine-learning models.",
        discussion: """
            Turnout sits in front of model servers and decides, for every inference request, \
            which model version answers it, and moves each model's release through its steps.

            `serve` runs the gateway. `status`, `events`, `apply` and the release commands \
            (promote, abort, retry, rollback, pause, resume) work on a running gateway through \
            its admin API.
            """,
        version: Gateway.version,
        subcommands: [
            Serve.self, Validate.self, Status.self,
            Promote.self, Abort.self, Retry.self, Rollback.self, Pause.self, Resume.self,
            Apply.self, Events.self, Experiment.self, Shadow.self,
            Load.self, Analyze.self, Flags.self, Simulate.self,
        ]
    )
}
