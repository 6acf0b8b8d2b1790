/// MurmurHash3, x86 32-bit variant (Austin Appleby's public-domain reference).
///
/// flagd buckets `fractional` rollouts with this hash of the UTF-8 bucketing key and seed 0,
/// so a user lands in the same bucket here as in every flagd provider.
public enum MurmurHash3 {
    /// The unsigned 32-bit hash of `bytes` with `seed`.
    public static func x86_32<Bytes: Sequence<UInt8>>(_ bytes: Bytes, seed: UInt32 = 0) -> UInt32 {
        let c1: UInt32 = 0xcc9e_2d51
        let c2: UInt32 = 0x1b87_3593
        var hash = seed
        var length: UInt32 = 0
        var block: UInt32 = 0
        var blockFill = 0

        for byte in bytes {
            // Little-endian assembly of each 4-byte block.
            block |= UInt32(byte) << (8 * UInt32(blockFill))
            blockFill += 1
            length &+= 1
            if blockFill == 4 {
                hash ^= scramble(block, c1: c1, c2: c2)
                hash = rotateLeft(hash, by: 13)
                hash = hash &* 5 &+ 0xe654_6b64
                block = 0
                blockFill = 0
            }
        }
        if blockFill > 0 {
            hash ^= scramble(block, c1: c1, c2: c2)
        }
        hash ^= length
        return finalMix(hash)
    }

    /// The hash of the UTF-8 encoding of `text` with `seed`.
    public static func x86_32(_ text: String, seed: UInt32 = 0) -> UInt32 {
        x86_32(text.utf8, seed: seed)
    }

    private static func scramble(_ block: UInt32, c1: UInt32, c2: UInt32) -> UInt32 {
        rotateLeft(block &* c1, by: 15) &* c2
    }

    private static func rotateLeft(_ value: UInt32, by amount: UInt32) -> UInt32 {
        (value << amount) | (value >> (32 - amount))
    }

    private static func finalMix(_ value: UInt32) -> UInt32 {
        var hash = value
        hash ^= hash >> 16
        hash = hash &* 0x85eb_ca6b
        hash ^= hash >> 13
        hash = hash &* 0xc2b2_ae35
        hash ^= hash >> 16
        return hash
    }
}
