import Foundation
import Testing
import TurnoutAdminAPI
import TurnoutStore
@testable import TurnoutGateway

/// How the dashboard's series join the store's minutes with the gateway's recent short intervals.
@Suite("Dashboard series")
struct DashboardSeriesTests {
    private func counts(_ requests: Int64, errors: Int64 = 0) -> AggregateCounts {
        AggregateCounts(count: requests, errors: errors)
    }

    private func interval(_ start: Double, _ version: String, _ requests: Int64) -> IntervalAggregate {
        IntervalAggregate(model: "m", version: version, intervalStart: Date(timeIntervalSince1970: start), counts: counts(requests))
    }

    private func observation(_ time: Double, _ version: String, status: Int = 200) -> Observation {
        Observation(
            decision: DecisionRecord(requestID: UUID().uuidString, time: Date(timeIntervalSince1970: time), model: "m", version: version, reason: "split", probability: 0.5),
            outcome: OutcomeRecord(requestID: "r", status: status, latencyMicros: 1_000)
        )
    }

    @Test("stored minutes up to the first whole minute the recent intervals cover, then the recent ones")
    func joined() {
        let stored = [interval(600, "v1", 3), interval(660, "v1", 4), interval(660, "v2", 1), interval(720, "v1", 2)]
        // 665 is before the first whole minute the recent intervals cover (720): the store has it.
        let recent = SeriesAnswer.Recent(
            from: Date(timeIntervalSince1970: 665), seconds: 5,
            intervals: [interval(665, "v1", 9), interval(720, "v1", 1), interval(725, "v1", 1), interval(725, "v2", 2)]
        )
        let answer = SeriesAnswer(model: "m", versions: ["v1", "v2"], stored: stored, recent: recent, now: Date(timeIntervalSince1970: 727))
        #expect(answer.intervalSeconds == 60)
        #expect(answer.points.map(\.time) == [600, 660, 720, 725])
        #expect(answer.points.map(\.seconds) == [60, 60, 5, 2])
        #expect(answer.points.map { $0.versions["v1"]?.requests } == [3, 4, 1, 1])
        #expect(answer.points.map { $0.versions["v2"]?.requests } == [nil, 1, nil, 2])
        let storedOnly = SeriesAnswer(model: "m", versions: ["v1"], stored: stored, recent: nil, now: Date(timeIntervalSince1970: 730))
        #expect(storedOnly.points.map(\.time) == [600, 660, 720])
        #expect(storedOnly.points.last?.seconds == 10)
    }

    @Test("recent intervals count committed observations, forget what is older than they keep, and start whole")
    func recent() throws {
        let recent = RecentAggregates(intervalSeconds: 5, keptSeconds: 60)
        #expect(recent.intervals(model: "m", since: .distantPast) == nil)
        recent.record([observation(1_002, "v1"), observation(1_003, "v1"), observation(1_007, "v2", status: 503), observation(1_011, "v1")],
                      now: Date(timeIntervalSince1970: 1_012))
        let first = try #require(recent.intervals(model: "m", since: .distantPast))
        // The interval of the first observation (1000) may have begun before the gateway did.
        #expect(first.from == Date(timeIntervalSince1970: 1_005))
        let rows = first.intervals.sorted { ($0.intervalStart, $0.version) < ($1.intervalStart, $1.version) }
        #expect(rows.map(\.intervalStart.timeIntervalSince1970) == [1_005, 1_010])
        #expect(rows.map(\.counts.count) == [1, 1])
        #expect(rows.first?.counts.errors == 1)
        recent.record([observation(1_100, "v1")], now: Date(timeIntervalSince1970: 1_100))
        let later = try #require(recent.intervals(model: "m", since: .distantPast))
        #expect(later.intervals.map(\.intervalStart.timeIntervalSince1970) == [1_100])
        #expect(recent.intervals(model: "other", since: .distantPast)?.intervals.isEmpty == true)
    }
}
