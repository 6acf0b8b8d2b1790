extension MetricCheckSpec {
    /// The check in the one-line JSON configuration form, which the configuration reader reads back.
    var configJSON: String {
        let providerField: String
        switch provider {
        case .prometheus(let prometheus):
            var fields = [
                ReleaseJSONText.field("url", prometheus.url.source),
                ReleaseJSONText.field("query", prometheus.query.source),
                ReleaseJSONText.raw("timeout", ReleaseJSONText.duration(prometheus.timeout)),
            ]
            if let range = prometheus.range {
                fields += [ReleaseJSONText.raw("step", ReleaseJSONText.duration(range.step)), ReleaseJSONText.field("reduce", range.reduce.rawValue)]
            }
            providerField = ReleaseJSONText.raw("prometheus", ReleaseJSONText.object(fields))
        case .web(let web):
            providerField = ReleaseJSONText.raw(
                "web",
                ReleaseJSONText.object([
                    ReleaseJSONText.field("url", web.url.source),
                    ReleaseJSONText.field("json_path", web.jsonPath.source),
                    ReleaseJSONText.raw("timeout", ReleaseJSONText.duration(web.timeout)),
                ])
            )
        }
        return ReleaseJSONText.object([
            ReleaseJSONText.field("name", name),
            providerField,
            ReleaseJSONText.field(condition.kind.rawValue, condition.source),
            ReleaseJSONText.field("no_data", noData.rawValue),
        ])
    }
}
