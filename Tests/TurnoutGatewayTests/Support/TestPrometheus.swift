#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import AsyncHTTPClient
import Foundation
import Testing

/// A throwaway real Prometheus (Debian's `prometheus` package; `.ci/run` installs it) on a free
/// loopback port, with its own configuration and data directory, scraping every second the
/// `/metrics` of the targets the test lists in its file-based discovery (``scrape(_:)``), so a
/// gateway configured with Prometheus' URL can be added once it listens. ``with(_:)`` kills it
/// and removes its directory at the end.
///
/// Tests that need one are skipped outside CI when no `prometheus` binary is found, and fail
/// under CI, as the PostgreSQL tests do.
struct TestPrometheus {
    /// The binary: `TURNOUT_TEST_PROMETHEUS`, else `prometheus` on PATH.
    static var binary: String? {
        let environment = ProcessInfo.processInfo.environment
        if let given = environment["TURNOUT_TEST_PROMETHEUS"], !given.isEmpty { return given }
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/prometheus" }.first { access($0, X_OK) == 0 }
    }
    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty && $0 != "false" } ?? false }
    /// Whether the Prometheus tests run: a binary was found, or this is CI (where one must be).
    static var isRequested: Bool { binary != nil || isCI }
    static let skipMessage: Comment = """
        no prometheus binary on PATH (nor TURNOUT_TEST_PROMETHEUS): the tests against a real Prometheus are skipped. \
        Install it with apt-get install prometheus to run them.
        """

    let process: ChildProcess
    let port: Int
    let directory: URL
    var url: String { "http://127.0.0.1:\(port)" }

    /// Runs `body` with a Prometheus started and ready, scraping nothing yet; kills it
    /// afterwards, whatever `body` did.
    static func with<T>(_ body: (TestPrometheus) async throws -> T) async throws -> T {
        guard let binary else { throw Missing() }
        let prometheus = try await start(binary)
        defer { prometheus.kill() }
        return try await body(prometheus)
    }

    /// Starts Prometheus and waits until it is ready; a port taken meanwhile by someone else is
    /// tried again with another.
    private static func start(_ binary: String) async throws -> TestPrometheus {
        let directory = try TemporaryDirectory.make("prometheus")
        let config = """
            global: { scrape_interval: 1s, scrape_timeout: 1s, evaluation_interval: 1s }
            scrape_configs:
              - job_name: test
                file_sd_configs: [{ files: ['\(directory.path)/targets.json'], refresh_interval: 1s }]
            """
        try config.write(to: directory.appending(path: "prometheus.yml"), atomically: true, encoding: .utf8)
        try "[]".write(to: directory.appending(path: "targets.json"), atomically: true, encoding: .utf8)
        var failure = ""
        for _ in 0..<3 {
            let reserved = try ReservedPort()
            let port = reserved.port
            reserved.release()
            // Through sh so its log goes to a file the failure message can quote.
            let command = [
                "exec", binary, "--config.file=\(directory.path)/prometheus.yml", "--storage.tsdb.path=\(directory.path)/data",
                "--web.listen-address=127.0.0.1:\(port)", "--log.level=warn", "2>>\(directory.path)/prometheus.log",
            ].joined(separator: " ")
            let process = try ChildProcess("/bin/sh", ["-c", command], output: .null, errors: .null)
            let prometheus = TestPrometheus(process: process, port: port, directory: directory)
            if try await prometheus.becomesReady() { return prometheus }
            prometheus.process.signal(SIGKILL)
            prometheus.process.waitForExit()
            failure = (try? String(contentsOf: directory.appending(path: "prometheus.log"), encoding: .utf8)) ?? ""
        }
        try? FileManager.default.removeItem(at: directory)
        throw StartFailure(log: failure)
    }

    /// Polls `/-/ready` until it answers 200, or the process ends.
    private func becomesReady() async throws -> Bool {
        for _ in 0..<1200 {
            guard process.isRunning else { return false }
            if let answer = try? await HTTPClient.shared.send(.GET, "\(url)/-/ready"), answer.status == 200 { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    /// The value of an instant query answering one sample, `nil` while it answers none.
    func value(of query: String) async throws -> Double? {
        let escaped = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? query
        let answer = try await HTTPClient.shared.send(.GET, "\(url)/api/v1/query?query=\(escaped)")
        let result = (answer.json["data"] as? [String: Any])?["result"] as? [[String: Any]] ?? []
        guard result.count == 1, let sample = result[0]["value"] as? [Any], let text = sample.last as? String else { return nil }
        return Double(text)
    }

    /// Scrapes `targets` (`host:port`, path `/metrics`) from now on, and waits until each was
    /// scraped successfully.
    func scrape(_ targets: [String]) async throws {
        let listed = targets.map { "\"\($0)\"" }.joined(separator: ", ")
        // Written whole and renamed into place, so discovery never reads half a file.
        try "[{\"targets\": [\(listed)]}]".write(to: directory.appending(path: "targets.json"), atomically: true, encoding: .utf8)
        try await ReloadTests.eventually(timeout: .seconds(120)) {
            try await value(of: "count(up == 1)") == Double(targets.count)
        }
    }

    /// Kills the process (once) and removes its directory.
    func kill() {
        if process.isRunning { process.signal(SIGKILL) }
        process.waitForExit()
        try? FileManager.default.removeItem(at: directory)
    }

    struct Missing: Error, CustomStringConvertible {
        var description: String {
            "CI is set but no prometheus binary is on PATH (nor TURNOUT_TEST_PROMETHEUS): .ci/run must install it (apt-get install prometheus)"
        }
    }

    struct StartFailure: Error, CustomStringConvertible {
        let log: String
        var description: String { "prometheus did not become ready:\n\(log)" }
    }
}
