import Testing
import TurnoutCore
import TurnoutStats

/// Mutation test of release documents (issue 19 found 16 crashes in 1,325 random mutations):
/// valid documents of every strategy, with numbers and strings swapped for hostile values, keys
/// dropped, added or doubled. Each mutant is either refused with issues naming key paths, or
/// parses into a release whose routing can be built, whose document form reads back the same,
/// and that the lifecycle can start.
@Suite("Release document mutations")
struct ReleaseMutationTests {
    static let model = ModelConfig(
        name: "m",
        versions: ["v1", "v2", "v3"].map { VersionConfig(name: $0, backend: .builtin(path: "\($0).json")) },
        release: .single(version: "v1")
    )

    /// One valid document of every strategy, with every key set somewhere (from examples/*.yaml and the tests).
    static let seeds = [
        #"{"strategy":"single","version":"v2"}"#,
        #"{"strategy":"split","weights":{"v1":90,"v2":10}}"#,
        #"{"strategy":"flag","flag":"model-version","fallback":"v1"}"#,
        #"{"strategy":"abtest","control":"v1","variants":["v2","v3"],"weights":{"v1":2,"v2":1,"v3":1},"metric":"reward","goal":"maximize","effect":"relative","test":"sequential","alpha":0.05,"tuning":1000,"min_samples":300,"max_duration":"14d","on_conclusion":"promote","interval":"5s"}"#,
        #"{"strategy":"bandit","arms":["v1","v2"],"policy":"thompson","epsilon":0.1,"temperature":0.5,"reward":{"type":"bernoulli","wait":"30s","default":0},"min_share":0.05,"update_every":"10s","sticky":false,"conclude":{"prob_best":0.95,"min_samples":500,"action":"promote"}}"#,
        #"{"strategy":"shadow","primary":"v1","shadows":["v2"],"sample":100,"max_body":"64KiB","timeout":"2s","concurrency":64,"compare":{"output":"y","min_pairs":500,"min_agreement":0.9,"max_psi":0.25,"max_latency_p99_ratio":3,"max_error_rate":0.01,"window":1000}}"#,
        #"{"strategy":"canary","stable":"v1","canary":"v2","steps":[{"weight":10,"pause":"10s"},{"weight":50,"pause":"10s"},25,{"weight":100,"pause":"1m"}],"analysis":{"interval":"2s","min_requests":100,"max_error_rate":0.01,"error_rate_increase":0.01,"latency_p99_increase":0.5,"reward":true,"failure_limit":2,"inconclusive":"pause","step_timeout":"2m"},"rollback_window":"10m"}"#,
        #"{"strategy":"bluegreen","active":"v1","preview":"v2","smoke":[{"request":"smoke/request.json","expect_status":200,"expect_output":"smoke/out.json"},"smoke/other.json"],"pre_promotion":{"mirror":50,"min_pairs":200,"max_error_rate":0.01,"max_latency_p99_ratio":3},"auto_promote":true,"post_promotion":{"window":"30s","interval":"5s","min_requests":100,"failure_limit":1},"rollback_window":"10m"}"#,
    ]

    @Test("3,000 seeded mutations: each is refused with key paths, or routes, round-trips and starts")
    func mutations() throws {
        var random = SeededGenerator(seed: 0x19_2025)
        let seeds = try Self.seeds.map { try MutableDocument(ConfigValue.parse(yaml: $0)) }
        var accepted = 0
        for index in 0..<3_000 {
            var document = seeds[index % seeds.count]
            let changes = Int(random.next(upperBound: UInt64(3))) + 1
            for _ in 0..<changes { document.mutate(using: &random) }
            if check(document.text) { accepted += 1 }
        }
        // Both outcomes are exercised: some mutants are harmless, most are refused.
        #expect(accepted > 50)
        #expect(accepted < 2_900)
    }

    @Test("the issue's crashing documents are refused", arguments: [
        #"{"strategy":"split","weights":{"v1":1e308,"v2":1e308}}"#,
        #"{"strategy":"canary","stable":"v1","canary":"v2","steps":[{"weight":10,"pause":"1e308s"},{"weight":100}]}"#,
        #"{"strategy":"canary","stable":"v1","canary":"v2","steps":[{"weight":10,"pause":1e16},{"weight":100}]}"#,
        #"{"strategy":"canary","stable":"v1","canary":"v2","steps":[{"weight":10,"pause":9223372036854775807},{"weight":100}]}"#,
        #"{"strategy":"bandit","arms":["v1","v2"],"update_every":9223372036854775807}"#,
        #"{"strategy":"shadow","primary":"v1","shadows":["v2"],"timeout":"1e16ms","max_body":"1e308KiB"}"#,
    ])
    func knownCrashes(_ document: String) {
        #expect(throws: ConfigError.self) { try ReleaseSpec.parse(document, for: Self.model) }
    }

    /// Checks one mutant; true when it was accepted.
    private func check(_ text: String) -> Bool {
        let spec: ReleaseSpec
        do {
            spec = try ReleaseSpec.parse(text, for: Self.model)
        } catch {
            #expect(!error.issues.isEmpty, "\(text)")
            for issue in error.issues {
                #expect(issue.path.hasPrefix("models.m.release") || issue.path == "(document)", "\(issue) for \(text)")
                #expect(!issue.description.contains("\n"), "\(issue) for \(text)")
            }
            return false
        }
        var random = SeededGenerator(seed: 1)
        let policy = spec.makePolicy(salt: "m")
        for key in ["a", "b", nil] {
            let decision = policy.decide(RoutingRequest(unitKey: key), random: &random)
            #expect(Self.model.versions.contains { $0.name == decision.primary }, "\(text)")
        }
        #expect((try? ReleaseSpec.parse(spec.configJSON, for: Self.model)) == spec, "\(text) → \(spec.configJSON)")
        let state = ReleaseLifecycle.start(
            model: "m", spec: spec, previousStable: ReleaseState.previousStable(for: spec, replacing: nil), actor: "test", now: 1_000
        ).state
        #expect(state.validationIssues(for: Self.model).isEmpty, "\(text)")
        _ = state.routing.makePolicy(salt: "m").decide(RoutingRequest(unitKey: "a"), random: &random)
        for step in 0...state.stepCount {
            var later = state
            later.step = step
            _ = later.routing.makePolicy(salt: "m").decide(RoutingRequest(unitKey: "b"), random: &random)
        }
        return true
    }
}

/// A JSON document whose leaves are written as raw text, so hostile tokens (`1e308`, `.nan`,
/// `9223372036854775807`) reach the parser exactly as an attacker would send them.
struct MutableDocument {
    indirect enum Node {
        case raw(String)
        case array([Node])
        case object([(key: String, value: Node)])
    }

    var root: Node

    init(_ value: ConfigValue) {
        root = Self.node(value)
    }

    /// Values that crashed the gateway or sit on a boundary: huge and tiny numbers, every
    /// duration unit with out-of-range amounts, wrong types, deep nesting.
    static let hostile: [String] = scalars + nested + durations + sizes

    private static let scalars = [
        "1e308", "-1e308", "1e16", "-1e16", "9223372036854775807", "-9223372036854775808", "18446744073709551616",
        "-0", "0", "0.0", "1e-320", "-1", "1", "0.5", "100", "101", "2147483647", "2147483648", "1000000", "1000001",
        "null", "true", "false", ".nan", ".inf", "-.inf", #""""#, #""v1""#, #""v2""#, #""v3""#, #""v9""#, #""nan""#,
        #""\n""#, #""a\u0000b""#, "[]", "{}", #"["v1","v1"]"#, #"{"v1":1}"#,
    ]

    private static let nested: [String] = [
        String(repeating: "[", count: 70) + String(repeating: "]", count: 70),
        String(repeating: #"{"a":"#, count: 8) + "1" + String(repeating: "}", count: 8),
    ]

    private static var durations: [String] {
        var tokens: [String] = []
        for unit in ["ms", "s", "m", "h", "d"] {
            for amount in ["1e308", "-1", "1e16", "9223372036854775807", "0", "0.0001", "366", "1e-320", "nan", "inf"] {
                tokens.append("\"" + amount + unit + "\"")
            }
        }
        return tokens
    }

    private static var sizes: [String] {
        var tokens: [String] = []
        for unit in ["B", "KiB", "MiB", "GiB", "TiB", "KB", "GB"] {
            for amount in ["1e308", "-1", "1e16", "1.5", "0"] { tokens.append("\"" + amount + unit + "\"") }
        }
        return tokens
    }

    static let keys = [
        "strategy", "version", "weights", "flag", "fallback", "control", "variants", "alpha", "tuning", "min_samples",
        "max_duration", "interval", "arms", "epsilon", "temperature", "reward", "min_share", "update_every", "default",
        "wait", "primary", "shadows", "sample", "max_body", "timeout", "concurrency", "window", "steps", "pause", "weight",
        "analysis", "rollback_window", "failure_limit", "smoke", "mirror", "min_pairs", "post_promotion", "v1", "v2", "bogus",
    ]

    var text: String { Self.write(root) }

    /// One random change: swap a value for a hostile one, drop a key, add one, or double one.
    mutating func mutate(using random: inout SeededGenerator) {
        let paths = Self.paths(in: root, prefix: [])
        let path = paths[Int(random.next(upperBound: UInt64(paths.count)))]
        let choice = random.next(upperBound: UInt64(10))
        let token = Self.hostile[Int(random.next(upperBound: UInt64(Self.hostile.count)))]
        let key = Self.keys[Int(random.next(upperBound: UInt64(Self.keys.count)))]
        root = Self.change(root, at: path[...]) { node in
            switch (choice, node) {
            case (7, .object(var entries)) where !entries.isEmpty:
                entries.remove(at: Int(random.next(upperBound: UInt64(entries.count))))
                return .object(entries)
            case (8, .object(var entries)):
                entries.append((key, .raw(token)))
                return .object(entries)
            case (9, .object(var entries)) where !entries.isEmpty:
                entries.append(entries[Int(random.next(upperBound: UInt64(entries.count)))])
                return .object(entries)
            default:
                return .raw(token)
            }
        }
    }

    private static func node(_ value: ConfigValue) -> Node {
        switch value {
        case .null: .raw("null")
        case .bool(let flag): .raw(String(flag))
        case .int(let number): .raw(String(number))
        case .double(let number): .raw(String(number))
        case .string(let text): .raw(ReleaseSpecQuoting.quoted(text))
        case .array(let items): .array(items.map(node))
        case .mapping(let entries): .object(entries.map { ($0.key, node($0.value)) })
        }
    }

    /// Every node's path: indexes into arrays and objects.
    private static func paths(in node: Node, prefix: [Int]) -> [[Int]] {
        switch node {
        case .raw: return [prefix]
        case .array(let items): return [prefix] + items.enumerated().flatMap { paths(in: $1, prefix: prefix + [$0]) }
        case .object(let entries): return [prefix] + entries.enumerated().flatMap { paths(in: $1.value, prefix: prefix + [$0]) }
        }
    }

    private static func change(_ node: Node, at path: ArraySlice<Int>, _ edit: (Node) -> Node) -> Node {
        guard let index = path.first else { return edit(node) }
        switch node {
        case .raw: return node
        case .array(var items):
            items[index] = change(items[index], at: path.dropFirst(), edit)
            return .array(items)
        case .object(var entries):
            entries[index].value = change(entries[index].value, at: path.dropFirst(), edit)
            return .object(entries)
        }
    }

    private static func write(_ node: Node) -> String {
        switch node {
        case .raw(let text): text
        case .array(let items): "[" + items.map(write).joined(separator: ",") + "]"
        case .object(let entries): "{" + entries.map { ReleaseSpecQuoting.quoted($0.key) + ":" + write($0.value) }.joined(separator: ",") + "}"
        }
    }
}

/// JSON string literals for the mutants (the same escaping the release document form uses).
enum ReleaseSpecQuoting {
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
