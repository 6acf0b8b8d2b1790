import ArgumentParser
import Dispatch
import Foundation
import TurnoutCore
import TurnoutLoad

/// `turnout load`: replays a CSV data set against a model behind a gateway.
struct Load: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay a CSV data set against a model and summarise latency, split and accuracy.",
        discussion: """
            Each row becomes an Open Inference Protocol request (FP32, shape [1, F]); every column \
            but the label is a feature. With --rate the load is open-loop: requests start on \
            schedule whatever the gateway's speed, so a slow gateway shows as latency. Unit ids \
            user-0 ... user-(N-1) go in the unit header so a sticky split has users to keep. \
            Ctrl-C stops early and prints the summary so far.
            """
    )

    @Option(help: "The gateway's data-plane URL.")
    var url = "http://127.0.0.1:8080"

    @Option(help: "The model to send to.")
    var model = "breast-cancer"

    @Option(help: ArgumentHelp("The CSV file to replay (header row, numeric features).", valueName: "CSV"))
    var data = "examples/data/breast_cancer.csv"

    @Option(help: ArgumentHelp("The label column; by default `label` when the file has one.", valueName: "COLUMN"))
    var label: String?

    @Option(help: ArgumentHelp("Requests per second, open-loop; without it, as fast as --concurrency allows.", valueName: "RPS"))
    var rate: Double?

    @Option(help: ArgumentHelp("How long to send, such as 30s or 2m (default 30s unless --requests is given).", valueName: "DURATION"))
    var duration: String?

    @Option(help: "How many requests to send.")
    var requests: Int?

    @Option(help: "Distinct unit ids to send; 0 sends none.")
    var users = 1000

    @Option(help: "The header carrying the unit id.")
    var unitHeader = "x-user-id"

    @Option(help: "Most requests in flight at once.")
    var concurrency = 32

    @Flag(help: "Post reward 1 when the answer matches the label, else 0, to /v1/feedback.")
    var feedback = false

    @Option(help: "Seed for the choice of rows and users.")
    var seed: UInt64 = 1

    @Flag(help: "Print the summary as JSON.")
    var json = false

    func validate() throws {
        if let rate, !(rate > 0) { throw ValidationError("--rate must be above 0") }
        if let requests, requests <= 0 { throw ValidationError("--requests must be above 0") }
        if concurrency <= 0 { throw ValidationError("--concurrency must be above 0") }
        if users < 0 { throw ValidationError("--users must not be negative") }
        if let duration, ConfigUnits.duration(duration) == nil { throw ValidationError("--duration: expected a duration such as 30s or 2m, got \"\(duration)\"") }
    }

    func run() async throws {
        let dataSet = try readDataSet()
        var options = LoadOptions(url: url.hasSuffix("/") ? String(url.dropLast()) : url, model: model)
        options.rate = rate
        options.requests = requests
        options.duration = duration.flatMap { ConfigUnits.duration($0) } ?? (requests == nil ? .seconds(30) : nil)
        options.users = users
        options.unitHeader = unitHeader.lowercased()
        options.concurrency = concurrency
        options.feedback = feedback
        options.seed = seed
        if feedback && dataSet.labels == nil {
            throw ValidationError("--feedback needs labels: the data has no label column (pass --label COLUMN)")
        }
        let generator = LoadGenerator(options: options, data: dataSet)
        let showProgress = !json
        let run = Task {
            await generator.run { progress in
                if showProgress { ProgressLine.show(progress) }
            }
        }
        let interrupt = Self.cancelOnInterrupt(run)
        let report = await run.value
        interrupt.cancel()
        if showProgress { ProgressLine.finish() }
        print(json ? try LoadSummary.json(report) : LoadSummary.text(report))
    }

    private func readDataSet() throws -> LoadDataSet {
        let text: String
        do {
            text = try String(contentsOfFile: data, encoding: .utf8)
        } catch {
            throw CommandFailure("cannot read \(data): \(error.localizedDescription)")
        }
        let header = text.prefix { !$0.isNewline }.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let column = label ?? (header.contains("label") ? "label" : nil)
        do {
            return try LoadDataSet(csv: text, labelColumn: column)
        } catch {
            throw CommandFailure("\(data): \(error.description)")
        }
    }

    /// Ctrl-C cancels the run, which then returns the summary so far.
    private static func cancelOnInterrupt(_ task: Task<LoadReport, Never>) -> any DispatchSourceSignal {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT)
        source.setEventHandler { task.cancel() }
        source.resume()
        return source
    }
}
