import ArgumentParser
import Foundation

/// The options every admin-API command shares: where the gateway is and how to print.
struct AdminOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The gateway's admin URL.", valueName: "URL"))
    var server = AdminClient.defaultServer

    @Flag(help: "Print the admin API's JSON answer, for scripts.")
    var json = false

    @Option(help: ArgumentHelp("PEM CA certificates to trust for an https admin URL (default: $\(AdminTLS.caVariable), else the system's).", valueName: "FILE"))
    var caFile: String?

    @Option(help: ArgumentHelp("PEM client certificate for an admin API with mutual TLS (default: $\(AdminTLS.clientCertVariable)).", valueName: "FILE"))
    var clientCert: String?

    @Option(help: ArgumentHelp("The client certificate's PEM private key (default: $\(AdminTLS.clientKeyVariable)).", valueName: "FILE"))
    var clientKey: String?

    func validate() throws {
        // Catches `--server 127.0.0.1:8081`, which would otherwise fail as an unreachable URL.
        guard server.hasPrefix("http://") || server.hasPrefix("https://") else {
            throw ValidationError("--server: expected an http:// or https:// URL, got \"\(server)\"")
        }
    }

    /// A client of the server these options name.
    var client: AdminClient {
        let environment = ProcessInfo.processInfo.environment
        let tls = AdminTLS(caFile: caFile, clientCert: clientCert, clientKey: clientKey, environment: environment)
        return AdminClient(server: server, tls: tls, environment: environment)
    }

    /// Reads an answer from the admin API and prints it as is with --json, or as `report` makes it.
    func show<Answer: Decodable>(_ path: String, as type: Answer.Type, report: (Answer) -> String) async throws {
        let response = try await client.get(path)
        if json {
            print(response.text)
            return
        }
        print(report(try response.decode(type)))
    }
}
