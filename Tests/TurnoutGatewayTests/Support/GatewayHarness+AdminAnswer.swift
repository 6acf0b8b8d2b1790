import AsyncHTTPClient
import Foundation
import Testing
import TurnoutAdminAPI

extension GatewayHarness {
    /// The typed answer of an admin API `GET` (`path` from the listener's root), expected to be 200.
    func adminAnswer<Answer: Decodable>(_ type: Answer.Type, _ path: String) async throws -> Answer {
        let answer = try await HTTPClient.shared.send(.GET, adminURL + path)
        #expect(answer.status == 200, "\(path): \(answer.text)")
        return try AdminJSON.decoder().decode(Answer.self, from: Data(answer.body.readableBytesView))
    }
}
