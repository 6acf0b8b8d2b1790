import ArgumentParser

/// The options every admin-API command shares: where the gateway is and how to print.
struct AdminOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The gateway's admin URL.", valueName: "URL"))
    var server = AdminClient.defaultServer

    @Flag(help: "Print the admin API's JSON answer, for scripts.")
    var json = false

    func validate() throws {
        // Catches `--server 127.0.0.1:8081`, which would otherwise fail as an unreachable URL.
        guard server.hasPrefix("http://") || server.hasPrefix("https://") else {
            throw ValidationError("--server: expected an http:// or https:// URL, got \"\(server)\"")
        }
    }

    /// A client of the server these options name.
    var client: AdminClient { AdminClient(server: server) }
}
