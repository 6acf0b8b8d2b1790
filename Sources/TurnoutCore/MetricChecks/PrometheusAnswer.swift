import Foundation

/// How an answer of Prometheus' instant query API (`/api/v1/query`) reads.
///
/// A `scalar`, or a `vector` of exactly one series, is its value (`"NaN"`, `"+Inf"` and
/// `"-Inf"` included; NaN is then judged as no data). An empty vector is no data. A vector of
/// several series is unavailable: which one to judge is the query's to say (`max(...)`,
/// `sum(...)`), and picking one silently could pass a canary that one series fails. An
/// answer with `"status":"error"` is unavailable with Prometheus' message; so are `matrix`
/// and `string` results and anything that is not Prometheus' JSON.
public enum PrometheusAnswer {
    /// The reading of an answer's body, whatever its HTTP status (Prometheus answers errors
    /// with 400, 422 or 503 and a JSON body).
    public static func reading(_ body: [UInt8], reduce: MetricProvider.Prometheus.Reduction? = nil) -> MetricReading {
        guard let answer = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            return .unavailable(reason: "the answer is not Prometheus' JSON")
        }
        guard let status = answer["status"] as? String else { return .unavailable(reason: "the answer has no status") }
        guard status == "success" else {
            let type = answer["errorType"] as? String ?? "error"
            let message = answer["error"] as? String ?? "no message"
            return .unavailable(reason: "Prometheus: \(type): \(message)")
        }
        guard let data = answer["data"] as? [String: Any], let resultType = data["resultType"] as? String else {
            return .unavailable(reason: "the answer has no data.resultType")
        }
        switch resultType {
        case "scalar":
            return sample(data["result"])
        case "vector":
            guard let series = data["result"] as? [Any] else { return .unavailable(reason: "the vector has no result list") }
            switch series.count {
            case 0: return .noData(reason: "the query returned an empty vector")
            case 1: return sample((series[0] as? [String: Any])?["value"])
            default: return .unavailable(reason: "ambiguous: \(series.count) series; aggregate them in the query, such as max(...)")
            }
        case "matrix" where reduce != nil:
            guard let series = data["result"] as? [Any] else { return .unavailable(reason: "the matrix has no result list") }
            switch series.count {
            case 0: return .noData(reason: "the query returned an empty matrix")
            case 1: return samples((series[0] as? [String: Any])?["values"], reduce: reduce ?? .max)
            default: return .unavailable(reason: "ambiguous: \(series.count) series; aggregate them in the query, such as max(...)")
            }
        default:
            let needed = reduce == nil ? "an instant vector or a scalar" : "a range vector"
            return .unavailable(reason: "a \(resultType) result; the check needs \(needed)")
        }
    }

    /// A series' `[[<unix time>, "<value>"], ...]`, reduced.
    private static func samples(_ values: Any?, reduce: MetricProvider.Prometheus.Reduction) -> MetricReading {
        guard let pairs = values as? [Any] else { return .unavailable(reason: "the series has no values") }
        var numbers: [Double] = []
        for pair in pairs {
            switch sample(pair) {
            case .value(let number): if !number.isNaN { numbers.append(number) }
            case let other: return other
            }
        }
        guard let value = reduce.reduced(numbers) else { return .noData(reason: "no sample in the window is a number") }
        return .value(value)
    }

    /// `[<unix time>, "<value>"]`, the value a string such as `"0.93"`, `"NaN"` or `"+Inf"`.
    private static func sample(_ value: Any?) -> MetricReading {
        guard let pair = value as? [Any], pair.count == 2, let text = pair[1] as? String else {
            return .unavailable(reason: "a sample is not [time, \"value\"]")
        }
        guard let number = Double(text) else { return .unavailable(reason: "the sample value \"\(text.prefix(40))\" is not a number") }
        return .value(number)
    }
}
