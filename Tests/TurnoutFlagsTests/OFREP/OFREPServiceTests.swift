import Foundation
import Testing
import TurnoutFlags

/// OFREP status codes and body shapes (open-feature/protocol `service/openapi.yaml`), checked by
/// parsing the bodies the service produces.
@Suite("OFREP service")
struct OFREPServiceTests {
    static let document = #"""
        {
          "metadata": {"flagSetId": "ofrep"},
          "flags": {
            "new-ui": {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off",
                       "targeting": {"if": [{"ends_with": [{"var": "email"}, "@example.com"]}, "on", null]},
                       "metadata": {"owner": "web"}},
            "limit": {"state": "ENABLED", "variants": {"low": 10, "high": 100}, "defaultVariant": "low"},
            "retired": {"state": "DISABLED", "variants": {"on": true, "off": false}, "defaultVariant": "on"},
            "no-default": {"state": "ENABLED", "variants": {"a": "A"}, "defaultVariant": null},
            "stray": {"state": "ENABLED", "variants": {"a": 1}, "defaultVariant": "a", "targeting": {"cat": ["b"]}},
            "clock": {"state": "ENABLED", "variants": {"before": 0, "after": 1}, "defaultVariant": "before",
                      "targeting": {"if": [{">=": [{"var": "$flagd.timestamp"}, 1700000000]}, "after", "before"]}}
          }
        }
        """#

    /// The document's flags plus one whose rule uses an operator no engine knows: loading refuses
    /// such a file, so the flag is added directly, standing for a rule the running engine lacks.
    static let flags: FlagSet = {
        guard var set = try? FlagSet(parsing: Data(document.utf8)) else { return FlagSet() }
        set.flags["unparsable"] = Flag(
            key: "unparsable", variants: ["a": 1], defaultVariant: "a", targeting: ["no_such_operator": [1]])
        return set
    }()

    static let now = 1_750_000_000.0

    static func single(_ key: String, _ body: String) -> OFREPResponse {
        OFREPService.evaluate(flag: key, body: Data(body.utf8), flags: flags, now: now)
    }

    static func bulk(_ body: String, ifNoneMatch: String? = nil, flags: FlagSet = flags) -> OFREPResponse {
        OFREPService.evaluateAll(body: Data(body.utf8), ifNoneMatch: ifNoneMatch, flags: flags, now: now)
    }

    static func object(_ response: OFREPResponse) throws -> [String: JSONValue] {
        try #require(try JSONValue(parsing: Data(response.body)).objectValue)
    }

    // MARK: single flag, success

    @Test("the test flag set loaded")
    func loaded() {
        #expect(Self.flags.flags.count == 7)
    }

    @Test("targeting match: 200 with key, value, variant, reason and metadata")
    func targetingMatch() throws {
        let response = Self.single("new-ui", #"{"context": {"targetingKey": "u1", "email": "ana@example.com"}}"#)
        #expect(response.status == 200)
        #expect(response.header(named: "content-type") == "application/json")
        #expect(response.header(named: "ETag") == nil)
        let body = try Self.object(response)
        #expect(body["key"] == "new-ui")
        #expect(body["value"] == true)
        #expect(body["variant"] == "on")
        #expect(body["reason"] == "TARGETING_MATCH")
        #expect(body["metadata"] == ["owner": "web", "flagSetId": "ofrep"])
        #expect(body["errorCode"] == nil)
    }

    @Test("no match: the default variant with reason DEFAULT")
    func noMatch() throws {
        let body = try Self.object(Self.single("new-ui", #"{"context": {"email": "bob@elsewhere.org"}}"#))
        #expect(body["value"] == false)
        #expect(body["variant"] == "off")
        #expect(body["reason"] == "DEFAULT")
    }

    @Test("no targeting: STATIC, number value")
    func staticFlag() throws {
        let response = Self.single("limit", "{}")
        #expect(response.status == 200)
        let body = try Self.object(response)
        #expect(body["value"] == 10)
        #expect(body["variant"] == "low")
        #expect(body["reason"] == "STATIC")
    }

    @Test("the body and its context are optional", arguments: ["", "  \n", "{}", #"{"context": null}"#, #"{"context": {}}"#])
    func optionalContext(body: String) throws {
        let response = Self.single("new-ui", body)
        #expect(response.status == 200)
        #expect(try Self.object(response)["reason"] == "DEFAULT")
    }

    @Test("the clock argument is $flagd.timestamp")
    func timestamp() throws {
        let before = OFREPService.evaluate(flag: "clock", body: Data(), flags: Self.flags, now: 1_600_000_000)
        let after = OFREPService.evaluate(flag: "clock", body: Data(), flags: Self.flags, now: 1_700_000_000)
        #expect(try Self.object(before)["variant"] == "before")
        #expect(try Self.object(after)["variant"] == "after")
    }

    @Test("a disabled flag is a 200 success with reason DISABLED and no value, so the caller's default applies")
    func disabled() throws {
        let response = Self.single("retired", #"{"context": {"targetingKey": "u1"}}"#)
        #expect(response.status == 200)
        let body = try Self.object(response)
        #expect(body["key"] == "retired")
        #expect(body["reason"] == "DISABLED")
        #expect(body["value"] == nil)
        #expect(body["variant"] == nil)
        #expect(body["errorCode"] == nil)
    }

    @Test("no default variant and no match: 200 with reason DEFAULT and no value")
    func noDefaultVariant() throws {
        let response = Self.single("no-default", "{}")
        #expect(response.status == 200)
        let body = try Self.object(response)
        #expect(body["reason"] == "DEFAULT")
        #expect(body["value"] == nil)
    }

    // MARK: single flag, errors

    @Test("an unknown flag is 404 FLAG_NOT_FOUND naming the key")
    func flagNotFound() throws {
        let response = Self.single("nope", #"{"context": {}}"#)
        #expect(response.status == 404)
        #expect(response.header(named: "Content-Type") == "application/json")
        let body = try Self.object(response)
        #expect(body["key"] == "nope")
        #expect(body["errorCode"] == "FLAG_NOT_FOUND")
        #expect(body["errorDetails"]?.stringValue?.contains("nope") == true)
        #expect(body["value"] == nil)
    }

    @Test(
        "a body that is not a JSON object is 400 PARSE_ERROR with details",
        arguments: [
            ("{\"context\": ", "not valid JSON"), ("not json", "not valid JSON"),
            ("[1, 2]", "must be a JSON object, got array"), ("\"text\"", "must be a JSON object, got string"),
        ])
    func parseError(body: String, detail: String) throws {
        let response = Self.single("new-ui", body)
        #expect(response.status == 400)
        let object = try Self.object(response)
        #expect(object["key"] == "new-ui")
        #expect(object["errorCode"] == "PARSE_ERROR")
        let details = try #require(object["errorDetails"]?.stringValue)
        #expect(details.contains(detail))
    }

    @Test(
        "an unusable context is 400 INVALID_CONTEXT",
        arguments: [
            (#"{"context": [1]}"#, "must be a JSON object"), (#"{"context": "u1"}"#, "must be a JSON object"),
            (#"{"context": {"targetingKey": 7}}"#, "targetingKey must be a string"),
        ])
    func invalidContext(body: String, detail: String) throws {
        let response = Self.single("new-ui", body)
        #expect(response.status == 400)
        let object = try Self.object(response)
        #expect(object["errorCode"] == "INVALID_CONTEXT")
        #expect(object["errorDetails"]?.stringValue?.contains(detail) == true)
    }

    @Test("targeting naming no variant is 400 GENERAL; an unknown operator is 400 PARSE_ERROR")
    func evaluationErrors() throws {
        let stray = Self.single("stray", "{}")
        #expect(stray.status == 400)
        #expect(try Self.object(stray)["errorCode"] == "GENERAL")
        #expect(try Self.object(stray)["key"] == "stray")
        let unparsable = Self.single("unparsable", "{}")
        #expect(unparsable.status == 400)
        #expect(try Self.object(unparsable)["errorCode"] == "PARSE_ERROR")
    }

    @Test("error codes carry OpenFeature's spellings")
    func errorCodeSpellings() {
        #expect(OFREPErrorCode.allCases.map(\.rawValue) == [
            "PARSE_ERROR", "TARGETING_KEY_MISSING", "INVALID_CONTEXT", "FLAG_NOT_FOUND", "GENERAL",
        ])
    }

    // MARK: bulk

    @Test("bulk: every flag ordered by key, successes and failures side by side, with an ETag")
    func bulkShape() throws {
        let response = Self.bulk(#"{"context": {"targetingKey": "u1", "email": "ana@example.com"}}"#)
        #expect(response.status == 200)
        #expect(response.header(named: "Content-Type") == "application/json")
        let body = try Self.object(response)
        let entries = try #require(body["flags"]?.arrayValue).compactMap(\.objectValue)
        #expect(entries.compactMap { $0["key"]?.stringValue } == Self.flags.flags.keys.sorted())
        let byKey = Dictionary(uniqueKeysWithValues: entries.map { ($0["key"]!.stringValue!, $0) })
        #expect(byKey["new-ui"]?["value"] == true)
        #expect(byKey["new-ui"]?["reason"] == "TARGETING_MATCH")
        #expect(byKey["retired"]?["reason"] == "DISABLED")
        #expect(byKey["retired"]?["value"] == nil)
        #expect(byKey["stray"]?["errorCode"] == "GENERAL")
        #expect(byKey["stray"]?["errorDetails"]?.stringValue?.isEmpty == false)
        #expect(byKey["unparsable"]?["errorCode"] == "PARSE_ERROR")
        #expect(byKey["limit"]?["value"] == 10)
    }

    @Test("bulk: the ETag is a quoted FNV-1a 64 of the body, stable across calls")
    func etagStable() throws {
        let body = #"{"context": {"targetingKey": "u1", "email": "x@example.com"}}"#
        let first = Self.bulk(body)
        let second = Self.bulk(body)
        let tag = try #require(first.header(named: "ETag"))
        #expect(tag == second.header(named: "ETag"))
        #expect(first.body == second.body)
        #expect(tag.count == 18 && tag.hasPrefix("\"") && tag.hasSuffix("\""))
        #expect(tag == EntityTag.strong(for: first.body))
    }

    @Test("bulk: a different context or a changed flag set gives a different ETag")
    func etagChanges() throws {
        let matched = Self.bulk(#"{"context": {"email": "x@example.com"}}"#)
        let unmatched = Self.bulk(#"{"context": {"email": "x@elsewhere.org"}}"#)
        #expect(matched.header(named: "ETag") != unmatched.header(named: "ETag"))
        var changed = Self.flags
        changed.flags["limit"]?.defaultVariant = "high"
        let after = Self.bulk(#"{"context": {"email": "x@example.com"}}"#, flags: changed)
        #expect(after.header(named: "ETag") != matched.header(named: "ETag"))
    }

    @Test(
        "bulk: If-None-Match naming the current tag gives 304 with the tag and no body",
        arguments: ["{tag}", "W/{tag}", "\"other\", {tag}", "*", "{bare}"])
    func notModified(template: String) throws {
        let body = #"{"context": {"targetingKey": "u1"}}"#
        let tag = try #require(Self.bulk(body).header(named: "ETag"))
        let field = template.replacingOccurrences(of: "{tag}", with: tag)
            .replacingOccurrences(of: "{bare}", with: String(tag.dropFirst().dropLast()))
        let response = Self.bulk(body, ifNoneMatch: field)
        #expect(response.status == 304)
        #expect(response.body.isEmpty)
        #expect(response.header(named: "ETag") == tag)
        #expect(response.header(named: "Content-Type") == nil)
    }

    @Test("bulk: a stale If-None-Match gives 200 with the new body")
    func staleTag() throws {
        let body = #"{"context": {"targetingKey": "u1"}}"#
        let tag = try #require(Self.bulk(body).header(named: "ETag"))
        var changed = Self.flags
        changed.flags["retired"]?.state = .enabled
        let response = Self.bulk(body, ifNoneMatch: tag, flags: changed)
        #expect(response.status == 200)
        #expect(response.header(named: "ETag") != tag)
        #expect(!response.body.isEmpty)
    }

    @Test("bulk: a bad body is 400 with errorCode and errorDetails and no key")
    func bulkErrors() throws {
        let parse = Self.bulk("{oops")
        #expect(parse.status == 400)
        let parseBody = try Self.object(parse)
        #expect(parseBody["errorCode"] == "PARSE_ERROR")
        #expect(parseBody["key"] == nil)
        #expect(parseBody["errorDetails"]?.stringValue?.contains("not valid JSON") == true)
        let context = Self.bulk(#"{"context": {"targetingKey": false}}"#, ifNoneMatch: "*")
        #expect(context.status == 400)
        #expect(try Self.object(context)["errorCode"] == "INVALID_CONTEXT")
    }

    @Test("bulk: an empty body evaluates with an empty context")
    func bulkEmptyBody() throws {
        let response = Self.bulk("")
        #expect(response.status == 200)
        #expect(try Self.object(response)["flags"]?.arrayValue?.count == Self.flags.flags.count)
    }

    // MARK: auth and entity tags

    @Test("401 and 403 have no body; 401 carries a challenge")
    func authResponses() {
        #expect(OFREPResponse.unauthorized.status == 401)
        #expect(OFREPResponse.unauthorized.body.isEmpty)
        #expect(OFREPResponse.unauthorized.header(named: "www-authenticate") == "Bearer")
        #expect(OFREPResponse.forbidden.status == 403)
        #expect(OFREPResponse.forbidden.body.isEmpty)
    }

    @Test("500 carries errorDetails")
    func internalError() throws {
        let response = OFREPResponse.internalError(details: "flag source unavailable")
        #expect(response.status == 500)
        #expect(try Self.object(response) == ["errorDetails": "flag source unavailable"])
    }

    /// Published FNV-1a 64 test vectors (Landon Curt Noll's FNV test suite).
    @Test(
        "FNV-1a 64 matches the published vectors",
        arguments: [("", 0xcbf2_9ce4_8422_2325 as UInt64), ("a", 0xaf63_dc4c_8601_ec8c), ("foobar", 0x8594_4171_f739_67e8)])
    func fnvVectors(text: String, expected: UInt64) {
        #expect(EntityTag.fnv1a64(Array(text.utf8)) == expected)
        #expect(EntityTag.strong(for: Array(text.utf8)) == "\"" + String(expected, radix: 16) + "\"")
    }

    @Test("If-None-Match lists: quoted commas, weak prefixes, no match")
    func ifNoneMatchParsing() {
        #expect(EntityTag.ifNoneMatch(#""a,b", "c""#, matches: #""c""#))
        #expect(EntityTag.ifNoneMatch(#""a,b", "c""#, matches: #""a,b""#))
        #expect(!EntityTag.ifNoneMatch(#""a,b", "c""#, matches: #""a""#))
        #expect(!EntityTag.ifNoneMatch("", matches: #""a""#))
    }

    @Test("the example flag file for the OFREP client test loads and targets by email")
    func exampleFile() throws {
        let url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/flags/ofrep-test.flagd.json")
        let flags = try FlagSet(parsing: Data(contentsOf: url))
        let targeted = OFREPService.evaluate(
            flag: "model-version", body: Data(#"{"context": {"targetingKey": "u9", "email": "a@example.com"}}"#.utf8),
            flags: flags, now: Self.now)
        #expect(try Self.object(targeted)["value"] == "v2")
        #expect(try Self.object(targeted)["reason"] == "TARGETING_MATCH")
        #expect(Set(flags.flags.keys) == ["new-ui", "model-version", "retired", "limit"])
    }
}
