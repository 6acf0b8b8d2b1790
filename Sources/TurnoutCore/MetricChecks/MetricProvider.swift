/// Where a metric check's value comes from.
public enum MetricProvider: Sendable, Equatable {
    /// An instant query of Prometheus' HTTP API (`GET {url}/api/v1/query`), or a range query
    /// over the analysed window (`/api/v1/query_range`) reduced to one value.
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
        /// A range query over the analysed window instead of an instant query at its end.
        public var range: Range?

        /// A provider from its parts.
        public init(url: MetricTemplate, query: MetricTemplate, timeout: Double = MetricProvider.defaultTimeout, range: Range? = nil) {
            self.url = url
            self.query = query
            self.timeout = timeout
            self.range = range
        }

        /// A range query's resolution and how its samples become one value.
        public struct Range: Sendable, Equatable {
            /// Seconds between the samples Prometheus computes.
            public var step: Double
            /// How the samples are reduced.
            public var reduce: Reduction

            /// A range from its parts.
            public init(step: Double, reduce: Reduction = .max) {
                self.step = step
                self.reduce = reduce
            }
        }

        /// How a series' samples become the one value a condition judges; NaN samples are left out.
        public enum Reduction: String, Sendable, CaseIterable, Codable {
            case max, min, avg, last

            /// The samples reduced, or `nil` for none.
            public func reduced(_ samples: [Double]) -> Double? {
                guard let last = samples.last else { return nil }
                switch self {
                case .max: return samples.max()
                case .min: return samples.min()
                case .avg: return samples.reduce(0, +) / Double(samples.count)
                case .last: return last
                }
            }
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
