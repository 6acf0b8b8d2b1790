/// Reads the elements of one tensor out of its binary data (Triton's binary tensor data extension).
///
/// The bytes are exactly the tensor's `binary_data_size` bytes; every reader checks that they
/// hold exactly `count` elements of the datatype, so a size that disagrees with the shape is an
/// error rather than a short or padded tensor.
struct BinaryTensorReader {
    let bytes: UnsafeRawBufferPointer
    let datatype: BinaryDatatype
    let count: Int

    /// The numeric elements converted to `Value`; BOOL reads as 0 and 1.
    ///
    /// Each element is converted once from its own type (an INT64 to `Float` rounds once), as
    /// the JSON decoders convert a number token.
    func numbers<Value: BinaryFloatingPoint>(as _: Value.Type) throws(BinaryTensorProblem) -> [Value] {
        guard let size = datatype.elementSize else {
            throw BinaryTensorProblem("datatype BYTES holds strings, not numbers")
        }
        try checkSize(elementSize: size)
        var values: [Value] = []
        values.reserveCapacity(count)
        for index in 0..<count {
            values.append(element(at: index * size, as: Value.self))
        }
        return values
    }

    /// The BYTES elements, each a 4-byte little-endian length and then its bytes.
    func byteElements() throws(BinaryTensorProblem) -> [[UInt8]] {
        guard datatype == .bytes else { throw BinaryTensorProblem("datatype \(datatype.rawValue) is not BYTES") }
        var elements: [[UInt8]] = []
        elements.reserveCapacity(min(count, bytes.count / 4))
        var offset = 0
        while offset < bytes.count {
            guard elements.count < count else {
                throw BinaryTensorProblem("binary data holds more than the \(count) BYTES elements the shape declares")
            }
            guard bytes.count - offset >= 4 else {
                throw BinaryTensorProblem("BYTES element \(elements.count) has a cut length prefix (\(bytes.count - offset) of 4 bytes)")
            }
            let length = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
            offset += 4
            guard length <= bytes.count - offset else {
                throw BinaryTensorProblem("BYTES element \(elements.count) declares \(length) bytes but only \(bytes.count - offset) remain")
            }
            elements.append(Array(bytes[offset..<offset + length]))
            offset += length
        }
        guard elements.count == count else {
            throw BinaryTensorProblem("binary data holds \(elements.count) BYTES elements but the shape declares \(count)")
        }
        return elements
    }

    /// The elements of a BYTES, BOOL or integer tensor as label text: BYTES as UTF-8 (invalid
    /// sequences replaced), BOOL as `true` / `false`, integers exactly in decimal.
    func labelTexts() throws(BinaryTensorProblem) -> [String] {
        if datatype == .bytes { return try byteElements().map { String(decoding: $0, as: UTF8.self) } }
        guard let size = datatype.elementSize, !datatype.isFloatingPoint else {
            throw BinaryTensorProblem("datatype \(datatype.rawValue) holds numbers, not labels")
        }
        try checkSize(elementSize: size)
        return (0..<count).map { index in
            let offset = index * size
            switch datatype {
            case .bool: return bytes[offset] != 0 ? "true" : "false"
            case .uint8: return String(bytes[offset])
            case .int8: return String(Int8(bitPattern: bytes[offset]))
            case .uint16: return String(load(UInt16.self, offset))
            case .int16: return String(Int16(bitPattern: load(UInt16.self, offset)))
            case .uint32: return String(load(UInt32.self, offset))
            case .int32: return String(Int32(bitPattern: load(UInt32.self, offset)))
            case .uint64: return String(load(UInt64.self, offset))
            default: return String(Int64(bitPattern: load(UInt64.self, offset)))
            }
        }
    }

    private func checkSize(elementSize: Int) throws(BinaryTensorProblem) {
        let (needed, overflow) = count.multipliedReportingOverflow(by: elementSize)
        guard !overflow, needed == bytes.count else {
            throw BinaryTensorProblem(
                "binary_data_size is \(bytes.count) bytes but \(count) \(datatype.rawValue) elements take \(overflow ? "more than Int.max" : String(needed))")
        }
    }

    @inline(__always)
    private func element<Value: BinaryFloatingPoint>(at offset: Int, as _: Value.Type) -> Value {
        switch datatype {
        case .bool: return bytes[offset] != 0 ? 1 : 0
        case .uint8: return Value(bytes[offset])
        case .int8: return Value(Int8(bitPattern: bytes[offset]))
        case .uint16: return Value(load(UInt16.self, offset))
        case .int16: return Value(Int16(bitPattern: load(UInt16.self, offset)))
        case .uint32: return Value(load(UInt32.self, offset))
        case .int32: return Value(Int32(bitPattern: load(UInt32.self, offset)))
        case .uint64: return Value(load(UInt64.self, offset))
        case .int64: return Value(Int64(bitPattern: load(UInt64.self, offset)))
        case .fp16: return Value(Self.halfToFloat(load(UInt16.self, offset)))
        case .bf16: return Value(Float(bitPattern: UInt32(load(UInt16.self, offset)) << 16))
        case .fp32: return Value(Float(bitPattern: load(UInt32.self, offset)))
        case .fp64: return Value(Double(bitPattern: load(UInt64.self, offset)))
        case .bytes: return .nan  // excluded by `numbers`
        }
    }

    @inline(__always)
    private func load<Integer: FixedWidthInteger>(_: Integer.Type, _ offset: Int) -> Integer {
        Integer(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Integer.self))
    }

    /// IEEE 754 half precision to single precision, exactly (every half is a float), written
    /// out because `Float16` is not available on every platform Swift builds for.
    static func halfToFloat(_ bits: UInt16) -> Float {
        let sign = UInt32(bits >> 15) << 31
        let exponent = Int(bits >> 10) & 0x1F
        let fraction = UInt32(bits & 0x3FF)
        switch exponent {
        case 0x1F:  // infinity or NaN
            return Float(bitPattern: sign | 0x7F80_0000 | (fraction << 13))
        case 0 where fraction == 0:
            return Float(bitPattern: sign)
        case 0:  // subnormal: fraction × 2^-24
            let magnitude = Float(fraction) * 0x1p-24
            return sign == 0 ? magnitude : -magnitude
        default:
            return Float(bitPattern: sign | UInt32(exponent - 15 + 127) << 23 | (fraction << 13))
        }
    }
}
