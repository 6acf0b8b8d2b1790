extension ConfigReader {
    /// Reports versions that share an upstream instance URL but not its connection pool settings.
    ///
    /// Versions naming the same URL share that instance's connections, so one pool limit must
    /// hold for all of them; rather than take whichever version came first, the file must agree.
    mutating func checkSharedUpstreams(_ models: [ModelConfig]) {
        var first: [UpstreamURL: (path: String, config: UpstreamConfig)] = [:]
        for model in models {
            for version in model.versions {
                guard case .upstream(let upstream) = version.backend else { continue }
                let path = "models.\(model.name).versions.\(version.name)"
                for url in upstream.instances {
                    guard let earlier = first[url] else {
                        first[url] = (path, upstream)
                        continue
                    }
                    reportDifferences(upstream, at: path, from: earlier.config, at: earlier.path, sharing: url)
                }
            }
        }
    }

    private mutating func reportDifferences(
        _ upstream: UpstreamConfig, at path: String, from earlier: UpstreamConfig, at earlierPath: String, sharing url: UpstreamURL
    ) {
        if upstream.maxConnectionsPerLoop != earlier.maxConnectionsPerLoop {
            report(
                Self.join(path, "max_connections"),
                "is \(upstream.maxConnectionsPerLoop) but \(earlierPath).max_connections is \(earlier.maxConnectionsPerLoop) for the same upstream \(url); versions sharing an instance share its connections, so give them the same limit"
            )
        }
        if upstream.idleTimeout != earlier.idleTimeout {
            report(
                Self.join(path, "idle_timeout"),
                "is \(upstream.idleTimeout) but \(earlierPath).idle_timeout is \(earlier.idleTimeout) for the same upstream \(url); versions sharing an instance share its connections, so give them the same timeout"
            )
        }
    }
}
