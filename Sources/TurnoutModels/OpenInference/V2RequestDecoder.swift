/// Decodes an Open Inference Protocol (KServe V2) infer request body into an `InferenceBatch`.
///
/// Walks the document once with a `JSONScanner`. When an input's `shape` and `datatype` come
/// before its `data` (the usual order) the values are converted straight into the output
/// buffer; otherwise the `data` array is skipped, remembered and read once the header is known.
///
/// With Triton's binary tensor data extension the body is a JSON header of `headerLength`
/// bytes followed by the tensors' raw data; an input with `parameters.binary_data_size` takes
/// its values from there instead of from `data`.
struct V2RequestDecoder {
    var scanner: JSONScanner
    let featureCount: Int
    /// The bytes after the JSON header; nil for a plain JSON body.
    private var binary: BinaryTensorSections?
    /// The most top-level `parameters` accepted.
    var maxParameters = Int.max

    /// The members of one input tensor, as far as they have been read.
    private struct TensorHeader {
        var name: String?
        var shape: [Int]?
        var datatype: String?
        var dataOffset: Int?
        var values: [Float]?
        var binaryDataSize: Int?
    }

    /// - Precondition: `headerLength` is at most `body.count` (``OpenInferenceCodec`` checks it).
    init(_ body: UnsafeRawBufferPointer, featureCount: Int, headerLength: Int? = nil) {
        if let headerLength {
            scanner = JSONScanner(UnsafeRawBufferPointer(rebasing: body[..<headerLength]))
            binary = BinaryTensorSections(UnsafeRawBufferPointer(rebasing: body[headerLength...]))
        } else {
            scanner = JSONScanner(body)
        }
        self.featureCount = featureCount
    }

    mutating func decode() throws -> InferenceBatch {
        guard scanner.peekSignificant() == UInt8(ascii: "{") else {
            throw InferenceRequestError(.malformedJSON, "the request body must be a JSON object")
        }
        scanner.index += 1
        var id: String?
        var parameters: [String: InferenceParameter] = [:]
        var batch: InferenceBatch?
        var binaryOutputs: [String: Bool] = [:]
        var first = true
        while let key = try scanner.nextObjectKey(first: &first) {
            switch key {
            case "id": id = try readIdentifier()
            case "parameters": parameters = try ParameterReader.readObject(&scanner, context: "parameters", maxCount: maxParameters)
            case "inputs": batch = try readInputs()
            case "outputs": binaryOutputs = try readRequestedOutputs()
            default: try scanner.skipValue()
            }
        }
        try scanner.expectEnd()
        guard var batch else {
            throw InferenceRequestError(.missingInputs, "the request has no 'inputs'")
        }
        do throws(BinaryTensorProblem) {
            try binary?.checkConsumed()
        } catch {
            throw InferenceRequestError(.dataCountMismatch, input: batch.inputName, error.message)
        }
        batch.id = id
        batch.parameters = parameters
        batch.requestedOutputs = RequestedOutputs(
            binaryByDefault: parameters["binary_data_output"] == .bool(true), binaryByName: binaryOutputs)
        return batch
    }

    /// The `binary_data` choice of each entry of the request's `outputs`, by output name.
    private mutating func readRequestedOutputs() throws -> [String: Bool] {
        guard case .array(let entries) = try scanner.parseValue() else {
            throw InferenceRequestError(.malformedJSON, "'outputs' must be an array of objects")
        }
        var binary: [String: Bool] = [:]
        for (position, entry) in entries.enumerated() {
            guard let name = entry["name"]?.stringValue else {
                throw InferenceRequestError(.malformedJSON, "outputs[\(position)] must be an object with a string 'name'")
            }
            switch entry["parameters"]?["binary_data"] {
            case .bool(let flag)?: binary[name] = flag
            case nil: break
            default: throw InferenceRequestError(.malformedJSON, "output '\(name)': parameters.binary_data must be true or false")
            }
        }
        return binary
    }

    private mutating func readIdentifier() throws -> String {
        if scanner.peekSignificant() == UInt8(ascii: "\"") { return try scanner.parseString() }
        guard case .number(let range) = try scanner.scanScalarToken() else {
            throw InferenceRequestError(.malformedJSON, "'id' must be a string")
        }
        return scanner.text(range)
    }

    private mutating func readInputs() throws -> InferenceBatch {
        guard scanner.peekSignificant() == UInt8(ascii: "[") else {
            throw InferenceRequestError(.missingInputs, "'inputs' must be an array of tensors")
        }
        scanner.index += 1
        var batch: InferenceBatch?
        var first = true
        var position = 0
        while try scanner.nextArrayElement(first: &first) {
            let tensor = try readTensor(position: position)
            if let batch {
                throw InferenceRequestError(
                    .tooManyInputs,
                    "the request has more than one input ('\(batch.inputName)', '\(tensor.inputName)'); "
                        + "send all \(featureCount) features as one tensor of shape [N, \(featureCount)]")
            }
            batch = tensor
            position += 1
        }
        guard let batch else { throw InferenceRequestError(.missingInputs, "'inputs' is empty") }
        return batch
    }

    private mutating func readTensor(position: Int) throws -> InferenceBatch {
        guard scanner.peekSignificant() == UInt8(ascii: "{") else {
            throw InferenceRequestError(.malformedJSON, "inputs[\(position)] must be an object")
        }
        scanner.index += 1
        var header = TensorHeader()
        var first = true
        while let key = try scanner.nextObjectKey(first: &first) {
            let label = header.name ?? "inputs[\(position)]"
            switch key {
            case "name": header.name = try readString(member: "name", input: label)
            case "datatype": header.datatype = try readString(member: "datatype", input: label)
            case "shape": header.shape = try readShape(input: label)
            case "parameters": header.binaryDataSize = try readBinaryDataSize(input: label)
            case "data":
                if header.binaryDataSize != nil {
                    throw InferenceRequestError(.missingField, input: label, "has both 'data' and parameters.binary_data_size; send one")
                }
                if header.shape != nil && header.datatype != nil {
                    header.values = try readData(header, label: label)
                } else {
                    header.dataOffset = scanner.index
                    try scanner.skipValue()
                }
            default: try scanner.skipValue()
            }
        }
        let label = header.name ?? "inputs[\(position)]"
        if let size = header.binaryDataSize {
            guard header.values == nil && header.dataOffset == nil else {
                throw InferenceRequestError(.missingField, input: label, "has both 'data' and parameters.binary_data_size; send one")
            }
            header.values = try readBinaryData(header, size: size, label: label)
        } else if header.values == nil {
            guard let offset = header.dataOffset else {
                throw InferenceRequestError(.missingField, input: label, "'data' is missing")
            }
            var replay = JSONScanner(scanner.bytes, index: offset)
            swap(&scanner, &replay)
            defer { swap(&scanner, &replay) }
            header.values = try readData(header, label: label)
        }
        let rows = try layout(header, label: label)
        return InferenceBatch(inputName: label, rowCount: rows, featureCount: featureCount, features: header.values ?? [])
    }

    /// Checks the header and reads the data with the scanner positioned on the `data` array.
    private mutating func readData(_ header: TensorHeader, label: String) throws -> [Float] {
        let rows = try layout(header, label: label)
        let datatype = try datatype(header, label: label)
        let reader = TensorDataReader(datatype: datatype, inputName: label, expectedCount: rows * featureCount)
        return try reader.read(&scanner)
    }

    /// `parameters.binary_data_size` of an input, when it has one.
    private mutating func readBinaryDataSize(input: String) throws -> Int? {
        let parameters = try ParameterReader.readObject(&scanner, context: "parameters")
        switch parameters["binary_data_size"] {
        case nil:
            return nil
        case .number(let size)? where size >= 0 && size <= Double(Int32.max) && size.rounded() == size:
            return Int(size)
        default:
            throw InferenceRequestError(.missingField, input: input, "parameters.binary_data_size must be a non-negative integer")
        }
    }

    /// Reads an input's values from its share of the binary data after the JSON header.
    private mutating func readBinaryData(_ header: TensorHeader, size: Int, label: String) throws -> [Float] {
        guard binary != nil else {
            throw InferenceRequestError(
                .missingField, input: label,
                "parameters.binary_data_size needs the Inference-Header-Content-Length header, which says where the JSON header ends")
        }
        let rows = try layout(header, label: label)
        guard let name = header.datatype else {
            throw InferenceRequestError(.missingField, input: label, "'datatype' is missing")
        }
        guard let datatype = BinaryDatatype(rawValue: name), datatype != .bytes else {
            let known = BinaryDatatype(rawValue: name) == nil ? "is not a tensor datatype (\(BinaryDatatype.names))" : "holds strings"
            throw InferenceRequestError(.unsupportedDatatype, input: label,
                                        "datatype '\(name)' \(known); the model takes numeric features")
        }
        do throws(BinaryTensorProblem) {
            let bytes = try binary!.take(size)
            return try BinaryTensorReader(bytes: bytes, datatype: datatype, count: rows * featureCount).numbers(as: Float.self)
        } catch {
            throw InferenceRequestError(.dataCountMismatch, input: label, error.message)
        }
    }

    /// The number of rows the shape declares, after checking it against the model.
    private func layout(_ header: TensorHeader, label: String) throws -> Int {
        guard let shape = header.shape else {
            throw InferenceRequestError(.missingField, input: label, "'shape' is missing")
        }
        // A function, so the sentence is only built when there is an error to report.
        func expected() -> String { "the model takes shape [N, \(featureCount)] or [\(featureCount)]" }
        switch shape.count {
        case 1:
            guard shape[0] == featureCount else {
                throw InferenceRequestError(.wrongFeatureCount, input: label,
                                            "shape \(shape) has \(shape[0]) features, \(expected())")
            }
            return 1
        case 2:
            guard shape[1] == featureCount else {
                throw InferenceRequestError(.wrongFeatureCount, input: label,
                                            "shape \(shape) has \(shape[1]) features per row, \(expected())")
            }
            return shape[0]
        default:
            throw InferenceRequestError(.wrongShape, input: label, "shape \(shape) has \(shape.count) dimensions, \(expected())")
        }
    }

    private func datatype(_ header: TensorHeader, label: String) throws -> TensorDatatype {
        guard let name = header.datatype else {
            throw InferenceRequestError(.missingField, input: label, "'datatype' is missing")
        }
        guard let datatype = TensorDatatype(rawValue: name) else {
            throw InferenceRequestError(.unsupportedDatatype, input: label,
                                        "datatype '\(name)' is not supported (use one of \(TensorDatatype.supportedList))")
        }
        return datatype
    }

    private mutating func readString(member: String, input: String) throws -> String {
        guard scanner.peekSignificant() == UInt8(ascii: "\"") else {
            throw InferenceRequestError(.missingField, input: input, "'\(member)' must be a string")
        }
        return try scanner.parseString()
    }

    private mutating func readShape(input: String) throws -> [Int] {
        guard scanner.peekSignificant() == UInt8(ascii: "[") else {
            throw InferenceRequestError(.wrongShape, input: input, "'shape' must be an array of integers")
        }
        scanner.index += 1
        var shape: [Int] = []
        shape.reserveCapacity(2)
        var first = true
        while try scanner.nextArrayElement(first: &first) {
            guard case .number(let range) = try scanner.scanScalarToken(),
                  let dimension = JSONNumber.integer(UnsafeRawBufferPointer(rebasing: scanner.bytes[range])),
                  dimension >= 0, dimension <= Int32.max, shape.count < 8
            else {
                throw InferenceRequestError(.wrongShape, input: input, "'shape' must be a short array of non-negative integers")
            }
            shape.append(Int(dimension))
        }
        return shape
    }
}
