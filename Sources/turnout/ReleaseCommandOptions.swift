import ArgumentParser
import Foundation
import TurnoutAdminAPI

/// The arguments every release command takes: which model, why, and against which revision.
struct ReleaseCommandOptions: ParsableArguments {
    @Argument(help: "The model whose release to change.")
    var model: String

    @Option(help: ArgumentHelp("Why, for the audit log (see `turnout events`).", valueName: "TEXT"))
    var reason: String?

    @Option(help: ArgumentHelp(
        "Act only if the release is still at this revision (from `turnout status`); otherwise the gateway refuses with 409.",
        valueName: "REVISION"
    ))
    var ifMatch: Int?

    @OptionGroup var admin: AdminOptions

    /// The request body: `{"reason": ...}` when a reason is given, else none.
    func body() throws -> Data? {
        guard let reason else { return nil }
        return try AdminJSON.encode(CommandRequest(reason: reason))
    }
}
