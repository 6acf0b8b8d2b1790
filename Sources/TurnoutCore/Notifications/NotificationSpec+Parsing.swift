import Foundation

extension NotificationSpec {
    /// The keys of one entry of `notify`.
    static let keys = ["url", "format", "on"]
    /// The most receivers one model has.
    static let maxReceivers = 16
}

extension ConfigReader {
    /// Reads a model's `notify` list; entries with problems are reported and left out.
    mutating func readNotifications(_ value: ConfigValue, at path: String) -> [NotificationSpec] {
        guard case .array(let items) = value else {
            report(path, "expected a list of receivers such as [{url: http://hooks.local/x, format: slack}], got \(value.kindDescription)")
            return []
        }
        guard items.count <= NotificationSpec.maxReceivers else {
            report(path, "expected at most \(NotificationSpec.maxReceivers) receivers, got \(items.count)")
            return []
        }
        return items.enumerated().compactMap { readNotification($1, at: "\(path)[\($0)]") }
    }

    private mutating func readNotification(_ value: ConfigValue, at path: String) -> NotificationSpec? {
        guard let receiver = mapping(value, at: path, allowedKeys: NotificationSpec.keys) else { return nil }
        let url = receiver["url"].flatMap { hookURL($0, at: receiver.path("url")) }
        if receiver["url"] == nil { report(receiver.path("url"), "missing: the receiver's URL, such as https://hooks.slack.com/services/...") }
        var format = NotificationSpec.Format.json
        if let value = receiver["format"] {
            guard let chosen = choice(value, at: receiver.path("format"), as: NotificationSpec.Format.self) else { return nil }
            format = chosen
        }
        var events = Set(NotificationEvent.allCases)
        if let value = receiver["on"] {
            guard let chosen = readNotificationEvents(value, at: receiver.path("on")) else { return nil }
            events = chosen
        }
        guard let url else { return nil }
        return NotificationSpec(url: url, format: format, events: events)
    }

    private mutating func readNotificationEvents(_ value: ConfigValue, at path: String) -> Set<NotificationEvent>? {
        guard case .array(let items) = value, !items.isEmpty else {
            report(path, "expected a list of events from \(NotificationEvent.allCases.map(\.rawValue).joined(separator: ", ")), got \(Self.show(value))")
            return nil
        }
        var events = Set<NotificationEvent>()
        for (index, item) in items.enumerated() {
            guard let event = choice(item, at: "\(path)[\(index)]", as: NotificationEvent.self) else { return nil }
            events.insert(event)
        }
        return events
    }

    /// An `http://` or `https://` URL with a host, for notifications and gates.
    mutating func hookURL(_ value: ConfigValue, at path: String) -> String? {
        guard let text = string(value, at: path) else { return nil }
        let components = URLComponents(string: text)
        guard let components, ["http", "https"].contains(components.scheme?.lowercased() ?? ""), components.host?.isEmpty == false else {
            report(path, "expected an http:// or https:// URL with a host, got \(Self.show(value))")
            return nil
        }
        return text
    }
}
