import ArgumentParser
import Foundation
import TurnoutAdminAPI
import TurnoutCLI
import TurnoutCore

/// `turnout apply --config FILE`: sends the releases in a configuration file to a running gateway.
struct Apply: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start the releases written in a configuration file on a running gateway.",
        discussion: """
            Checks the whole file first, as `turnout validate` does; if it has any problem, \
            prints them and exits 1 without contacting the gateway. Then, for each model in the \
            file (or only --model), sends the model's release to \
            PUT /api/v1/models/{model}/release, which starts it as a new release at its first \
            step, and prints the new revision and phase. It stops at the first model the \
            gateway refuses, naming it; the models before it stay applied.

            apply changes releases only. A change to a model's versions, upstreams or other \
            settings, or a new model, needs the gateway's own configuration file (which the \
            gateway reloads when it changes) or a restart.

            The token, when the gateway requires one, comes from TURNOUT_ADMIN_TOKEN.
            """
    )

    @Option(help: ArgumentHelp("The YAML configuration whose releases to apply.", valueName: "FILE"))
    var config: String

    @Option(help: ArgumentHelp("Apply only this model's release.", valueName: "NAME"))
    var model: String?

    @OptionGroup var admin: AdminOptions

    func run() async throws {
        let models = try selectedModels(in: ConfigFile.load(config))
        let client = admin.client
        var applied: [String] = []
        var answers: [String] = []
        for model in models {
            let response = try await apply(model, with: client, after: applied)
            applied.append(model.name)
            answers.append(response.text)
            if !admin.json {
                print(AdminFormat.appliedLine(try response.decode(ModelAnswer.self)))
            }
        }
        if admin.json {
            // The answers joined in the shape of GET /api/v1/models, so one parser reads both.
            print(#"{"models":[\#(answers.joined(separator: ","))]}"#)
        }
    }

    private func selectedModels(in file: TurnoutConfig) throws -> [ModelConfig] {
        guard let model else { return file.models }
        guard let chosen = file.model(named: model) else {
            let names = file.models.map(\.name).joined(separator: ", ")
            throw CommandFailure("\(config) has no model named \(model) (models: \(names))")
        }
        return [chosen]
    }

    /// PUTs one model's release; a failure names the model and what was already applied.
    private func apply(_ model: ModelConfig, with client: AdminClient, after applied: [String]) async throws -> AdminClient.Response {
        do {
            return try await client.put(AdminClient.modelPath(model.name, "/release"), body: Data(model.release.configJSON.utf8))
        } catch {
            var lines = ["\(model.name): \(error)"]
            if (error as? AdminRefusal)?.status == 404 {
                lines.append("the gateway does not serve this model: models and versions come from its own configuration file")
            }
            if !applied.isEmpty {
                lines.append("already applied: \(applied.joined(separator: ", "))")
            }
            throw CommandFailure(lines.joined(separator: "\n"))
        }
    }
}
