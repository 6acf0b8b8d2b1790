import ArgumentParser
import Foundation
import TurnoutCore
import TurnoutGateway

/// `turnout validate`: checks a configuration and lists every problem.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a configuration file.",
        discussion: """
            Prints `ok` and exits 0 when the file is valid; otherwise prints one line per problem, as \
            `key.path: what was expected`, and exits 1. TLS files are read, and an admin API that would \
            be refused at start (not on loopback, without a token) is reported; notes that depend on the \
            environment of `turnout serve` (whether the admin token is set) go to standard error.
            """
    )

    @Option(name: .long, help: ArgumentHelp("The YAML configuration to check.", valueName: "FILE"))
    var config: String

    func run() throws {
        let text: String
        do {
            text = try DocumentFile.text(config)
        } catch {
            FileHandle.standardError.write(Data("\(error.description)\n".utf8))
            throw ExitCode(2)
        }
        let parsed: TurnoutConfig
        do {
            parsed = try TurnoutConfig.parse(yaml: text)
        } catch {
            print(error.description)
            throw ExitCode(1)
        }
        let resolved = parsed.resolvingPaths(relativeTo: URL(fileURLWithPath: config).deletingLastPathComponent().path)
        let problems = Self.adminProblems(parsed.admin) + Gateway.tlsProblems(in: resolved)
        guard problems.isEmpty else {
            print(problems.joined(separator: "\n"))
            throw ExitCode(1)
        }
        for note in Self.adminNotes(parsed.admin, environment: ProcessInfo.processInfo.environment) {
            FileHandle.standardError.write(Data("note: \(note)\n".utf8))
        }
        print("ok")
    }

    /// An admin API that can never start: off loopback with no token variable and no opt-in.
    static func adminProblems(_ admin: AdminConfig) -> [String] {
        guard admin.tokenEnv == nil, AdminExposure.of(admin, tokenSet: false) == .refused else { return [] }
        return [AdminExposure.refusal(admin).description]
    }

    /// What depends on the environment `turnout serve` will have, judged from this one.
    static func adminNotes(_ admin: AdminConfig, environment: [String: String]) -> [String] {
        let tokenSet = admin.tokenEnv.flatMap { environment[$0] }.map { !$0.isEmpty } ?? false
        switch AdminExposure.of(admin, tokenSet: tokenSet) {
        case .refused:
            let variable = admin.tokenEnv ?? "the admin token"
            return ["admin.listen: \(admin.listen) is not a loopback address, so turnout serve starts only with \(variable) set (it is not set here) or admin.allow_unauthenticated: true"]
        case .unauthenticatedByChoice:
            return ["admin.allow_unauthenticated: \(AdminExposure.warning(admin))"]
        case .token, .loopbackOnly:
            return []
        }
    }
}
