import Foundation
import TurnoutAdminAPI

/// A non-2xx answer from the admin API, worded for the person at the terminal.
///
/// Like ``CommandFailure`` it ends a command with its message and exit code 1; it keeps the
/// status so that a command can add advice to a particular refusal.
struct AdminRefusal: Error, CustomStringConvertible {
    let status: UInt
    let description: String

    /// The status, the server's `error`, then each of its `problems` on a line of its own.
    init(status: UInt, body: Data, tokenSent: Bool) {
        self.status = status
        let answer = try? AdminJSON.decode(ErrorAnswer.self, from: body)
        var message = "the admin API answered \(status)"
        if let error = answer?.error ?? Self.plainText(body) {
            message += ": \(error)"
        }
        for problem in answer?.problems ?? [] {
            message += "\n  \(problem)"
        }
        if status == 401 {
            message += tokenSent
                ? "\nthe token in \(AdminClient.tokenVariable) was refused; set it to the gateway's admin token"
                : "\nthe gateway wants a token: set \(AdminClient.tokenVariable) to its admin token"
        }
        description = message
    }

    /// A short non-JSON body (a proxy's or a router's own page) is still worth showing.
    private static func plainText(_ body: Data) -> String? {
        let text = String(decoding: body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= 200, !text.hasPrefix("{") else { return nil }
        return text
    }
}
