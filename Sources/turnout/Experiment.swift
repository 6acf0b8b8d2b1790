import ArgumentParser
import Foundation
import TurnoutAdminAPI
import TurnoutCLI

/// `turnout experiment MODEL`: an A/B test's arms, comparisons and decision, from the admin API.
struct Experiment: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show an A/B test: each arm's evidence, each variant against control, and the decision.",
        discussion: """
            Per arm: units with the metric (n), the mean and its confidence interval. Per variant: \
            the effect against control (relative effects in percent), its interval, the p-value \
            (Holm-adjusted with several variants), the chance to win and the expected loss (risk) \
            of shipping it, from the Bayesian model. Then the sample-ratio check (a p-value below \
            0.001 means assignment is broken and nothing is concluded) and the decision: keep \
            running, a variant wins, control wins, or no difference at the end.

            Reads the admin API of a running gateway. The token, when the gateway requires one, \
            comes from TURNOUT_ADMIN_TOKEN.
            """
    )

    @Argument(help: "The model whose release is an A/B test.")
    var model: String

    @OptionGroup var admin: AdminOptions

    func run() async throws {
        try await admin.show(AdminClient.modelPath(model, "/experiment"), as: ExperimentAnswer.self, report: ExperimentReport.text)
    }
}
