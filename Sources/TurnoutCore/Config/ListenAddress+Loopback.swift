extension ListenAddress {
    /// Whether the address only accepts connections from this machine: `localhost`, an IPv4
    /// address in 127.0.0.0/8, or `::1` (also written out or as `::ffff:127.x.x.x`).
    ///
    /// Host names other than `localhost` count as reachable from elsewhere, since what they
    /// resolve to can change.
    public var isLoopback: Bool { Self.isLoopbackHost(host) }

    /// Whether `host`, a name or an IP address without brackets, is a loopback name or address.
    public static func isLoopbackHost(_ host: String) -> Bool {
        let lowered = host.lowercased()
        if lowered == "localhost" { return true }
        if let octets = ipv4Octets(lowered) { return octets[0] == 127 }
        guard let groups = ipv6Groups(lowered) else { return false }
        if groups[0..<7].allSatisfy({ $0 == 0 }) && groups[7] == 1 { return true }
        // An IPv4-mapped address, ::ffff:127.0.0.1.
        return groups[0..<5].allSatisfy { $0 == 0 } && groups[5] == 0xffff && groups[6] >> 8 == 127
    }

    /// Whether `host` is an IP address literal (IPv4, or IPv6 with or without brackets) rather than a name.
    public static func isIPLiteral(_ host: String) -> Bool {
        var text = host
        if text.hasPrefix("[") && text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        return ipv4Octets(text) != nil || ipv6Groups(text.lowercased()) != nil
    }

    /// The four octets of a dotted-quad IPv4 address.
    static func ipv4Octets(_ text: some StringProtocol) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        let octets = parts.compactMap { part -> UInt8? in
            guard (1...3).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return UInt8(part)
        }
        return octets.count == 4 ? octets : nil
    }

    /// The eight 16-bit groups of an IPv6 address, with `::` expanded and a trailing IPv4 part converted.
    static func ipv6Groups(_ text: String) -> [UInt16]? {
        guard text.contains(":") else { return nil }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        guard let head = groups(halves[0]) else { return nil }
        let tail = halves.count == 2 ? groups(halves[1]) : []
        guard let tail else { return nil }
        let missing = 8 - head.count - tail.count
        if halves.count == 2 {
            guard missing >= 1 else { return nil }
            return head + Array(repeating: 0, count: missing) + tail
        }
        return missing == 0 ? head : nil
    }

    /// The groups of one side of `::`: hex groups, the last one possibly a dotted IPv4 address.
    private static func groups(_ text: String) -> [UInt16]? {
        guard !text.isEmpty else { return [] }
        var result: [UInt16] = []
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        for (index, part) in parts.enumerated() {
            if index == parts.count - 1, part.contains("."), let octets = ipv4Octets(part) {
                result.append(UInt16(octets[0]) << 8 | UInt16(octets[1]))
                result.append(UInt16(octets[2]) << 8 | UInt16(octets[3]))
            } else {
                guard (1...4).contains(part.count), part.allSatisfy(\.isHexDigit), let group = UInt16(part, radix: 16) else { return nil }
                result.append(group)
            }
        }
        return result
    }
}
