import TurnoutStats

extension SeededGenerator {
    /// A generator seeded from the system's entropy, for live routing draws.
    public static func fromEntropy() -> SeededGenerator {
        var system = SystemRandomNumberGenerator()
        return SeededGenerator(seed: system.next())
    }
}
