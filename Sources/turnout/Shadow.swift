import ArgumentParser
import Foundation
import TurnoutAdminAPI
import TurnoutCLI

/// `turnout shadow MODEL`: how each shadow's answers compare with the primary's, and whether it is ready.
struct Shadow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a shadow release: each shadow's answers compared with the primary's, and the verdict.",
        discussion: """
            Per shadow: mirrored pairs and the ones skipped (a body over max_body), dropped (the \
            mirror queue was full) or timed out; the error rate of each side; for classifiers the \
            agreement of the top-1 class and Cohen's kappa; for numbers the mean and largest \
            absolute difference and the mean relative difference; the drift of the shadow's \
            predictions from the primary's over the recent window (population stability index, \
            Jensen-Shannon distance, Kolmogorov-Smirnov statistic); the latency of each side. \
            Then the verdict against the release's compare thresholds: ready, or not ready with \
            the reasons.

            Reads the admin API of a running gateway. The token, when the gateway requires one, \
            comes from TURNOUT_ADMIN_TOKEN. `turnout promote MODEL --to VERSION` makes a shadow \
            the primary.
            """
    )

    @Argument(help: "The model whose release is a shadow release.")
    var model: String

    @OptionGroup var admin: AdminOptions

    func run() async throws {
        try await admin.show(AdminClient.modelPath(model, "/shadow"), as: ShadowAnswer.self, report: ShadowReport.text)
    }
}
