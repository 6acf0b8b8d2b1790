/// The answer of `GET /api/v1/models/{model}/series`: each version's requests, errors, latency
/// and rewards per stored interval, oldest first, as the dashboard charts them.
///
/// A version without requests in an interval is left out of that point; the newest point is the
/// interval still running, and `seconds` says how much of it has passed.
public struct SeriesAnswer: Sendable, Hashable, Codable {
    /// The model.
    public var model: String
    /// The configured versions, in configuration order.
    public var versions: [String]
    /// The length of one stored interval, in seconds.
    public var intervalSeconds: Int
    /// The intervals with data, oldest first.
    public var points: [Point]

    /// Creates an answer.
    public init(model: String, versions: [String], intervalSeconds: Int, points: [Point]) {
        self.model = model
        self.versions = versions
        self.intervalSeconds = intervalSeconds
        self.points = points
    }

    enum CodingKeys: String, CodingKey {
        case model, versions, points
        case intervalSeconds = "interval_seconds"
    }

    /// One interval.
    public struct Point: Sendable, Hashable, Codable {
        /// When the interval starts, in Unix seconds.
        public var time: Double
        /// How many seconds of it have passed: the interval's length, or less for the running one.
        public var seconds: Double
        /// Per version, its observations in the interval.
        public var versions: [String: VersionStatsAnswer]

        /// Creates a point.
        public init(time: Double, seconds: Double, versions: [String: VersionStatsAnswer]) {
            self.time = time
            self.seconds = seconds
            self.versions = versions
        }
    }
}
