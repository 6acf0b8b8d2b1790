extension ModelOutputReader {
    /// Reads `{"predictions": [...]}` by the rules of ``read(_:format:outputName:)``.
    static func readV1(_ document: JSONValue) throws(ModelOutputError) -> ModelOutput {
        guard let rows = document["predictions"]?.arrayValue else {
            throw ModelOutputError(.missingPredictions, "the response has no \"predictions\" array")
        }
        if rows.contains(where: { $0.arrayValue != nil }) { return try classScoreRows(rows) }
        if !rows.isEmpty, rows.allSatisfy(isLabelScalar) || rows.contains(where: isTextOrBoolean) {
            return try labelRows(rows)
        }
        let values = try numberRows(rows)
        return ModelOutput(labels: nil, predictions: values, numbers: values)
    }

    /// True for a value that reads as a label: text, a boolean, or an integer token. A row of
    /// integers is taken for class labels; one number with a fraction makes the row numeric.
    private static func isLabelScalar(_ value: JSONValue) -> Bool {
        switch value {
        case .string, .bool: true
        case .number(let text): integer(text) != nil
        default: false
        }
    }

    private static func isTextOrBoolean(_ value: JSONValue) -> Bool {
        switch value {
        case .string, .bool: true
        default: false
        }
    }

    /// Every row an array of `K` numbers: argmax labels when `K ≥ 2`.
    private static func classScoreRows(_ rows: [JSONValue]) throws(ModelOutputError) -> ModelOutput {
        let width = rows.first?.arrayValue?.count ?? 0
        var values: [Double] = []
        values.reserveCapacity(rows.count * width)
        for (index, row) in rows.enumerated() {
            guard let elements = row.arrayValue else {
                throw ModelOutputError(.inconsistentPredictions, "predictions[\(index)] is \(row.kindName) among arrays")
            }
            guard elements.count == width else {
                throw ModelOutputError(.inconsistentPredictions, "predictions[\(index)] has \(elements.count) values, predictions[0] has \(width)")
            }
            values.append(contentsOf: try numberRows(elements, context: "predictions[\(index)]"))
        }
        let labels = width >= 2 ? RowReduction.argmaxLabels(values, rowCount: rows.count, width: width) : nil
        return ModelOutput(labels: labels, predictions: RowReduction.predictions(values, rowCount: rows.count, width: width), numbers: values)
    }

    /// Rows of strings, booleans or integers: labels only.
    private static func labelRows(_ rows: [JSONValue]) throws(ModelOutputError) -> ModelOutput {
        var labels: [String] = []
        labels.reserveCapacity(rows.count)
        for (index, row) in rows.enumerated() {
            guard let label = labelText(row) else {
                throw ModelOutputError(.inconsistentPredictions, "predictions[\(index)] is \(row.kindName) among labels (strings, booleans or integers)")
            }
            labels.append(label)
        }
        return ModelOutput(labels: labels, predictions: [], numbers: [])
    }

    /// A string, a boolean (`true` / `false`) or an integer token as label text.
    private static func labelText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .number(let text): integer(text).map { String($0) }
        default: nil
        }
    }

    /// Numbers (or `null`, read as NaN).
    private static func numberRows(_ elements: [JSONValue], context: String = "predictions") throws(ModelOutputError) -> [Double] {
        var values: [Double] = []
        values.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            switch element {
            case .number(let text): values.append(double(text))
            case .null: values.append(.nan)
            default: throw ModelOutputError(.inconsistentPredictions, "\(context)[\(index)] is \(element.kindName) among numbers")
            }
        }
        return values
    }
}
