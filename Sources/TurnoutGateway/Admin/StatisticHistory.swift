import NIOConcurrencyHelpers
import TurnoutAdminAPI
import TurnoutCore

/// The recent samples of statistics the store keeps only as they stand now, per model, in
/// memory: what `GET /api/v1/models/{model}/history` answers and the dashboard charts.
///
/// A model's history starts again when its release changes (another spec), so a chart never
/// joins two releases' numbers.
final class StatisticHistory: Sendable {
    private struct Track {
        var spec: ReleaseSpec
        var samples: [(time: Double, values: [String: Double])] = []
    }

    /// Seconds between samples.
    let interval: Double
    private let tracks = NIOLockedValueBox([String: Track]())

    init(interval: Double = 5) {
        self.interval = interval
    }

    /// Adds one sample of `model`'s statistics under the release `spec`; non-finite values are left out.
    func record(model: String, spec: ReleaseSpec, time: Double, values: [String: Double]) {
        let finite = values.filter { $0.value.isFinite }
        tracks.withLockedValue { tracks in
            if tracks[model]?.spec != spec { tracks[model] = Track(spec: spec) }
            tracks[model]?.samples.append((time, finite))
            if let count = tracks[model]?.samples.count, count > HistoryAnswer.capacity {
                tracks[model]?.samples.removeFirst(count - HistoryAnswer.capacity)
            }
        }
    }

    /// Forgets models that no longer have a release of a sampled kind.
    func keep(only models: Set<String>) {
        tracks.withLockedValue { tracks in tracks = tracks.filter { models.contains($0.key) } }
    }

    /// The samples of `model`, as series per statistic.
    func answer(model: String) -> HistoryAnswer {
        let samples = tracks.withLockedValue { $0[model]?.samples ?? [] }
        var series: [String: [[Double]]] = [:]
        for sample in samples {
            for (name, value) in sample.values { series[name, default: []].append([sample.time, value]) }
        }
        return HistoryAnswer(model: model, intervalSeconds: interval, series: series)
    }
}
