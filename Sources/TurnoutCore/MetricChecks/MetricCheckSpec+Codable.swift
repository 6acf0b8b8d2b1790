/// A check is stored in the shape it is configured in: `name`, `prometheus` or `web`,
/// `fail_when` or `pass_when`, `no_data`; the condition, templates and path are stored as
/// written and read again on decoding.
extension MetricCheckSpec: Codable {
    private enum CodingKeys: String, CodingKey {
        case name, prometheus, web
        case failWhen = "fail_when"
        case passWhen = "pass_when"
        case noData = "no_data"
    }

    private enum ProviderKeys: String, CodingKey {
        case url, query, timeout, step, reduce
        case jsonPath = "json_path"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        switch provider {
        case .prometheus(let prometheus):
            var settings = container.nestedContainer(keyedBy: ProviderKeys.self, forKey: .prometheus)
            try settings.encode(prometheus.url.source, forKey: .url)
            try settings.encode(prometheus.query.source, forKey: .query)
            try settings.encode(prometheus.timeout, forKey: .timeout)
            // Left out for an instant query, so checks stored before range queries keep their form.
            try settings.encodeIfPresent(prometheus.range?.step, forKey: .step)
            try settings.encodeIfPresent(prometheus.range?.reduce, forKey: .reduce)
        case .web(let web):
            var settings = container.nestedContainer(keyedBy: ProviderKeys.self, forKey: .web)
            try settings.encode(web.url.source, forKey: .url)
            try settings.encode(web.jsonPath.source, forKey: .jsonPath)
            try settings.encode(web.timeout, forKey: .timeout)
        }
        try container.encode(condition.source, forKey: condition.kind == .failWhen ? .failWhen : .passWhen)
        try container.encode(noData, forKey: .noData)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        if container.contains(.prometheus) {
            let settings = try container.nestedContainer(keyedBy: ProviderKeys.self, forKey: .prometheus)
            provider = .prometheus(
                MetricProvider.Prometheus(
                    url: try Self.decoded(settings, .url, MetricTemplate.init(parsing:)),
                    query: try Self.decoded(settings, .query, MetricTemplate.init(parsing:)),
                    timeout: try settings.decode(Double.self, forKey: .timeout),
                    range: try settings.decodeIfPresent(Double.self, forKey: .step).map { step in
                        MetricProvider.Prometheus.Range(step: step, reduce: try settings.decodeIfPresent(MetricProvider.Prometheus.Reduction.self, forKey: .reduce) ?? .max)
                    }
                )
            )
        } else {
            let settings = try container.nestedContainer(keyedBy: ProviderKeys.self, forKey: .web)
            provider = .web(
                MetricProvider.Web(
                    url: try Self.decoded(settings, .url, MetricTemplate.init(parsing:)),
                    jsonPath: try Self.decoded(settings, .jsonPath, MetricJSONPath.init(parsing:)),
                    timeout: try settings.decode(Double.self, forKey: .timeout)
                )
            )
        }
        let kind: MetricCondition.Kind = container.contains(.failWhen) ? .failWhen : .passWhen
        condition = try Self.decoded(container, kind == .failWhen ? .failWhen : .passWhen) { text in try MetricCondition(kind: kind, parsing: text) }
        noData = try container.decode(NoData.self, forKey: .noData)
    }

    /// A stored text read by `parse`, whose error becomes a decoding error.
    private static func decoded<Key: CodingKey, Value>(
        _ container: KeyedDecodingContainer<Key>, _ key: Key, _ parse: (String) throws -> Value
    ) throws -> Value {
        let text = try container.decode(String.self, forKey: key)
        do {
            return try parse(text)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "\(error)")
        }
    }
}
