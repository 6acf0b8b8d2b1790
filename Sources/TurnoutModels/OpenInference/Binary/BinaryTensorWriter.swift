/// Appends tensor elements in the layout of Triton's binary tensor data extension:
/// little-endian, row-major, no padding; BYTES elements each behind a 4-byte length.
struct BinaryTensorWriter {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    mutating func append(fp32 values: some Collection<Float>) {
        for value in values { appendLittleEndian(value.bitPattern) }
    }

    mutating func append(int64 values: some Collection<Int64>) {
        for value in values { appendLittleEndian(UInt64(bitPattern: value)) }
    }

    mutating func append(byteElements elements: some Collection<[UInt8]>) {
        for element in elements {
            appendLittleEndian(UInt32(element.count))
            bytes.append(contentsOf: element)
        }
    }

    private mutating func appendLittleEndian<Integer: FixedWidthInteger>(_ value: Integer) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}
