import Foundation
import NIOCore
import NIOHTTP1
import Testing
import TurnoutFlags
import TurnoutModels
@testable import TurnoutGateway

/// The Open Inference Protocol `parameters` the data plane routes on, read with the model
/// runtime's JSON scanner, and the attributes a policy sees.
@Suite("OIP parameters of a request body")
struct OIPParameterTests {
    /// A body as the channel hands it over: in one or several buffers.
    static func body(_ text: String, splitEvery size: Int? = nil) -> CircularBuffer<ByteBuffer> {
        var parts = CircularBuffer<ByteBuffer>()
        let bytes = Array(text.utf8)
        guard let size else {
            parts.append(ByteBuffer(bytes: bytes))
            return parts
        }
        for start in stride(from: 0, to: bytes.count, by: size) {
            parts.append(ByteBuffer(bytes: bytes[start..<min(start + size, bytes.count)]))
        }
        return parts
    }

    /// What the data plane makes of a body: the attributes a policy routes on, or the 400 answer's message.
    enum Outcome: Equatable {
        case success([String: JSONValue])
        case failure(String)

        init(_ result: Result<[String: InferenceParameter], OIPParameter.Problem>) {
            switch result {
            case .success(let parameters): self = .success(parameters.compactMapValues(OIPParameter.attribute))
            case .failure(let problem): self = .failure(problem.message)
            }
        }
    }

    static func parameters(_ text: String, maxCount: Int = 64, headerLength: String? = nil) -> Outcome {
        Outcome(OIPParameter.parameters(in: body(text), inferenceHeaderLength: headerLength, maxCount: maxCount))
    }

    /// Bodies that route, with the attributes they yield.
    static let accepted: [(body: String, attributes: [String: JSONValue])] = [
        (#"{"inputs": []}"#, [:]),
        (#"{"parameters": {}}"#, [:]),
        (#"{"parameters": {"user": "ann"}}"#, ["user": "ann"]),
        (#"{"parameters": {"n": 42, "f": 1.5, "neg": -0.25, "e": 1e3, "z": -0}}"#, ["n": 42, "f": 1.5, "neg": -0.25, "e": 1000, "z": 0]),
        // Beyond 2^53 a number is the nearest Double, as JSON numbers are in JavaScript.
        (#"{"parameters": {"big": 12345678901234567890}}"#, ["big": .number(Double("12345678901234567890")!)]),
        (#"{"parameters": {"tiny": 1e-400}}"#, ["tiny": 0]),
        // true is a boolean, 1 a number: the two never mix.
        (#"{"parameters": {"t": true, "f": false, "one": 1, "zero": 0}}"#, ["t": true, "f": false, "one": 1, "zero": 0]),
        // null, arrays and objects do not route.
        (#"{"parameters": {"a": null, "b": [1, 2], "c": {"d": 1}, "e": "kept"}}"#, ["e": "kept"]),
        (#"{"parameters": {"u": "\u00e9\ud83d\ude00", "esc": "a\"b\\c\n\t/"}}"#, ["u": "é😀", "esc": "a\"b\\c\n\t/"]),
        (#"{"parameters": {"us\u0065r": "x"}}"#, ["user": "x"]),
        // A lone surrogate is well-formed JSON but no character: it reads as U+FFFD.
        (#"{"parameters": {"lone": "\ud800"}}"#, ["lone": "\u{FFFD}"]),
        (#"{"parameters": {"k": "é😀 raw"}}"#, ["k": "é😀 raw"]),
        // Only the top-level parameters count, wherever they are in the body.
        (#"{"inputs": [{"name": "x", "parameters": {"inner": 1}, "data": [1]}], "parameters": {"outer": 2}}"#, ["outer": 2]),
        (#"{"parameters": {"first": 1}, "id": "r1", "outputs": [{"name": "y"}]}"#, ["first": 1]),
        (" \n\t{ \"parameters\" : { \"spaced\" : \"yes\" } } \n", ["spaced": "yes"]),
        // A repeated name keeps its last value.
        (#"{"parameters": {"dup": 1, "dup": 2}}"#, ["dup": 2]),
    ]

    @Test("strings, numbers and booleans are read as JSON values; null and nested JSON are left out")
    func acceptedBodies() {
        for (body, attributes) in Self.accepted {
            #expect(Self.parameters(body) == .success(attributes), "\(body)")
        }
    }

    @Test("a body split across buffers, even inside a token, reads the same as in one buffer")
    func splitBodies() {
        for (body, attributes) in Self.accepted {
            for size in [1, 3, 7] {
                let parsed = Outcome(OIPParameter.parameters(in: Self.body(body, splitEvery: size), maxCount: 64))
                #expect(parsed == .success(attributes), "\(body) in \(size)-byte parts")
            }
        }
    }

    /// Bodies the gateway answers with 400, and the answer's message.
    static let refused: [(body: String, message: String)] = [
        ("", "request body is empty; expected an inference request"),
        ("[]", "the request body must be a JSON object"),
        (#""text""#, "the request body must be a JSON object"),
        (#"{"parameters": [1]}"#, "'parameters' must be an object"),
        (#"{"parameters": "x"}"#, "'parameters' must be an object"),
        (#"{"parameters": {"n": 1e400}}"#, "'parameters.n' is 1e400, not a finite number"),
        (#"{"parameters": {"n": -1e400}}"#, "'parameters.n' is -1e400, not a finite number"),
    ]

    @Test("a body that is not a JSON object with an object of parameters is refused with the reason")
    func refusedBodies() {
        for (body, message) in Self.refused {
            #expect(Self.parameters(body) == .failure(message), "\(body)")
        }
    }

    @Test("broken JSON is refused as not valid JSON, naming where it breaks")
    func brokenJSON() {
        let broken = [
            #"{"parameters": {"a": }}"#, #"{"parameters": {"a": 1}"#, #"{"parameters": {"a": 1}} x"#, #"{"parameters": {"a": 01}}"#,
            #"{"parameters": {"a": "\x"}}"#, #"{"parameters": {"a": tru}}"#, #"{parameters: {}}"#,
            #"{"parameters": {"a": NaN}}"#, "{\"parameters\": {\"a\": \"tab\there\"}}",
        ]
        for body in broken {
            guard case .failure(let message) = Self.parameters(body) else {
                Issue.record("accepted \(body)")
                continue
            }
            #expect(message.hasPrefix("the request body is not valid JSON: ") || message.contains("not a finite number"), "\(body): \(message)")
        }
    }

    @Test("more parameters than the limit are refused naming the setting; the limit itself is fine")
    func parameterLimit() {
        let three = #"{"parameters": {"a": 1, "b": 2, "c": 3}}"#
        #expect(Self.parameters(three, maxCount: 3) == .success(["a": 1, "b": 2, "c": 3]))
        #expect(Self.parameters(three, maxCount: 2) == .failure("'parameters' has more than 2 members (limits.max_parameters)"))
    }

    @Test("with Inference-Header-Content-Length only the JSON header is read")
    func binaryHeader() {
        let header = #"{"parameters": {"user": "ann"}}"#
        let body = header + "\u{0}\u{1}\u{2}{not json"
        #expect(Self.parameters(body, headerLength: "\(header.utf8.count)") == .success(["user": "ann"]))
        let parts = Self.body(body, splitEvery: 5)
        let split = Outcome(OIPParameter.parameters(in: parts, inferenceHeaderLength: "\(header.utf8.count)", maxCount: 8))
        #expect(split == .success(["user": "ann"]))
        guard case .failure = Self.parameters(body, headerLength: "\(body.utf8.count + 1)") else {
            Issue.record("a header longer than the body was accepted")
            return
        }
    }

    @Test("the unit key is a string as it is, a whole number without a fraction, a boolean as written")
    func unitKeys() {
        #expect(OIPParameter.unitKey(.string("ann")) == "ann")
        #expect(OIPParameter.unitKey(.number(42)) == "42")
        #expect(OIPParameter.unitKey(.number(-7)) == "-7")
        #expect(OIPParameter.unitKey(.number(999_999_999_999_999)) == "999999999999999")
        #expect(OIPParameter.unitKey(.number(1.5)) == "1.5")
        #expect(OIPParameter.unitKey(.number(1e15)) == "1000000000000000.0")
        #expect(OIPParameter.unitKey(.bool(true)) == "true")
        #expect(OIPParameter.unitKey(nil) == nil)
        #expect(OIPParameter.unitKey(.null) == nil)
        #expect(OIPParameter.unitKey(.json(#"{"a":1}"#)) == nil)
    }

    @Test("nested parameters are read whole, as JSON text, and do not route")
    func nestedParameters() {
        let parsed = OIPParameter.parameters(in: Self.body(#"{"parameters": {"c": { "d" : [1, "x"] }}}"#), maxCount: 8)
        guard case .success(let parameters) = parsed, let nested = parameters["c"] else {
            Issue.record("\(parsed)")
            return
        }
        guard case .json = nested else {
            Issue.record("\(nested)")
            return
        }
        #expect(OIPParameter.attribute(nested) == nil)
    }

    @Test("a policy sees headers under lower-case names, the last of repeated ones, and parameters over headers")
    func attributes() {
        let headers = HTTPHeaders([("X-Tier", "silver"), ("x-email", "a@x"), ("X-Email", "b@x"), ("tier", "header"), ("gone", "header")])
        let parameters: [String: InferenceParameter] = ["tier": .string("gold"), "age": .number(30), "vip": .bool(false), "gone": .null]
        let attributes = InferenceHandler.attributes(headers: headers, parameters: parameters)
        // A null parameter is no attribute, so the header of its name stays.
        #expect(attributes == ["x-tier": "silver", "x-email": "b@x", "tier": "gold", "age": 30, "vip": false, "gone": "header"])
        #expect(InferenceHandler.attributes(headers: [:], parameters: ["a": .bool(true)]) == ["a": true])
        #expect(InferenceHandler.attributes(headers: HTTPHeaders([("A", "1")]), parameters: [:]) == ["a": "1"])
    }
}
