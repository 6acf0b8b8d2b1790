/// The answer of `GET /api/v1/models/{model}/history`: statistics the store keeps only as they
/// stand now (a bandit's P(best) and shares, a shadow's agreement and kappa), sampled by the
/// gateway every few seconds since the release began, so a chart can show how they moved.
///
/// Kept in the memory of the replica that answers, for the last ``HistoryAnswer/capacity`` samples:
/// a restart starts the history again.
public struct HistoryAnswer: Sendable, Hashable, Codable {
    /// The most samples kept per model.
    public static let capacity = 720

    /// The model.
    public var model: String
    /// Seconds between samples.
    public var intervalSeconds: Double
    /// Each statistic's samples as `[time, value]` pairs (time in seconds since 1970), oldest
    /// first. Names: `best/ARM` and `share/ARM` for a bandit, `agreement/SHADOW` and
    /// `kappa/SHADOW` for a shadow release.
    public var series: [String: [[Double]]]

    /// Creates an answer.
    public init(model: String, intervalSeconds: Double, series: [String: [[Double]]]) {
        self.model = model
        self.intervalSeconds = intervalSeconds
        self.series = series
    }

    enum CodingKeys: String, CodingKey {
        case model, series
        case intervalSeconds = "interval_seconds"
    }
}
