extension MetricCheckSpec {
    /// The check in the one-line JSON configuration form, which the configuration reader reads back.
    var configJSON: String {
        let providerField: String
        switch provider {
        case .prometheus(let prometheus):
            providerField = ReleaseJSONText.raw(
                "prometheus",
                ReleaseJSONText.object([
                    ReleaseJSONText.field("url", prometheus.url.source),
                    ReleaseJSONText.field("query", prometheus.query.source),
                    ReleaseJSONText.raw("timeout", ReleaseJSONText.duration(prometheus.timeout)),
                ])
            )
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
