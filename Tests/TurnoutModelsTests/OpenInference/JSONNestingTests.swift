import Testing
import TurnoutModels

/// The same nesting limit as every parser of the gateway (issue 19): 100,000 nested brackets in
/// a request or a model's answer are refused with a message, never a stack overflow.
@Suite("JSON nesting limit")
struct ModelsJSONNestingTests {
    @Test("100,000 nested brackets in a V2 request, in parameters and in data, are refused")
    func deepRequest() {
        let deep = String(repeating: "[", count: 100_000)
        for body in [#"{"parameters": {"p": \#(deep)"#, #"{"inputs": [{"name": "x", "shape": [1, 3], "datatype": "FP32", "data": \#(deep)"#, deep] {
            #expect(throws: InferenceRequestError.self) { try OpenInferenceCodec.decodeV2Request(Array(body.utf8), featureCount: 3) }
        }
    }

    @Test("100,000 nested brackets in a model's answer are refused")
    func deepOutput() {
        let body = #"{"outputs": "# + String(repeating: "[", count: 100_000)
        for format in ModelOutputReader.Format.allCases {
            #expect(throws: ModelOutputError.self) { try ModelOutputReader.read(Array(body.utf8), format: format) }
        }
    }
}
