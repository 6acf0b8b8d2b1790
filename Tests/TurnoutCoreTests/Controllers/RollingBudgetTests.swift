import Testing
import TurnoutCore

/// ``RollingBudget`` against the examples of Kubernetes' documentation ("Deployments", section
/// "Rolling Update Deployment") and the rules of its `ResolveFenceposts`.
@Suite("Rolling budget")
struct RollingBudgetTests {
    @Test("the nginx example: 3 replicas at the default 25%/25% keep at least 3 available and at most 4 in all")
    func nginxExample() {
        let budget = RollingBudget(desired: 3, maxSurge: .percent(25), maxUnavailable: .percent(25))
        #expect(budget.surge == 1 && budget.unavailable == 0)
        #expect(budget.minAvailable == 3 && budget.maxTotal == 4)
    }

    @Test("the 30% examples: 10 replicas scale the old set down to 70% and never exceed 130%")
    func thirtyPercentExamples() {
        let budget = RollingBudget(desired: 10, maxSurge: .percent(30), maxUnavailable: .percent(30))
        #expect(budget.surge == 3 && budget.unavailable == 3)
        #expect(budget.minAvailable == 7 && budget.maxTotal == 13)
    }

    @Test("percentages round the surge up and the unavailability down (10 replicas at 25%: 2.5 becomes 3 and 2)")
    func rounding() {
        let budget = RollingBudget(desired: 10, maxSurge: .percent(25), maxUnavailable: .percent(25))
        #expect(budget.surge == 3 && budget.unavailable == 2)
        #expect(budget.minAvailable == 8 && budget.maxTotal == 13)
        let exact = RollingBudget(desired: 4, maxSurge: .percent(25), maxUnavailable: .percent(25))
        #expect(exact.surge == 1 && exact.unavailable == 1)
        let one = RollingBudget(desired: 1, maxSurge: .percent(25), maxUnavailable: .percent(25))
        #expect(one.surge == 1 && one.unavailable == 0)
    }

    @Test("counts are taken as they are")
    func counts() {
        let budget = RollingBudget(desired: 5, maxSurge: .count(2), maxUnavailable: .count(1))
        #expect(budget.surge == 2 && budget.unavailable == 1)
    }

    @Test("when both resolve to zero one instance may be unavailable (ResolveFenceposts), so the update can move")
    func bothZero() {
        let rounded = RollingBudget(desired: 3, maxSurge: .percent(0), maxUnavailable: .percent(10))
        #expect(rounded.surge == 0 && rounded.unavailable == 1)
        let literal = RollingBudget(desired: 3, maxSurge: .count(0), maxUnavailable: .count(0))
        #expect(literal.surge == 0 && literal.unavailable == 1)
    }
}
