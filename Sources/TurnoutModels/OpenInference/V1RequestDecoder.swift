/// Decodes a V1 (TensorFlow Serving style, as KServe's V1) predict body
/// `{"instances": [[f1, f2, ...], ...]}` into an `InferenceBatch`.
///
/// V1 numbers carry no datatype; they are read as `Double` and narrowed to `Float`, as
/// XGBoost narrows the float64 arrays a Python client would send. `null` is a missing value;
/// `NaN`, `Infinity` and numbers beyond the `Float` range are refused.
struct V1RequestDecoder {
    var scanner: JSONScanner
    let featureCount: Int

    init(_ body: UnsafeRawBufferPointer, featureCount: Int) {
        scanner = JSONScanner(body)
        self.featureCount = featureCount
    }

    mutating func decode() throws -> InferenceBatch {
        guard scanner.peekSignificant() == UInt8(ascii: "{") else {
            throw InferenceRequestError(.malformedJSON, "the request body must be a JSON object")
        }
        scanner.index += 1
        var features: [Float]?
        var first = true
        while let key = try scanner.nextObjectKey(first: &first) {
            if key == "instances" {
                features = try readInstances()
            } else {
                try scanner.skipValue()
            }
        }
        try scanner.expectEnd()
        guard let features else { throw InferenceRequestError(.missingInputs, "the request has no 'instances'") }
        return InferenceBatch(inputName: "instances", rowCount: features.count / featureCount, featureCount: featureCount,
                              features: features)
    }

    private mutating func readInstances() throws -> [Float] {
        guard scanner.peekSignificant() == UInt8(ascii: "[") else {
            throw InferenceRequestError(.missingInputs, "'instances' must be an array of rows")
        }
        scanner.index += 1
        var features: [Float] = []
        var first = true
        var row = 0
        while try scanner.nextArrayElement(first: &first) {
            let label = "instances[\(row)]"
            guard scanner.bytes[scanner.index] == UInt8(ascii: "[") else {
                throw InferenceRequestError(.wrongShape, input: label, "expected an array of \(featureCount) numbers")
            }
            scanner.index += 1
            var count = 0
            var firstValue = true
            while try scanner.nextArrayElement(first: &firstValue) {
                guard count < featureCount else {
                    throw InferenceRequestError(.wrongFeatureCount, input: label,
                                                "has more than \(featureCount) values, the model takes \(featureCount)")
                }
                features.append(try readValue(label: label, position: count))
                count += 1
            }
            guard count == featureCount else {
                throw InferenceRequestError(.wrongFeatureCount, input: label, "has \(count) values, the model takes \(featureCount)")
            }
            row += 1
        }
        guard row > 0 else { throw InferenceRequestError(.missingInputs, "'instances' is empty") }
        return features
    }

    private mutating func readValue(label: String, position: Int) throws -> Float {
        switch scanner.bytes[scanner.index] {
        case UInt8(ascii: "\""): throw nonNumeric(label, position, "a string")
        case UInt8(ascii: "["): throw nonNumeric(label, position, "an array")
        case UInt8(ascii: "{"): throw nonNumeric(label, position, "an object")
        default: break
        }
        switch try scanner.scanScalarToken() {
        case .number(let range):
            let value = Float(JSONNumber.double(UnsafeRawBufferPointer(rebasing: scanner.bytes[range])))
            guard value.isFinite else { throw nonNumeric(label, position, "\(scanner.text(range)), not a finite number") }
            return value
        case .null: return .nan
        case .nonFinite: throw nonNumeric(label, position, "not a finite number (send null for a missing value)")
        case .bool: throw nonNumeric(label, position, "a boolean")
        }
    }

    private func nonNumeric(_ label: String, _ position: Int, _ what: String) -> InferenceRequestError {
        InferenceRequestError(.nonNumericValue, input: label, "value \(position) is \(what), expected a number")
    }
}
