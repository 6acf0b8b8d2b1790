extension ModelOutputReader {
    /// The JSON header of a V2 response body and the binary data after it, if any.
    ///
    /// With `headerLength` (the response's `Inference-Header-Content-Length`) the header is that
    /// many bytes. Without it the header is the first JSON value, which delimits itself, and the
    /// binary data is the last Σ `binary_data_size` bytes of the body; only whitespace may lie
    /// between the two. So a body kept without its HTTP headers, as the shadow mirror keeps
    /// the primary's answer, still splits exactly.
    static func splitV2(
        _ body: UnsafeRawBufferPointer, headerLength: Int?
    ) throws(ModelOutputError) -> (JSONValue, BinaryTensorSections?) {
        if let headerLength {
            guard (0...body.count).contains(headerLength) else {
                throw ModelOutputError(.malformedJSON, "Inference-Header-Content-Length is \(headerLength) but the body has \(body.count) bytes")
            }
            let header = UnsafeRawBufferPointer(rebasing: body[..<headerLength])
            let document = try parsingJSON { () throws(JSONSyntaxError) in try JSONScanner.parseDocument(header) }
            return (document, BinaryTensorSections(UnsafeRawBufferPointer(rebasing: body[headerLength...])))
        }
        var scanner = JSONScanner(body)
        let document = try parsingJSON { () throws(JSONSyntaxError) in try scanner.parseValue() }
        let declared = declaredBinarySize(document)
        guard declared > 0 else {
            try parsingJSON { () throws(JSONSyntaxError) in try scanner.expectEnd() }
            return (document, nil)
        }
        let start = body.count - declared
        guard start >= scanner.index,
              body[scanner.index..<start].allSatisfy({ [0x20, 0x0A, 0x0D, 0x09].contains($0) })
        else {
            throw ModelOutputError(
                .dataCountMismatch,
                "the outputs declare \(declared) bytes of binary data but \(body.count - scanner.index) bytes follow the JSON header")
        }
        return (document, BinaryTensorSections(UnsafeRawBufferPointer(rebasing: body[start...])))
    }

    private static func parsingJSON<Value>(_ work: () throws(JSONSyntaxError) -> Value) throws(ModelOutputError) -> Value {
        do throws(JSONSyntaxError) {
            return try work()
        } catch {
            throw ModelOutputError(.malformedJSON, "the response body is not valid JSON: \(error.description)")
        }
    }

    /// The sum of the outputs' `binary_data_size`, 0 when none has one or one is not a size.
    private static func declaredBinarySize(_ document: JSONValue) -> Int {
        var total = 0
        for member in document["outputs"]?.arrayValue ?? [] {
            guard case .number(let text) = member["parameters"]?["binary_data_size"] else { continue }
            guard let size = integer(text), size >= 0, size <= Int32.max else { return 0 }
            total += Int(size)
        }
        return total
    }

    /// `parameters.binary_data_size` of an output, when it has one.
    static func binaryDataSize(_ member: JSONValue, output: String) throws(ModelOutputError) -> Int? {
        guard let value = member["parameters"]?["binary_data_size"] else { return nil }
        guard case .number(let text) = value, let size = integer(text), size >= 0, size <= Int32.max else {
            throw ModelOutputError(.missingField, output: output, "parameters.binary_data_size must be a non-negative integer")
        }
        return Int(size)
    }

    /// An output's values from its share of the binary data.
    static func binaryValues(
        size: Int, datatype: String, count: Int, output: String, binary: inout BinaryTensorSections?
    ) throws(ModelOutputError) -> OutputTensor.Values {
        guard binary != nil else {
            throw ModelOutputError(.missingField, output: output, "declares binary_data_size but the body has no binary data")
        }
        guard let type = BinaryDatatype(rawValue: datatype) else {
            throw ModelOutputError(.unsupportedDatatype, output: output, "datatype \(datatype) has no binary layout")
        }
        do throws(BinaryTensorProblem) {
            let reader = BinaryTensorReader(bytes: try binary!.take(size), datatype: type, count: count)
            return type.isFloatingPoint ? .floating(try reader.numbers(as: Double.self)) : .labels(try reader.labelTexts())
        } catch {
            throw ModelOutputError(.dataCountMismatch, output: output, error.message)
        }
    }
}
