import Foundation
import TurnoutAdminAPI

extension WireValue {
    /// The value of a JSON text the gateway wrote itself (a release's configuration JSON), or an
    /// empty object if it cannot be read, as the admin API has always answered then.
    init(json text: String) {
        self = (try? JSONDecoder().decode(WireValue.self, from: Data(text.utf8))) ?? .object([:])
    }
}
