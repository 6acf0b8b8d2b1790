import Testing
@testable import TurnoutStats

/// The generator against the published reference outputs of its two algorithms.
@Suite("SeededGenerator")
struct SeededGeneratorTests {
    @Test func splitMix64MatchesTheReferenceSequenceForSeed1234567() {
        // Rosetta Code "Pseudo-random numbers/Splitmix64", from the reference splitmix64.c.
        var state: UInt64 = 1_234_567
        let outputs = (0..<5).map { _ in SeededGenerator.splitMix64(&state) }
        #expect(outputs == [6457827717110365317, 3203168211198807973, 9817491932198370423, 4593380528125082431, 16408922859458223821])
    }

    @Test func xoshiro256StarStarMatchesTheReferenceOutputsFromState1234() {
        // Outputs of the reference xoshiro256starstar.c from state {1, 2, 3, 4} (as in rand_xoshiro's tests).
        var generator = SeededGenerator(state: (1, 2, 3, 4))
        let outputs = (0..<10).map { _ in generator.next() }
        #expect(outputs == [
            11520, 0, 1509978240, 1215971899390074240, 1216172134540287360,
            607988272756665600, 16172922978634559625, 8476171486693032832,
            10595114339597558777, 2904607092377533576,
        ])
    }

    @Test func seedingIsSplitMixExpansionAndReproducible() {
        var seed: UInt64 = 42
        let expanded = (SeededGenerator.splitMix64(&seed), SeededGenerator.splitMix64(&seed), SeededGenerator.splitMix64(&seed), SeededGenerator.splitMix64(&seed))
        var fromSeed = SeededGenerator(seed: 42)
        var fromState = SeededGenerator(state: expanded)
        #expect((0..<100).map { _ in fromSeed.next() } == (0..<100).map { _ in fromState.next() })
        var other = SeededGenerator(seed: 43)
        var again = SeededGenerator(seed: 42)
        #expect(other.next() != again.next())
    }

    @Test func uniformsStayInTheUnitIntervalAndLookUniform() {
        var generator = SeededGenerator(seed: 7)
        let values = (0..<20_000).map { _ in generator.nextUniform() }
        #expect(values.allSatisfy { $0 >= 0 && $0 < 1 })
        // Mean of 20,000 uniforms: sd 0.002, so 0.5 ± 0.01 fails only if something is broken.
        #expect(abs(values.reduce(0, +) / Double(values.count) - 0.5) < 0.01)
        let draws = (0..<1000).map { _ in Int.random(in: 0..<6, using: &generator) }
        #expect(Set(draws) == Set(0..<6))
    }
}
