import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore

/// `turnout status`: what a running gateway is serving, from its admin API.
struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show each model's release: strategy, versions and traffic weights.",
        discussion: "Reads the admin API of a running gateway. The token, when the gateway requires one, comes from TURNOUT_ADMIN_TOKEN."
    )

    @Argument(help: "Only this model.")
    var model: String?

    @Option(help: "The gateway's admin URL.")
    var server = "http://127.0.0.1:8081"

    @Flag(help: "Print the admin API's JSON.")
    var json = false

    func run() async throws {
        let base = server.hasSuffix("/") ? String(server.dropLast()) : server
        let path = model.map { "/api/v1/models/\($0)" } ?? "/api/v1/models"
        var request = HTTPClientRequest(url: base + path)
        if let token = ProcessInfo.processInfo.environment["TURNOUT_ADMIN_TOKEN"], !token.isEmpty {
            request.headers.add(name: "authorization", value: "Bearer \(token)")
        }
        let body: ByteBuffer
        let status: UInt
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            status = response.status.code
            body = try await response.body.collect(upTo: 16 << 20)
        } catch {
            throw CommandFailure("cannot reach the admin API at \(base): \(error)")
        }
        let data = Data(body.readableBytesView)
        guard status == 200 else {
            let message = (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["error"] as? String
            throw CommandFailure("the admin API answered \(status)\(message.map { ": \($0)" } ?? "")")
        }
        if json {
            print(String(decoding: data, as: UTF8.self))
            return
        }
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        let models = model == nil ? (object["models"] as? [[String: Any]] ?? []) : [object]
        print(Self.table(models))
    }

    static func table(_ models: [[String: Any]]) -> String {
        var rows = [["MODEL", "STRATEGY", "VERSION", "WEIGHT %"]]
        for model in models {
            let name = model["name"] as? String ?? "?"
            let strategy = model["strategy"] as? String ?? "?"
            let weights = model["weights"] as? [String: Double] ?? [:]
            for (index, version) in (model["versions"] as? [String] ?? []).enumerated() {
                let weight = weights[version].map { String(format: "%.1f", $0) } ?? "-"
                rows.append([index == 0 ? name : "", index == 0 ? strategy : "", version, weight])
            }
        }
        let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { $1.padding(toLength: widths[$0] + 2, withPad: " ", startingAt: 0) }.joined()
                .trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }
}
