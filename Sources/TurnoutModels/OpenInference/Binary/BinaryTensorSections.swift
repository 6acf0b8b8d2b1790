/// The binary part of a body in Triton's binary tensor data extension: the bytes after the JSON
/// header, handed out to the tensors that declare `binary_data_size`, in the order the header
/// lists them.
struct BinaryTensorSections {
    let bytes: UnsafeRawBufferPointer
    private(set) var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The next `size` bytes, or a problem when fewer remain.
    mutating func take(_ size: Int) throws(BinaryTensorProblem) -> UnsafeRawBufferPointer {
        let remaining = bytes.count - offset
        guard size >= 0 else { throw BinaryTensorProblem("binary_data_size must not be negative") }
        guard size <= remaining else {
            throw BinaryTensorProblem(
                "binary_data_size is \(size) bytes but only \(remaining) bytes of binary data remain after the JSON header")
        }
        defer { offset += size }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + size])
    }

    /// Fails when bytes are left that no tensor claimed.
    func checkConsumed() throws(BinaryTensorProblem) {
        let left = bytes.count - offset
        guard left == 0 else {
            throw BinaryTensorProblem(
                "the body has \(left) bytes after the JSON header that no tensor's binary_data_size accounts for")
        }
    }
}
