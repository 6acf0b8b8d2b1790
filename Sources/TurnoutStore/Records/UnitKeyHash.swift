/// A stable 64-bit hash of a unit key, so decisions can be grouped by unit without storing the key.
package enum UnitKeyHash {
    /// FNV-1a over the key's UTF-8 bytes, as a signed 64-bit integer (SQLite's integer type).
    ///
    /// The same key gives the same hash on every machine and every run.
    package static func hash(_ key: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }
}
