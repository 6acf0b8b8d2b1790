import Foundation

/// Reads the predicted class out of an inference answer, for accuracy and feedback.
enum InferenceAnswer {
    /// The class in an Open Inference Protocol answer (`label`, else `probabilities`) or a V1
    /// answer (`predictions`); nil when the body has neither.
    static func predictedClass(in body: Data) -> Int? {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return nil }
        if let outputs = object["outputs"] as? [[String: Any]] {
            if let label = outputs.first(where: { $0["name"] as? String == "label" }), let value = firstNumber(label["data"]) {
                return Int(value.rounded())
            }
            if let probabilities = outputs.first(where: { $0["name"] as? String == "probabilities" }) {
                return classOf(probabilities: numbers(probabilities["data"]))
            }
            return nil
        }
        if let predictions = object["predictions"] as? [Any], let first = predictions.first {
            if let row = first as? [Any] { return classOf(probabilities: numbers(row)) }
            return (first as? NSNumber).map { Int($0.doubleValue.rounded()) }
        }
        return nil
    }

    private static func classOf(probabilities: [Double]) -> Int? {
        switch probabilities.count {
        case 0: return nil
        case 1: return probabilities[0] >= 0.5 ? 1 : 0
        default: return probabilities.indices.max { probabilities[$0] < probabilities[$1] }
        }
    }

    private static func numbers(_ value: Any?) -> [Double] {
        guard let array = value as? [Any] else { return [] }
        return array.flatMap { item -> [Double] in
            if let number = item as? NSNumber { return [number.doubleValue] }
            return numbers(item)
        }
    }

    private static func firstNumber(_ value: Any?) -> Double? {
        numbers(value).first
    }
}
