/// One model as the admin API describes it (`GET /api/v1/models/{model}` and the answers of
/// the release commands).
///
/// Every field is optional: the command line shows `-` for what a gateway leaves out or sends
/// as `null`, so an older or newer gateway still gets a table rather than a decoding error.
/// Keys arrive in snake_case and are decoded with `.convertFromSnakeCase`.
struct AdminModel: Decodable, Sendable {
    var name: String?
    var strategy: String?
    var versions: [String]?
    /// Percent of traffic each version gets now, after the release's phase and step.
    var weights: [String: Double]?
    var release: Release?
    var windowSeconds: Double?
    var stats: [String: VersionStats]?
    /// The newest look of a canary or blue-green controller.
    var analysis: Analysis?

    /// What a canary or blue-green controller saw at its newest analysis, and what it decided.
    struct Analysis: Decodable, Sendable {
        var decision: String?
        var checks: [Check]?

        struct Check: Decodable, Sendable {
            var name: String?
            var verdict: String?
            var summary: String?
        }
    }

    /// Where the model's release stands in its lifecycle.
    struct Release: Decodable, Sendable {
        var phase: String?
        /// The index of the current step, from 0; equal to `stepCount` once promoted.
        var step: Int?
        var stepCount: Int?
        var revision: Int?
        var previousStable: String?
        var updatedAt: Double?
        var reason: String?
    }

    /// One version's observations over the stats window.
    struct VersionStats: Decodable, Sendable {
        var requests: Int?
        var errors: Int?
        var errorRate: Double?
        var latencyP50Ms: Double?
        var latencyP99Ms: Double?
        var feedback: Int?
        var meanReward: Double?
    }

    /// The body of `GET /api/v1/models`.
    struct List: Decodable, Sendable {
        var models: [AdminModel]
    }
}
