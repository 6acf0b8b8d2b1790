/// Where a metric check's value comes from.
public enum MetricProvider: Sendable, Equatable {
    /// An instant query of Prometheus' HTTP API (`GET {url}/api/v1/query`).
    case prometheus(Prometheus)
    /// A `GET` of a URL whose JSON answer holds the value at a path.
    case web(Web)

    /// The default time a provider has to answer.
    public static let defaultTimeout = 10.0

    /// A Prometheus server and the query whose one value is judged.
    public struct Prometheus: Sendable, Equatable {
        /// The server's base URL, such as `http://127.0.0.1:9090`.
        public var url: MetricTemplate
        /// The PromQL query.
        public var query: MetricTemplate
        /// Seconds the server has to answer.
        public var timeout: Double

        /// A provider from its parts.
        public init(url: MetricTemplate, query: MetricTemplate, timeout: Double = MetricProvider.defaultTimeout) {
            self.url = url
            self.query = query
            self.timeout = timeout
        }
    }

    /// A web endpoint answering JSON.
    public struct Web: Sendable, Equatable {
        /// The URL fetched.
        public var url: MetricTemplate
        /// Where the value is in the answer.
        public var jsonPath: MetricJSONPath
        /// Seconds the endpoint has to answer.
        public var timeout: Double

        /// A provider from its parts.
        public init(url: MetricTemplate, jsonPath: MetricJSONPath, timeout: Double = MetricProvider.defaultTimeout) {
            self.url = url
            self.jsonPath = jsonPath
            self.timeout = timeout
        }
    }

    /// Seconds the provider has to answer.
    public var timeout: Double {
        switch self {
        case .prometheus(let prometheus): prometheus.timeout
        case .web(let web): web.timeout
        }
    }
}
