import Foundation
import Testing
import TurnoutModels

/// What the request decoders refuse: non-finite numbers, invalid UTF-8, too many parameters.
@Suite("Open Inference Protocol request bounds")
struct RequestBoundsTests {
    static func decode(_ json: String, maxParameters: Int = .max) throws(InferenceRequestError) -> InferenceBatch {
        try OpenInferenceCodec.decodeV2Request(Array(json.utf8), featureCount: 3, maxParameters: maxParameters)
    }

    static func tensor(_ datatype: String, _ value: String) -> String {
        #"{"inputs": [{"name": "x", "shape": [1, 3], "datatype": "\#(datatype)", "data": [1, \#(value), 2]}]}"#
    }

    @Test("NaN, Infinity and numbers beyond the datatype's range are refused, naming the input and position",
          arguments: ["NaN", "Infinity", "-Infinity", "1e999", "-1e999", "1e39"])
    func nonFiniteTensorData(token: String) {
        for datatype in ["FP32", "FP64"] {
            #expect {
                try Self.decode(Self.tensor(datatype, token))
            } throws: { error in
                let error = error as? InferenceRequestError
                return error?.kind == .nonNumericValue && error?.message.hasPrefix("input 'x': data[1] is") == true
                    && error?.message.contains("not a finite") == true
            }
        }
    }

    @Test("FP64 values beyond the Float range are refused, as the model computes in Float")
    func fp64BeyondFloat() {
        #expect(throws: InferenceRequestError.self) { try Self.decode(Self.tensor("FP64", "1e300")) }
        #expect(throws: Never.self) { try Self.decode(Self.tensor("FP64", "3e38")) }
    }

    @Test("V1 instances refuse NaN and overflowing numbers, keep null as missing")
    func v1NonFinite() throws {
        for token in ["NaN", "Infinity", "1e999"] {
            #expect(throws: InferenceRequestError.self) {
                try OpenInferenceCodec.decodeV1Request(Array(#"{"instances": [[1, \#(token), 2]]}"#.utf8), featureCount: 3)
            }
        }
        let batch = try OpenInferenceCodec.decodeV1Request(Array(#"{"instances": [[1, null, 2]]}"#.utf8), featureCount: 3)
        #expect(batch.features[1].isNaN)
    }

    @Test("a string with invalid UTF-8 is refused, escaped or not")
    func invalidUTF8() {
        for bytes: [UInt8] in [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0x5C, 0x6E, 0xFE]] {
            var body = Array(#"{"id": "a"#.utf8) + bytes + Array(#"", "inputs": [{"name": "x", "shape": [3], "datatype": "FP32", "data": [1, 2, 3]}]}"#.utf8)
            #expect(throws: InferenceRequestError.self) { try OpenInferenceCodec.decodeV2Request(body, featureCount: 3) }
            body = Array(#"{"id": "aé\u00e9", "inputs": [{"name": "x", "shape": [3], "datatype": "FP32", "data": [1, 2, 3]}]}"#.utf8)
            #expect(throws: Never.self) { try OpenInferenceCodec.decodeV2Request(body, featureCount: 3) }
        }
    }

    @Test("parameters over the limit are refused before they are all built; non-finite ones too")
    func parameterLimit() throws {
        let four = #"{"parameters": {"a": 1, "b": 2, "c": 3, "d": 4}, "inputs": [{"name": "x", "shape": [3], "datatype": "FP32", "data": [1, 2, 3]}]}"#
        #expect(try Self.decode(four, maxParameters: 4).parameters.count == 4)
        #expect {
            try Self.decode(four, maxParameters: 3)
        } throws: { ($0 as? InferenceRequestError)?.kind == .tooManyParameters }
        #expect(throws: InferenceRequestError.self) {
            try Self.decode(#"{"parameters": {"a": NaN}, "inputs": [{"name": "x", "shape": [3], "datatype": "FP32", "data": [1, 2, 3]}]}"#)
        }
    }

    @Test("only the top-level parameters are read for routing; the rest is skipped")
    func routingParameters() throws {
        let body = Array(#"{"inputs": [{"name": "x", "parameters": {"inner": 1}, "data": [[1, 2], [3, 4]]}], "parameters": {"user": "u1", "n": 2, "t": true, "z": null}}"#.utf8)
        let parameters = try body.withUnsafeBytes { raw in
            try OpenInferenceCodec.decodeV2Parameters(raw, maxCount: 10)
        }
        #expect(parameters == ["user": .string("u1"), "n": .number(2), "t": .bool(true), "z": .null])
        #expect(throws: InferenceRequestError.self) {
            try body.withUnsafeBytes { raw in try OpenInferenceCodec.decodeV2Parameters(raw, maxCount: 3) }
        }
        #expect(throws: InferenceRequestError.self) {
            try Array("[1]".utf8).withUnsafeBytes { raw in try OpenInferenceCodec.decodeV2Parameters(raw, maxCount: 3) }
        }
    }
}
