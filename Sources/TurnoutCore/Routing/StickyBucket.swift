/// Maps a unit key to one of ``count`` buckets, the same bucket on every machine and every run.
///
/// The hash is FNV-1a over the salt, a separator and the key, finished with MurmurHash3's 64-bit
/// mixer so that keys differing only in their last characters still spread evenly; the bucket is
/// the high part of `hash × count`, which avoids the bias of a modulo.
public enum StickyBucket {
    /// Buckets the weight range is divided into: shares are exact to 0.01 percentage points.
    public static let count = 10_000

    /// The bucket, in `0..<count`, of `key` for a model salted with `salt`.
    public static func bucket(salt: String, key: String) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in salt.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        hash = (hash ^ 0xff) &* 0x0000_0100_0000_01b3
        for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return Int(mix(hash).multipliedFullWidth(by: UInt64(count)).high)
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var hash = value
        hash ^= hash >> 33
        hash &*= 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        hash &*= 0xc4ce_b9fe_1a85_ec53
        hash ^= hash >> 33
        return hash
    }
}
