import NIOHTTP1

/// Removal of hop-by-hop headers (RFC 9110 §7.6.1), which describe one connection and must not
/// be forwarded: otherwise a client's `Connection: close` would close a pooled upstream connection.
package enum HopByHopHeaders {
    static let names = [
        "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization",
        "te", "trailer", "transfer-encoding", "upgrade",
        // Not hop-by-hop, but the gateway answers the expectation itself (see sendContinue).
        "expect",
    ]

    /// Removes the standard hop-by-hop headers and any header the `Connection` header names.
    ///
    /// Runs twice per proxied request, so the headers are scanned once to find which of the
    /// standard names are present, and only those are removed, instead of a scan per name.
    package static func remove(from headers: inout HTTPHeaders) {
        var present: UInt16 = 0
        for (name, _) in headers {
            if let index = standardIndex(of: name) { present |= 1 << index }
        }
        guard present != 0 else { return }
        // Only a `Connection` header names further headers; it is the first standard name. A
        // listed name that is itself a standard name, such as `keep-alive`, is removed below
        // anyway when present, so it costs no removal pass of its own.
        if present & 1 != 0 {
            for name in otherNamesInConnection(headers) {
                headers.remove(name: String(name))
            }
        }
        for (index, name) in names.enumerated() where present & (1 << index) != 0 {
            headers.remove(name: name)
        }
    }

    /// The names the `Connection` headers list that are not standard names: their values split
    /// at commas, spaces and tabs trimmed, as `HTTPHeaders[canonicalForm:]` does. Split on bytes,
    /// without building an array unless an unusual name is listed; that subscript splits by
    /// characters after lower-casing the name and builds arrays per value, which cost about 2%
    /// of the CPU per request, as nearly every upstream answer carries `Connection`.
    static func otherNamesInConnection(_ headers: HTTPHeaders) -> [Substring] {
        var listed: [Substring] = []
        for (name, value) in headers where name.utf8.count == 10 && equalsIgnoringASCIICase(name, lowercased: "connection") {
            var rest = value.utf8[...]
            while !rest.isEmpty {
                let comma = rest.firstIndex(of: UInt8(ascii: ",")) ?? rest.endIndex
                let element = rest[..<comma]
                rest = comma == rest.endIndex ? rest[comma...] : rest[rest.index(after: comma)...]
                guard let first = element.firstIndex(where: { !isSpaceOrTab($0) }),
                    let last = element.lastIndex(where: { !isSpaceOrTab($0) })
                else { continue }
                let listedName = Substring(element[first...last])
                if standardIndex(of: listedName) == nil { listed.append(listedName) }
            }
        }
        return listed
    }

    private static func isSpaceOrTab(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    /// The position of `name` in ``names``, compared without regard to ASCII case.
    private static func standardIndex(of name: some StringProtocol) -> Int? {
        let length = name.utf8.count
        for (index, candidate) in names.enumerated() where candidate.utf8.count == length {
            if equalsIgnoringASCIICase(name, lowercased: candidate) { return index }
        }
        return nil
    }

    private static func equalsIgnoringASCIICase(_ name: some StringProtocol, lowercased candidate: String) -> Bool {
        name.utf8.elementsEqual(candidate.utf8) { byte, lower in
            let folded = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
            return folded == lower
        }
    }
}
