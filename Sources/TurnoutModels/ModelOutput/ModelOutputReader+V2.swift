extension ModelOutputReader {
    /// Reads `{"outputs": [...]}` by the rules of ``read(_:format:outputName:)``.
    static func readV2(
        _ document: JSONValue, outputName: String?, binary: inout BinaryTensorSections?
    ) throws(ModelOutputError) -> ModelOutput {
        guard let members = document["outputs"]?.arrayValue, !members.isEmpty else {
            throw ModelOutputError(.missingOutputs, "the response has no \"outputs\" array, or it is empty")
        }
        var tensors: [OutputTensor] = []
        for (position, member) in members.enumerated() {
            tensors.append(try tensor(member, position: position, binary: &binary))
        }
        do throws(BinaryTensorProblem) {
            try binary?.checkConsumed()
        } catch {
            throw ModelOutputError(.dataCountMismatch, error.message)
        }
        if let outputName {
            guard let named = tensors.first(where: { $0.name == outputName }) else {
                let names = tensors.map { "'\($0.name)'" }.joined(separator: ", ")
                throw ModelOutputError(.outputNotFound, output: outputName, "not in the response (it has \(names))")
            }
            tensors = [named]
        }
        return try combine(tensors)
    }

    /// Labels, predictions and numbers from checked tensors.
    private static func combine(_ tensors: [OutputTensor]) throws(ModelOutputError) -> ModelOutput {
        let scoreTensor = tensors.first { $0.floatingValues != nil }
        var labelTensor = tensors.first { $0.rowLabels != nil }
        var labels = labelTensor?.rowLabels
        if labels == nil, let classScores = tensors.first(where: \.hasClassColumns), let values = classScores.floatingValues {
            labelTensor = classScores
            labels = RowReduction.argmaxLabels(values, rowCount: classScores.rowCount, width: classScores.valuesPerRow)
        }
        var predictions: [Double] = []
        if let scoreTensor, let values = scoreTensor.floatingValues {
            predictions = RowReduction.predictions(values, rowCount: scoreTensor.rowCount, width: scoreTensor.valuesPerRow)
        }
        if let labels, let labelTensor, let scoreTensor, !predictions.isEmpty, labels.count != predictions.count {
            throw ModelOutputError(
                .inconsistentRows,
                "the label output '\(labelTensor.name)' has \(labels.count) rows but the score output '\(scoreTensor.name)' has \(predictions.count)")
        }
        let numbers = tensors.flatMap { $0.floatingValues ?? [] }
        return ModelOutput(labels: labels, predictions: predictions, numbers: numbers)
    }

    /// Checks one member of `outputs` and flattens its data.
    private static func tensor(
        _ member: JSONValue, position: Int, binary: inout BinaryTensorSections?
    ) throws(ModelOutputError) -> OutputTensor {
        guard case .object = member else {
            throw ModelOutputError(.missingField, "outputs[\(position)] is \(member.kindName), not an object")
        }
        guard let name = member["name"]?.stringValue else {
            throw ModelOutputError(.missingField, "outputs[\(position)] has no string \"name\"")
        }
        guard let datatype = member["datatype"]?.stringValue else {
            throw ModelOutputError(.missingField, output: name, "no string \"datatype\"")
        }
        guard floatingDatatypes.contains(datatype) || labelDatatypes.contains(datatype) else {
            throw ModelOutputError(.unsupportedDatatype, output: name, "datatype \(datatype) is not a tensor datatype of the Open Inference Protocol")
        }
        let shape = try dimensions(member["shape"], output: name)
        if let size = try binaryDataSize(member, output: name) {
            let values = try binaryValues(size: size, datatype: datatype, count: shape.reduce(1, *), output: name, binary: &binary)
            return OutputTensor(name: name, shape: shape, values: values)
        }
        guard let data = member["data"], case .array = data else {
            throw ModelOutputError(.missingField, output: name, "no \"data\" array")
        }
        var scalars: [JSONValue] = []
        flatten(data, into: &scalars)
        let expected = shape.reduce(1, *)
        guard scalars.count == expected else {
            throw ModelOutputError(.dataCountMismatch, output: name, "shape \(shape) holds \(expected) values but data has \(scalars.count)")
        }
        let values: OutputTensor.Values = floatingDatatypes.contains(datatype)
            ? .floating(try floatingValues(scalars, output: name))
            : .labels(try labelValues(scalars, datatype: datatype, output: name))
        return OutputTensor(name: name, shape: shape, values: values)
    }

    /// The dimensions of a `shape` member: non-negative integers.
    private static func dimensions(_ shape: JSONValue?, output: String) throws(ModelOutputError) -> [Int] {
        guard let elements = shape?.arrayValue else {
            throw ModelOutputError(.missingField, output: output, "no \"shape\" array")
        }
        var dimensions: [Int] = []
        for element in elements {
            guard case .number(let text) = element, let value = integer(text), value >= 0, value <= Int32.max else {
                throw ModelOutputError(.wrongShape, output: output, "shape dimensions must be non-negative integers")
            }
            dimensions.append(Int(value))
        }
        return dimensions
    }

    private static func floatingValues(_ scalars: [JSONValue], output: String) throws(ModelOutputError) -> [Double] {
        var values: [Double] = []
        values.reserveCapacity(scalars.count)
        for scalar in scalars {
            switch scalar {
            case .number(let text): values.append(double(text))
            case .null: values.append(.nan)
            default: throw ModelOutputError(.invalidValue, output: output, "a floating-point tensor holds \(scalar.kindName)")
            }
        }
        return values
    }

    private static func labelValues(_ scalars: [JSONValue], datatype: String, output: String) throws(ModelOutputError) -> [String] {
        var labels: [String] = []
        labels.reserveCapacity(scalars.count)
        for scalar in scalars {
            switch (datatype, scalar) {
            case ("BYTES", .string(let text)): labels.append(text)
            case ("BOOL", .bool(let flag)): labels.append(flag ? "true" : "false")
            case ("BOOL", .number(let text)) where double(text).isFinite: labels.append(double(text) != 0 ? "true" : "false")
            case (_, .number(let text)) where datatype != "BYTES" && datatype != "BOOL":
                guard let label = integerLabel(text) else {
                    throw ModelOutputError(.invalidValue, output: output, "an \(datatype) tensor holds the non-finite value \(text)")
                }
                labels.append(label)
            default:
                throw ModelOutputError(.invalidValue, output: output, "a \(datatype) tensor holds \(scalar.kindName)")
            }
        }
        return labels
    }
}
