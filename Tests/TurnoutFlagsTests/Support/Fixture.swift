import Foundation
import TurnoutFlags

/// Reads committed oracle fixtures next to the test sources (no SwiftPM resources).
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func json(_ name: String) throws -> JSONValue {
        try JSONValue(parsing: Data(contentsOf: directory.appendingPathComponent(name)))
    }
}
