/// Reads model response bodies into ``ModelOutput`` values for shadow comparison.
///
/// Pure: it parses bytes the gateway already holds and does no I/O. The rules are the same for
/// a builtin model and an upstream server, so both sides of a comparison are read alike.
public enum ModelOutputReader {
    /// The response body's protocol.
    public enum Format: String, Sendable, CaseIterable {
        /// Open Inference Protocol (KServe V2): `{"outputs": [{"name", "datatype", "shape", "data"}, ...]}`.
        case v2
        /// KServe V1: `{"predictions": [...]}`.
        case v1
    }

    /// Reads a response body.
    ///
    /// V2: labels come from the first output whose datatype is `BYTES`, `BOOL` or an integer type
    /// (the values as text; the values of a row joined by `,` when a row holds several); without
    /// one, from the argmax of each row of the first floating-point output of shape `[N, K ≥ 2]`
    /// (the class index as text). Predictions come from the first floating-point output and
    /// numbers from all of them. `outputName` restricts labels, predictions and numbers to that
    /// one output.
    ///
    /// V1: `predictions` of numbers give predictions and numbers; of integers, strings or
    /// booleans give labels; of arrays `[K]` give argmax labels (when `K ≥ 2`), a prediction per
    /// row by the V2 rule, and every value as numbers. `outputName` does not apply to V1.
    ///
    /// In an argmax a NaN never wins, and ties go to the first class (as `numpy.argmax` without NaN).
    ///
    /// V2 outputs may come as binary data (Triton's binary tensor data extension): an output
    /// with `parameters.binary_data_size` takes its values from the bytes after the JSON
    /// header, which ends after `headerLength` bytes (the response's
    /// `Inference-Header-Content-Length`) or, without it, where the first JSON value ends.
    ///
    /// - Throws: ``ModelOutputError`` naming the output and the problem.
    public static func read(
        _ body: UnsafeRawBufferPointer, format: Format, outputName: String? = nil, headerLength: Int? = nil
    ) throws(ModelOutputError) -> ModelOutput {
        switch format {
        case .v2:
            var (document, binary) = try splitV2(body, headerLength: headerLength)
            try requireObject(document)
            return try readV2(document, outputName: outputName, binary: &binary)
        case .v1:
            let document: JSONValue
            do {
                document = try JSONScanner.parseDocument(body)
            } catch {
                throw ModelOutputError(.malformedJSON, "the response body is not valid JSON: \(error.description)")
            }
            try requireObject(document)
            return try readV1(document)
        }
    }

    private static func requireObject(_ document: JSONValue) throws(ModelOutputError) {
        guard case .object = document else {
            throw ModelOutputError(.malformedJSON, "the response body is \(document.kindName), not a JSON object")
        }
    }

    /// Reads a response body held in any byte collection (an array, a slice, `Data`, a NIO
    /// `ByteBufferView`); contiguous storage is read in place.
    public static func read<Bytes: Collection<UInt8>>(
        _ body: Bytes, format: Format, outputName: String? = nil, headerLength: Int? = nil
    ) throws(ModelOutputError) -> ModelOutput {
        let inPlace = body.withContiguousStorageIfAvailable { buffer in
            Result { () throws(ModelOutputError) -> ModelOutput in
                try read(UnsafeRawBufferPointer(buffer), format: format, outputName: outputName, headerLength: headerLength)
            }
        }
        if let inPlace { return try inPlace.get() }
        let copy = Array(body)
        let outcome = copy.withUnsafeBytes { bytes in
            Result { () throws(ModelOutputError) -> ModelOutput in
                try read(bytes, format: format, outputName: outputName, headerLength: headerLength)
            }
        }
        return try outcome.get()
    }
}
