import Benchmark
import NIOCore
import NIOEmbedded
import NIOHTTP1
import TurnoutCore
import TurnoutGateway
import TurnoutStats
import TurnoutStore

/// The data plane's per-request pieces, each on its own, per request (scaled by 1,000): parsing
/// the head, matching the route, the split's decision, rewriting the heads and building the
/// decision-log record. The request is the one `../shared/tools/cpu_per_request.py` and
/// `scripts/bench` send: an OIP V2 inference with a JSON body and a rotating `x-user-id`.
///
/// Thresholds are left unset: the suite reports (time, CPU and allocations per request) and
/// gates nothing, as the machine it runs on is too noisy for time thresholds.
let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal],
        scalingFactor: .kilo,
        maxDuration: .seconds(3)
    )
    let body = #"{"inputs": [{"name": "input-0", "shape": [1, 4], "datatype": "FP32", "data": [1.0, 2.0, 3.0, 4.0]}]}"#
    let userKeys = (0..<1_024).map { "u\($0)" }
    let clientHead = inferenceHead(body: body, userKey: "u17")
    let requestBytes = requestWire(body: body, userKeys: userKeys)

    Benchmark("parse an inference request (head and body) with NIO's HTTP/1 decoder", configuration: configuration) { benchmark in
        // The pipeline the data plane configures for each client connection, without TLS.
        let channel = EmbeddedChannel()
        do {
            try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                withPipeliningAssistance: false,
                withErrorHandling: true,
                withOutboundHeaderValidation: false,
                withEncoderConfiguration: .init(),
                withDecoderLimitConfiguration: ListenerLimits.dataPlane.decoderLimits
            )
        } catch {
            fatalError("the data plane's HTTP pipeline cannot be set up: \(error)")
        }
        var index = 0
        for _ in benchmark.scaledIterations {
            do {
                try channel.writeInbound(requestBytes[index & 1023])
                while let part = try channel.readInbound(as: HTTPServerRequestPart.self) { blackHole(part) }
            } catch {
                fatalError("a benchmark request does not parse: \(error)")
            }
            index &+= 1
        }
        _ = try? channel.finish()
    }

    Benchmark("match the route of an inference path", configuration: configuration) { benchmark in
        let path: Substring = "/v2/models/bench/infer"
        for _ in benchmark.scaledIterations {
            blackHole(GatewayRoute(path: path))
        }
    }

    Benchmark("match the route of a path that pins a version", configuration: configuration) { benchmark in
        let path: Substring = "/v2/models/bench/versions/v2/infer"
        for _ in benchmark.scaledIterations {
            blackHole(GatewayRoute(path: path))
        }
    }

    let split = SplitPolicy(weights: [VersionWeight(version: "v1", weight: 90), VersionWeight(version: "v2", weight: 10)], salt: "bench")

    Benchmark("decide a sticky 90/10 split by unit key, hashing the key for the log", configuration: configuration) { benchmark in
        var random = SeededGenerator(seed: 1)
        var index = 0
        for _ in benchmark.scaledIterations {
            let key = userKeys[index & 1023]
            blackHole(UnitKeyHash.hash(key))
            blackHole(split.decide(RoutingRequest(unitKey: key), random: &random))
            index &+= 1
        }
    }

    Benchmark("decide a 90/10 split without a unit key", configuration: configuration) { benchmark in
        var random = SeededGenerator(seed: 1)
        for _ in benchmark.scaledIterations {
            blackHole(split.decide(RoutingRequest(), random: &random))
        }
    }

    Benchmark("rewrite the request head for the upstream", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            var head = UpstreamRequestHead.make(
                from: clientHead,
                path: "/v2/models/bench/infer",
                requestID: "5f0c2a9e41b7d3c8",
                clientAddress: "127.0.0.1",
                forwardedElement: "for=127.0.0.1;proto=http"
            )
            // What `acquire` adds once an instance is chosen.
            head.headers.replaceOrAdd(name: "host", value: "127.0.0.1:9001")
            blackHole(head)
        }
    }

    let answerHeaders = HTTPHeaders([
        ("Server", "nginx/1.22.1"), ("Date", "Mon, 07 Dec 2026 02:00:00 GMT"), ("Content-Type", "application/json"),
        ("Content-Length", "1024"), ("Connection", "keep-alive"),
    ])

    Benchmark("remove the hop-by-hop headers of an upstream answer", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            var headers = answerHeaders
            HopByHopHeaders.remove(from: &headers)
            blackHole(headers)
        }
    }

    let decision = Decision(primary: "v1", reason: .sticky, probability: 0.9)

    Benchmark("build the decision-log record of a request", configuration: configuration) { benchmark in
        var index = 0
        for _ in benchmark.scaledIterations {
            blackHole(
                Observation(
                    requestID: "5f0c2a9e41b7d3c8",
                    model: "bench",
                    version: "v1",
                    decision: decision,
                    unitHash: UnitKeyHash.hash(userKeys[index & 1023]),
                    status: 200,
                    errorKind: nil,
                    duration: .microseconds(850),
                    payload: nil
                ))
            index &+= 1
        }
    }
}

/// The head as NIO's decoder hands it to the gateway for the benchmark request.
private func inferenceHead(body: String, userKey: String) -> HTTPRequestHead {
    HTTPRequestHead(
        version: .http1_1,
        method: .POST,
        uri: "/v2/models/bench/infer",
        headers: HTTPHeaders([
            ("Host", "127.0.0.1:8080"), ("Content-Length", "\(body.utf8.count)"),
            ("content-type", "application/json"), ("x-user-id", userKey),
        ])
    )
}

/// The benchmark request on the wire, as wrk sends it, once per unit key.
private func requestWire(body: String, userKeys: [String]) -> [ByteBuffer] {
    userKeys.map { key in
        ByteBuffer(
            string: "POST /v2/models/bench/infer HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Length: \(body.utf8.count)\r\n"
                + "content-type: application/json\r\nx-user-id: \(key)\r\n\r\n\(body)"
        )
    }
}
