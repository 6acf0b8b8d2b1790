import Foundation
import Testing
import TurnoutAdminAPI

/// Each admin answer written as the gateway writes it, compared with the JSON clients rely on
/// (keys, `null`s, what is left out), and read back as the command line reads it.
@Suite("Admin API contracts")
struct AdminContractTests {
    /// `answer` encoded as the admin API encodes it, as text.
    private func wire(_ answer: some Encodable) throws -> String {
        String(decoding: try AdminJSON.encode(answer), as: UTF8.self)
    }

    /// Encodes `answer`, checks the text, decodes it back and checks it is the same answer.
    private func roundTrip<Answer: Codable & Equatable>(_ answer: Answer, _ expected: String) throws {
        #expect(try wire(answer) == expected)
        #expect(try AdminJSON.decode(Answer.self, from: Data(expected.utf8)) == answer)
    }

    @Test("health and errors")
    func healthAndErrors() throws {
        try roundTrip(HealthAnswer(), #"{"status":"ok"}"#)
        try roundTrip(ErrorAnswer(error: "model 'm' not found"), #"{"error":"model 'm' not found"}"#)
        try roundTrip(
            ErrorAnswer(error: "the release is not valid", problems: ["a", "b"]),
            #"{"error":"the release is not valid","problems":["a","b"]}"#
        )
        try roundTrip(CommandRequest(reason: "slow"), #"{"reason":"slow"}"#)
    }

    @Test("a model with a release and statistics, missing statistics as null")
    func model() throws {
        let release = ReleaseAnswer(
            spec: .object(["strategy": .string("split"), "weights": .object(["v1": .integer(90), "v2": .number(0.5)])]),
            phase: "progressing", step: 0, stepCount: 1, revision: 3, previousStable: nil, updatedAt: 1_700_000_000.5,
            reason: "started", allowedActions: ["pause", "promote"]
        )
        let stats = VersionStatsAnswer(
            requests: 10, errors: 1, errorRate: 0.1, latencyP50Ms: 2.5, latencyP99Ms: nil, feedback: 0, meanReward: .nan
        )
        let model = ModelAnswer(
            name: "m", protocol: "v2", strategy: "split", versions: ["v1", "v2"], weights: ["v1": 90.5, "v2": 9.5],
            windowSeconds: 300, release: release, stats: ["v1": stats]
        )
        try roundTrip(
            model,
            #"{"name":"m","protocol":"v2","release":{"allowed_actions":["pause","promote"],"phase":"progressing","previous_stable":null,"#
                + #""reason":"started","revision":3,"spec":{"strategy":"split","weights":{"v1":90,"v2":0.5}},"step":0,"step_count":1,"#
                + #""updated_at":1700000000.5},"stats":{"v1":{"error_rate":0.1,"errors":1,"feedback":0,"latency_p50_ms":2.5,"#
                + #""latency_p99_ms":null,"mean_reward":null,"requests":10}},"strategy":"split","versions":["v1","v2"],"#
                + #""weights":{"v1":90.5,"v2":9.5},"window_seconds":300}"#
        )
        // Without a release, an analysis or a store, those keys are left out rather than null.
        let bare = ModelAnswer(name: "m", protocol: "raw", strategy: "single", versions: [], weights: [:], windowSeconds: 60)
        try roundTrip(bare, #"{"name":"m","protocol":"raw","strategy":"single","versions":[],"weights":{},"window_seconds":60}"#)
        try roundTrip(ModelsAnswer(models: [bare]), #"{"models":["# + (try wire(bare)) + "]}")
    }

    @Test("a rollout analysis")
    func analysis() throws {
        let analysis = RolloutAnalysisAnswer(
            time: 12.5, decision: "continue",
            checks: [.init(name: "error_rate", verdict: "pass", summary: "0.1% <= 1%", values: ["canary": 0.001])]
        )
        try roundTrip(
            analysis,
            #"{"checks":[{"name":"error_rate","summary":"0.1% <= 1%","values":{"canary":0.001},"verdict":"pass"}],"decision":"continue","time":12.5}"#
        )
    }

    @Test("a gate holding a release: snake_case keys, no url for confirm")
    func gate() throws {
        try roundTrip(
            GateAnswer(gate: "before_step", url: "http://g/step", answer: "HTTP 503", since: 10, askedAt: 12.5, attempts: 2),
            #"{"answer":"HTTP 503","asked_at":12.5,"attempts":2,"gate":"before_step","since":10,"url":"http:\/\/g\/step"}"#
        )
        try roundTrip(
            GateAnswer(gate: "confirm", url: nil, answer: "waiting for turnout promote m", since: 10, askedAt: 10, attempts: 1),
            #"{"answer":"waiting for turnout promote m","asked_at":10,"attempts":1,"gate":"confirm","since":10}"#
        )
    }

    @Test("managed instances: snake_case keys, an instance's unknown times left out")
    func instances() throws {
        let answer = InstancesAnswer(
            instances: [.init(version: "v2", id: 1, state: "ready", port: 4001, readySince: 10.5, restarts: 1, lastExit: "exit status 1"),
                        .init(version: "v2", id: 2, state: "starting")],
            heldRequests: 3, refusedRequests: 1, gapSeconds: 2.5
        )
        try roundTrip(
            answer,
            #"{"gap_seconds":2.5,"held_requests":3,"instances":[{"id":1,"last_exit":"exit status 1","port":4001,"ready_since":10.5,"restarts":1,"state":"ready","version":"v2"},{"id":2,"restarts":0,"state":"starting","version":"v2"}],"refused_requests":1}"#
        )
    }

    @Test("an A/B test: every result key present, null where it does not apply")
    func abtest() throws {
        let result = ABTestResultAnswer(
            test: "sequential", effect: "relative", alpha: 0.05, control: "v1",
            arms: [.init(name: "v1", n: 10, mean: 0.5, ci: [0.25, nil]), .init(name: "v2", n: 0, mean: nil, ci: nil)],
            variants: [.init(
                name: "v2", effect: nil, ci: nil, se: nil, pValue: 0.5, adjustedPValue: nil, chanceToWin: nil,
                risk: .init(control: 0.25, variant: 0.125), significant: false, error: "no data"
            )],
            srm: .init(statistic: nil, pValue: 0.75, warning: false), decision: "keep_running", winner: nil, reasons: ["too few"]
        )
        let answer = ExperimentAnswer(
            model: "m", phase: "progressing", startedAt: 100.5, settings: .object(["metric": .string("reward")]),
            result: result, conclusion: nil
        )
        try roundTrip(
            answer,
            #"{"conclusion":null,"model":"m","phase":"progressing","result":{"alpha":0.05,"arms":[{"ci":[0.25,null],"mean":0.5,"n":10,"name":"v1"},"#
                + #"{"ci":null,"mean":null,"n":0,"name":"v2"}],"control":"v1","decision":"keep_running","effect":"relative","reasons":["too few"],"#
                + #""srm":{"p_value":0.75,"statistic":null,"warning":false},"test":"sequential","variants":[{"adjusted_p_value":null,"#
                + #""chance_to_win":null,"ci":null,"effect":null,"error":"no data","name":"v2","p_value":0.5,"#
                + #""risk":{"control":0.25,"variant":0.125},"se":null,"significant":false}],"winner":null},"#
                + #""settings":{"metric":"reward"},"started_at":100.5}"#
        )
        #expect(!answer.isBandit)
    }

    @Test("a bandit, with a conclusion")
    func bandit() throws {
        let answer = ExperimentAnswer(
            model: "m", strategy: "bandit", phase: "promoted", startedAt: 1.5, settings: .object(["policy": .string("thompson")]),
            arms: [
                .init(name: "v1", pulls: 4, rewards: 2, mean: 0.5, ci: [0.25, 0.75], share: 0.5, nextShare: 0.25, probabilityBest: 0.125),
                .init(name: "v2", pulls: 0, rewards: 0, mean: nil, ci: nil, share: 0.5, nextShare: 0.75, probabilityBest: 0.875),
            ],
            conclusion: .init(time: 2.5, decision: "variant_wins", winner: nil, summary: "v2 is best")
        )
        try roundTrip(
            answer,
            #"{"arms":[{"ci":[0.25,0.75],"mean":0.5,"name":"v1","next_share":0.25,"probability_best":0.125,"pulls":4,"rewards":2,"share":0.5},"#
                + #"{"ci":null,"mean":null,"name":"v2","next_share":0.75,"probability_best":0.875,"pulls":0,"rewards":0,"share":0.5}],"#
                + #""conclusion":{"decision":"variant_wins","summary":"v2 is best","time":2.5,"winner":null},"model":"m","phase":"promoted","#
                + #""settings":{"policy":"thompson"},"started_at":1.5,"strategy":"bandit"}"#
        )
        #expect(answer.isBandit)
    }

    @Test("a shadow release: missing statistics and comparisons are left out")
    func shadow() throws {
        let counts = ShadowVersionAnswer.Counts(
            pairs: 5, compared: 4, skipped: 1, dropped: 0, timedOut: 0, failed: 0, primaryErrors: 0, shadowErrors: 1,
            shapeMismatches: 0, unreadable: 0
        )
        var version = ShadowVersionAnswer(
            version: "v2", verdict: .init(ready: false, reasons: ["5 pairs, fewer than min_pairs 100"]), counts: counts,
            errorRate: .init(primary: 0, shadow: .nan), classificationUnavailable: "no labels",
            drift: .init(psi: 0.25, jsDistance: .infinity, ks: nil, window: 4)
        )
        version.raw = .init(statusMatchRate: 1, bodyMatchRate: 0.5)
        let answer = ShadowAnswer(
            model: "m", primary: "v1", sample: 50,
            thresholds: .init(minPairs: 100, minAgreement: 0.5, maxPSI: nil, maxLatencyP99Ratio: nil, maxErrorRate: nil),
            shadows: [version]
        )
        try roundTrip(
            answer,
            #"{"model":"m","primary":"v1","sample":50,"shadows":[{"classification_unavailable":"no labels","#
                + #""counts":{"compared":4,"dropped":0,"failed":0,"pairs":5,"primary_errors":0,"shadow_errors":1,"shape_mismatches":0,"#
                + #""skipped":1,"timed_out":0,"unreadable":0},"drift":{"psi":0.25,"window":4},"error_rate":{"primary":0},"#
                + #""raw":{"body_match_rate":0.5,"status_match_rate":1},"verdict":{"ready":false,"reasons":["5 pairs, fewer than min_pairs 100"]},"#
                + #""version":"v2"}],"thresholds":{"min_agreement":0.5,"min_pairs":100}}"#
        )
    }

    @Test("audit events: every key written, null for what is missing")
    func events() throws {
        let start = EventAnswer(id: nil, time: 1.5, model: "m", actor: "config", action: "start", from: nil, to: "progressing", reason: nil)
        let promote = EventAnswer(id: 7, time: 2.5, model: "m", actor: "api", action: "promote", from: "progressing", to: "promoted", reason: "ok")
        try roundTrip(
            EventsAnswer(events: [promote, start]),
            #"{"events":[{"action":"promote","actor":"api","from":"progressing","id":7,"model":"m","reason":"ok","time":2.5,"to":"promoted"},"#
                + #"{"action":"start","actor":"config","from":null,"id":null,"model":"m","reason":null,"time":1.5,"to":"progressing"}]}"#
        )
    }

    @Test("a non-finite number is written as a string and read back, instead of failing the answer")
    func nonFinite() throws {
        let arm = BanditArmAnswer(
            name: "v1", pulls: 1, rewards: 1, mean: .nan, ci: nil, share: .infinity, nextShare: -.infinity, probabilityBest: 0.5
        )
        let text = try wire(arm)
        #expect(text == #"{"ci":null,"mean":"nan","name":"v1","next_share":"-inf","probability_best":0.5,"pulls":1,"rewards":1,"share":"inf"}"#)
        let back = try AdminJSON.decode(BanditArmAnswer.self, from: Data(text.utf8))
        #expect(back.mean?.isNaN == true)
        #expect(back.share == .infinity)
        #expect(back.nextShare == -.infinity)
    }

    @Test("free-form settings keep integers, text that reads like a number, and nesting")
    func wireValue() throws {
        let text = #"{"a":[1,2.5,true,null,"nan"],"b":{"c":"x"}}"#
        let value = try AdminJSON.decode(WireValue.self, from: Data(text.utf8))
        #expect(value == .object([
            "a": .array([.integer(1), .number(2.5), .bool(true), .null, .string("nan")]),
            "b": .object(["c": .string("x")]),
        ]))
        #expect(try wire(value) == text)
        #expect(value["b"]?["c"]?.string == "x")
    }

    @Test("a dashboard time series, a version without requests in an interval left out")
    func series() throws {
        let stats = VersionStatsAnswer(requests: 4, errors: 0, errorRate: 0, latencyP50Ms: 1.5, latencyP99Ms: 3, feedback: 2, meanReward: 0.5)
        let answer = SeriesAnswer(
            model: "m", versions: ["v1", "v2"], intervalSeconds: 60,
            points: [.init(time: 1_700_000_040, seconds: 60, versions: ["v1": stats]), .init(time: 1_700_000_100, seconds: 12.5, versions: [:])]
        )
        try roundTrip(
            answer,
            #"{"interval_seconds":60,"model":"m","points":[{"seconds":60,"time":1700000040,"versions":{"v1":{"error_rate":0,"errors":0,"#
                + #""feedback":2,"latency_p50_ms":1.5,"latency_p99_ms":3,"mean_reward":0.5,"requests":4}}},"#
                + #"{"seconds":12.5,"time":1700000100,"versions":{}}],"versions":["v1","v2"]}"#
        )
    }
}
