import Foundation
import Testing
import TurnoutAdminAPI
import TurnoutCLI

/// What the admin commands print for answers decoded from the admin API's JSON, as `turnout`
/// decodes them.
@Suite("Command-line formatting")
struct AdminFormatTests {
    /// `text` with every run of spaces made one, so a check does not depend on column widths.
    private func squeezed(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        }
    }

    private func decode<Answer: Decodable>(_ type: Answer.Type, _ json: String) throws -> Answer {
        try AdminJSON.decode(type, from: Data(json.utf8))
    }

    @Test("status: one row per version, the model's columns on its first row, dashes for missing statistics")
    func status() throws {
        let model = try decode(ModelAnswer.self, #"""
            {"name":"m","protocol":"v2","strategy":"canary","versions":["v1","v2"],"weights":{"v1":90,"v2":10},"window_seconds":300,
             "release":{"spec":{},"phase":"progressing","step":0,"step_count":2,"revision":3,"previous_stable":null,"updated_at":1,
                        "reason":"started","allowed_actions":["pause"]},
             "stats":{"v1":{"requests":10,"errors":1,"error_rate":0.1,"latency_p50_ms":2.5,"latency_p99_ms":null,"feedback":0,"mean_reward":null},
                      "v2":{"requests":0,"errors":0,"error_rate":null,"latency_p50_ms":null,"latency_p99_ms":null,"feedback":0,"mean_reward":null}},
             "analysis":{"time":1,"decision":"continue","checks":[{"name":"error_rate","verdict":"pass","summary":"fine","values":{}}]}}
            """#)
        let lines = squeezed(AdminFormat.status([model]))
        #expect(lines[0] == "MODEL STRATEGY PHASE STEP REVISION VERSION WEIGHT % REQUESTS ERR % P50 ms P99 ms FEEDBACK MEAN REWARD")
        #expect(lines[1] == "m canary progressing 1/2 3 v1 90.0 10 10.00 2.50 - 0 -")
        #expect(lines[2] == "v2 10.0 0 - - - 0 -")
        #expect(lines.contains("requests, errors, latency and feedback over the last 300 s"))
        #expect(lines.contains("m analysis: continue"))
        #expect(lines.contains("error_rate: pass — fine"))
    }

    @Test("status: the gate holding a release, with its answer, attempts and URL")
    func gate() throws {
        let model = try decode(ModelAnswer.self, #"""
            {"name":"m","protocol":"v2","strategy":"canary","versions":["v1"],"weights":{"v1":100},"window_seconds":300,
             "gate":{"gate":"before_step","url":"http://g/step","answer":"HTTP 503","since":1,"asked_at":2,"attempts":3}}
            """#)
        #expect(squeezed(AdminFormat.status([model])).contains("m gate before_step holds: HTTP 503 (3 attempts) from http://g/step"))
        let receipt = GateAnswer(gate: "after_rollback", url: "http://g/rb", answer: "HTTP 500", since: 1, askedAt: 1, attempts: 1)
        #expect(AdminFormat.gateLine(receipt, model: "m") == "m gate after_rollback not told yet, last answer: HTTP 500 (1 attempt) from http://g/rb")
        let start = GateAnswer(gate: "before_start", url: "http://g/start", answer: "HTTP 409", since: 1, askedAt: 4, attempts: 2)
        #expect(AdminFormat.gateLine(start, model: "m") == "m gate before_start holds: HTTP 409 (2 attempts) from http://g/start")
    }

    @Test("release lines: a promoted release's step is clamped to the count, the reason follows")
    func releaseLine() throws {
        let release = ReleaseAnswer(
            spec: .object([:]), phase: "promoted", step: 4, stepCount: 4, revision: 5, previousStable: "v1", updatedAt: 0,
            reason: "promoted after the last step", allowedActions: []
        )
        let model = ModelAnswer(name: "m", protocol: "v2", strategy: "canary", versions: ["v1"], weights: [:], windowSeconds: 300, release: release)
        #expect(AdminFormat.releaseLine(model) == "m: promoted (step 4/4, revision 5) — promoted after the last step")
        #expect(AdminFormat.appliedLine(model) == "m: release applied, revision 5, phase promoted")
        let bare = ModelAnswer(name: "m", protocol: "v2", strategy: "single", versions: [], weights: [:], windowSeconds: 300)
        #expect(AdminFormat.releaseLine(bare) == "m: the gateway sent no release state")
    }

    @Test("events: UTC times to the second, a dash for a missing phase")
    func events() throws {
        let answer = try decode(EventsAnswer.self, #"""
            {"events":[{"id":2,"time":1700000000.75,"model":"m","actor":"api","action":"start","from":null,"to":"progressing","reason":null}]}
            """#)
        let lines = squeezed(AdminFormat.events(answer.events))
        #expect(lines[0] == "TIME MODEL ACTOR ACTION FROM -> TO REASON")
        #expect(lines[1] == "2023-11-14T22:13:20Z m api start - -> progressing")
    }

    @Test("an A/B test: arms, variants with relative effects, the sample-ratio check and the decision")
    func experiment() throws {
        let answer = try decode(ExperimentAnswer.self, #"""
            {"model":"m","phase":"progressing","started_at":1,"settings":{"metric":"reward","goal":"increase"},"conclusion":null,
             "result":{"test":"sequential","effect":"relative","alpha":0.05,"control":"v1",
               "arms":[{"name":"v1","n":100,"mean":0.5,"ci":[0.4,0.6]},{"name":"v2","n":0,"mean":null,"ci":null}],
               "variants":[{"name":"v2","effect":0.05,"ci":[0.01,null],"se":null,"p_value":0.02,"adjusted_p_value":null,
                            "chance_to_win":0.975,"risk":{"control":0.1,"variant":0.001},"significant":true,"error":null}],
               "srm":{"statistic":1,"p_value":0.0001,"warning":true},"decision":"variant_wins","winner":"v2","reasons":["v2 beats v1"]}}
            """#)
        let lines = squeezed(ExperimentReport.text(answer))
        #expect(lines[0] == "m: reward (increase), sequential test, alpha 0.05, phase progressing")
        #expect(lines.contains("v1 100 0.5 [0.4, 0.6]"))
        #expect(lines.contains("v2 0 - -"))
        #expect(lines.contains("v2 +5.00% [+1.00%, +inf%] 0.02 97.5% 0.001 yes"))
        #expect(lines.contains("sample ratio: p 0.0001 WARNING: assignment does not match the weights"))
        #expect(lines.contains("decision: variant_wins, winner v2"))
        #expect(lines.contains("- v2 beats v1"))
    }

    @Test("a bandit: a non-finite mean shows as a dash instead of failing the command")
    func bandit() throws {
        let answer = try decode(ExperimentAnswer.self, #"""
            {"model":"m","strategy":"bandit","phase":"progressing","started_at":1,"settings":{"policy":"thompson"},"conclusion":null,
             "arms":[{"name":"v1","pulls":10,"rewards":4,"mean":"nan","ci":null,"share":0.25,"next_share":0.5,"probability_best":0.125}]}
            """#)
        let lines = squeezed(ExperimentReport.text(answer))
        #expect(lines[0] == "m: bandit, thompson policy, phase progressing")
        #expect(lines.contains("v1 10 4 - - 25.0% 12.5%"))
    }

    @Test("a shadow: counts, the comparisons present, the verdict with its reasons")
    func shadow() throws {
        let answer = try decode(ShadowAnswer.self, #"""
            {"model":"m","primary":"v1","sample":50,"thresholds":{"min_pairs":100},
             "shadows":[{"version":"v2","verdict":{"ready":false,"reasons":["5 pairs, fewer than min_pairs 100"]},
               "counts":{"pairs":5,"compared":4,"skipped":1,"dropped":0,"timed_out":0,"failed":0,"primary_errors":0,"shadow_errors":1,
                         "shape_mismatches":0,"unreadable":0},
               "error_rate":{"primary":0,"shadow":0.2},"classification_unavailable":"no labels",
               "drift":{"psi":0.25,"window":4}}]}
            """#)
        let lines = squeezed(ShadowReport.text(answer))
        #expect(lines[0] == "m: primary v1, 50% of requests mirrored")
        #expect(lines.contains("shadow v2: pairs 5, compared 4, skipped 1, dropped 0, timed out 0"))
        #expect(lines.contains("error rate 0.00% 20.00%"))
        #expect(lines.contains("PSI (last 4) 0.25"))
        #expect(lines.contains("Jensen-Shannon distance -"))
        #expect(lines.contains("verdict: not ready"))
        #expect(lines.contains("- 5 pairs, fewer than min_pairs 100"))
    }

    @Test("status: managed instances summed per version and state, failed ones named, a recreate's gap and held requests")
    func instances() throws {
        let model = try decode(ModelAnswer.self, #"""
            {"name":"m","protocol":"v2","strategy":"recreate","versions":["v1","v2"],"weights":{"v2":100},"window_seconds":300,
             "instances":{"instances":[
                {"version":"v2","id":1,"state":"ready","port":4001,"ready_since":10,"restarts":0},
                {"version":"v2","id":2,"state":"starting","port":4002,"restarts":0},
                {"version":"v2","id":3,"state":"failed","port":4003,"restarts":4,"last_exit":"exit status 1"}],
              "held_requests":12,"refused_requests":0,"gap_seconds":2.345}}
            """#)
        let lines = squeezed(AdminFormat.status([model]))
        #expect(lines.contains("m instances: v2 starting 1, ready 1, failed 1"))
        #expect(lines.contains("v2#3 failed, restarted 4 times, last exit status 1"))
        #expect(lines.contains("gap 2.35 s, 12 requests held, 0 refused"))
        let none = ModelAnswer(name: "m", protocol: "v2", strategy: "rolling", versions: ["v1"], weights: [:], windowSeconds: 300, instances: InstancesAnswer(instances: []))
        #expect(squeezed(AdminFormat.status([none])).contains("m instances: none running"))
    }
}
