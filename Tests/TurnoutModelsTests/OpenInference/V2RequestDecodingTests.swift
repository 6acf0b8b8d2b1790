import Foundation
import Testing
import TurnoutModels

@Suite("Open Inference Protocol V2 request decoding")
struct V2RequestDecodingTests {
    static func decode(_ json: String, featureCount: Int = 3) throws(InferenceRequestError) -> InferenceBatch {
        try OpenInferenceCodec.decodeV2Request(Array(json.utf8), featureCount: featureCount)
    }

    @Test("flat row-major FP32 data with id and parameters")
    func flatData() throws {
        let batch = try Self.decode("""
        {"id": "req-1", "parameters": {"user": "u42", "weight": 2.5, "debug": true, "tags": ["a", "b"]},
         "inputs": [{"name": "features", "shape": [2, 3], "datatype": "FP32", "data": [1, 2.5, -3e2, 4, 5, 6]}]}
        """)
        #expect(batch.id == "req-1")
        #expect(batch.inputName == "features")
        #expect(batch.rowCount == 2)
        #expect(batch.featureCount == 3)
        #expect(batch.features == [1, 2.5, -300, 4, 5, 6])
        #expect(batch.parameters["user"] == .string("u42"))
        #expect(batch.parameters["weight"] == .number(2.5))
        #expect(batch.parameters["debug"] == .bool(true))
        #expect(batch.parameters["tags"] == .json(#"["a", "b"]"#))
    }

    @Test("nested data, and data before shape and datatype")
    func nestedAndReordered() throws {
        let nested = try Self.decode(#"{"inputs": [{"name": "x", "shape": [2, 3], "datatype": "FP32", "data": [[1, 2, 3], [4, 5, 6]]}]}"#)
        let reordered = try Self.decode(#"{"inputs": [{"data": [[1, 2, 3], [4, 5, 6]], "datatype": "FP32", "name": "x", "shape": [2, 3]}]}"#)
        #expect(nested.features == [1, 2, 3, 4, 5, 6])
        #expect(reordered == nested)
    }

    @Test("shape [F] is one row")
    func singleRowShape() throws {
        let batch = try Self.decode(#"{"inputs": [{"name": "x", "shape": [3], "datatype": "FP64", "data": [0.5, 1, 2]}]}"#)
        #expect(batch.rowCount == 1)
        #expect(batch.features == [0.5, 1, 2])
    }

    @Test("null is a missing value")
    func missingValues() throws {
        let batch = try Self.decode(#"{"inputs": [{"name": "x", "shape": [1, 3], "datatype": "FP32", "data": [null, 2, 1]}]}"#)
        #expect(batch.features[0].isNaN)
        #expect(batch.features[1] == 2)
        #expect(batch.features[2] == 1)
    }

    @Test("integer and boolean datatypes")
    func integerAndBoolean() throws {
        let int32 = try Self.decode(#"{"inputs": [{"name": "x", "shape": [1, 3], "datatype": "INT32", "data": [-7, 0, 2147483647]}]}"#)
        #expect(int32.features == [-7, 0, Float(Int32.max)])
        let int64 = try Self.decode(#"{"inputs": [{"name": "x", "shape": [1, 3], "datatype": "INT64", "data": [9007199254740993, 1, 2]}]}"#)
        #expect(int64.features == [Float(9_007_199_254_740_993 as Int64), 1, 2])
        let bool = try Self.decode(#"{"inputs": [{"name": "x", "shape": [1, 3], "datatype": "BOOL", "data": [true, false, true]}]}"#)
        #expect(bool.features == [1, 0, 1])
    }

    @Test("FP32 values are rounded straight to Float, FP64 values through Double as XGBoost narrows float64")
    func singleVersusDoubleRounding() throws {
        // Just below the midpoint between 1 + 2^-23 and 1 + 2^-22: Float rounds down, while the
        // nearest Double is the midpoint itself, which then rounds to even (up).
        let text = "1.0000001788139343261718749"
        let fp32 = try Self.decode(#"{"inputs": [{"name": "x", "shape": [3], "datatype": "FP32", "data": [\#(text), 0, 0]}]}"#)
        let fp64 = try Self.decode(#"{"inputs": [{"name": "x", "shape": [3], "datatype": "FP64", "data": [\#(text), 0, 0]}]}"#)
        #expect(fp32.features[0] == Float(text))
        #expect(fp32.features[0] == 1 + 0x1p-23)
        #expect(fp64.features[0] == Float(Double(text)!))
        #expect(fp64.features[0] == 1 + 0x1p-22)
    }

    @Test("short decimals take an exact fast path that agrees with the standard library's parser")
    func numberParsingAgreesWithStandardLibrary() throws {
        var generator = SplitMix64(seed: 7)
        var texts: [String] = ["0", "-0", "0.1", "17.99", "1e10", "3.4028235e38", "1e-45", "123456789", "0.000001"]
        for _ in 0..<3_000 {
            let mantissa = generator.next() % 100_000_000
            let fractionDigits = Int(generator.next() % 9)
            var text = String(mantissa)
            if fractionDigits > 0 {
                text = String(repeating: "0", count: max(0, fractionDigits + 1 - text.count)) + text
                text.insert(".", at: text.index(text.endIndex, offsetBy: -fractionDigits))
            }
            if generator.next() % 3 == 0 { text += "e\(Int(generator.next() % 21) - 10)" }
            if generator.next() % 2 == 0 { text = "-" + text }
            texts.append(text)
        }
        let body = #"{"inputs": [{"name": "x", "shape": [\#(texts.count)], "datatype": "FP32", "data": [\#(texts.joined(separator: ","))]}]}"#
        let fp32 = try OpenInferenceCodec.decodeV2Request(Array(body.utf8), featureCount: texts.count)
        let fp64 = try OpenInferenceCodec.decodeV2Request(Array(body.replacingOccurrences(of: "FP32", with: "FP64").utf8),
                                                          featureCount: texts.count)
        for (index, text) in texts.enumerated() {
            #expect(fp32.features[index].bitPattern == Float(text)!.bitPattern, "FP32 \(text)")
            #expect(fp64.features[index].bitPattern == Float(Double(text)!).bitPattern, "FP64 \(text)")
        }
    }

    struct BadRequest: Sendable, CustomTestStringConvertible {
        let name: String
        let body: String
        let kind: InferenceRequestError.Kind
        let fragments: [String]
        var testDescription: String { name }
    }

    static func tensor(_ members: String) -> String { #"{"inputs": [{"name": "features", \#(members)}]}"# }

    static let badRequests: [BadRequest] = [
        BadRequest(name: "not JSON", body: "inputs please", kind: .malformedJSON, fragments: ["JSON"]),
        BadRequest(name: "truncated JSON", body: #"{"inputs": [{"name": "x", "shape": [1, 3], "datatype": "FP32", "data": [1, 2"#,
                   kind: .malformedJSON, fragments: ["not valid JSON"]),
        BadRequest(name: "a JSON array", body: "[1, 2, 3]", kind: .malformedJSON, fragments: ["JSON object"]),
        BadRequest(name: "no inputs", body: #"{"id": "1"}"#, kind: .missingInputs, fragments: ["no 'inputs'"]),
        BadRequest(name: "empty inputs", body: #"{"inputs": []}"#, kind: .missingInputs, fragments: ["'inputs' is empty"]),
        BadRequest(name: "two inputs",
                   body: #"{"inputs": [{"name": "a", "shape": [3], "datatype": "FP32", "data": [1, 2, 3]}, {"name": "b", "shape": [3], "datatype": "FP32", "data": [1, 2, 3]}]}"#,
                   kind: .tooManyInputs, fragments: ["'a'", "'b'", "[N, 3]"]),
        BadRequest(name: "missing shape", body: tensor(#""datatype": "FP32", "data": [1, 2, 3]"#),
                   kind: .missingField, fragments: ["input 'features'", "'shape' is missing"]),
        BadRequest(name: "missing datatype", body: tensor(#""shape": [3], "data": [1, 2, 3]"#),
                   kind: .missingField, fragments: ["input 'features'", "'datatype' is missing"]),
        BadRequest(name: "missing data", body: tensor(#""shape": [3], "datatype": "FP32""#),
                   kind: .missingField, fragments: ["input 'features'", "'data' is missing"]),
        BadRequest(name: "unsupported datatype", body: tensor(#""shape": [3], "datatype": "BYTES", "data": ["a", "b", "c"]"#),
                   kind: .unsupportedDatatype, fragments: ["input 'features'", "'BYTES'", "FP32"]),
        BadRequest(name: "FP16 is unsupported", body: tensor(#""shape": [3], "datatype": "FP16", "data": [1, 2, 3]"#),
                   kind: .unsupportedDatatype, fragments: ["input 'features'", "'FP16'"]),
        BadRequest(name: "three-dimensional shape", body: tensor(#""shape": [1, 1, 3], "datatype": "FP32", "data": [1, 2, 3]"#),
                   kind: .wrongShape, fragments: ["input 'features'", "3 dimensions"]),
        BadRequest(name: "negative dimension", body: tensor(#""shape": [-1, 3], "datatype": "FP32", "data": [1, 2, 3]"#),
                   kind: .wrongShape, fragments: ["input 'features'", "non-negative"]),
        BadRequest(name: "wrong feature count in [N, F]", body: tensor(#""shape": [1, 2], "datatype": "FP32", "data": [1, 2]"#),
                   kind: .wrongFeatureCount, fragments: ["input 'features'", "2 features per row", "[N, 3]"]),
        BadRequest(name: "wrong feature count in [F]", body: tensor(#""shape": [4], "datatype": "FP32", "data": [1, 2, 3, 4]"#),
                   kind: .wrongFeatureCount, fragments: ["input 'features'", "4 features"]),
        BadRequest(name: "fewer values than the shape", body: tensor(#""shape": [2, 3], "datatype": "FP32", "data": [1, 2, 3, 4]"#),
                   kind: .dataCountMismatch, fragments: ["input 'features'", "4 values", "needs 6"]),
        BadRequest(name: "more values than the shape", body: tensor(#""shape": [1, 3], "datatype": "FP32", "data": [1, 2, 3, 4]"#),
                   kind: .dataCountMismatch, fragments: ["input 'features'", "more than 3 values"]),
        BadRequest(name: "a string value", body: tensor(#""shape": [3], "datatype": "FP32", "data": [1, "two", 3]"#),
                   kind: .nonNumericValue, fragments: ["input 'features'", "data[1] is a string"]),
        BadRequest(name: "an object value", body: tensor(#""shape": [3], "datatype": "FP64", "data": [1, 2, {"v": 3}]"#),
                   kind: .nonNumericValue, fragments: ["input 'features'", "data[2] is an object"]),
        BadRequest(name: "a boolean in FP32", body: tensor(#""shape": [3], "datatype": "FP32", "data": [true, 2, 3]"#),
                   kind: .nonNumericValue, fragments: ["input 'features'", "data[0] is a boolean"]),
        BadRequest(name: "a number in BOOL", body: tensor(#""shape": [3], "datatype": "BOOL", "data": [true, 1, false]"#),
                   kind: .nonNumericValue, fragments: ["input 'features'", "data[1]", "true or false"]),
        BadRequest(name: "a fraction in INT64", body: tensor(#""shape": [3], "datatype": "INT64", "data": [1, 2.5, 3]"#),
                   kind: .nonNumericValue, fragments: ["input 'features'", "data[1] is 2.5", "INT64"]),
        BadRequest(name: "INT32 overflow", body: tensor(#""shape": [3], "datatype": "INT32", "data": [1, 2, 2147483648]"#),
                   kind: .nonNumericValue, fragments: ["input 'features'", "data[2]", "INT32"]),
        BadRequest(name: "data that is not an array", body: tensor(#""shape": [3], "datatype": "FP32", "data": 5"#),
                   kind: .missingField, fragments: ["input 'features'", "'data' must be an array"]),
    ]

    @Test("bad tensors are refused naming the input and the problem", arguments: badRequests)
    func badTensor(request: BadRequest) {
        do {
            let batch = try Self.decode(request.body)
            Issue.record("accepted: \(batch)")
        } catch {
            #expect(error.kind == request.kind, "\(error.message)")
            for fragment in request.fragments {
                #expect(error.message.contains(fragment), "'\(error.message)' should mention \(fragment)")
            }
        }
    }

    @Test("an input without a name is named by its position")
    func unnamedInput() {
        do {
            _ = try Self.decode(#"{"inputs": [{"shape": [2], "datatype": "FP32", "data": [1, 2]}]}"#)
            Issue.record("accepted")
        } catch {
            #expect(error.input == "inputs[0]")
            #expect(error.message.hasPrefix("input 'inputs[0]'"))
        }
    }
}

/// A small seeded generator so the property test is reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
