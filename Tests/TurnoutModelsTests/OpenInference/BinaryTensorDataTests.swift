import Foundation
import Testing
@testable import TurnoutModels

/// The element layouts of Triton's binary tensor data extension, read from hand-written
/// little-endian bytes, and every way the sizes can disagree.
@Suite("Binary tensor data: element decoding and size checks")
struct BinaryTensorDataTests {
    static func read(_ datatype: BinaryDatatype, _ bytes: [UInt8], count: Int) throws -> [Double] {
        try bytes.withUnsafeBytes { raw in
            try BinaryTensorReader(bytes: raw, datatype: datatype, count: count).numbers(as: Double.self)
        }
    }

    static func le<Integer: FixedWidthInteger>(_ values: [Integer]) -> [UInt8] {
        values.flatMap { value in withUnsafeBytes(of: value.littleEndian) { Array($0) } }
    }

    @Test("every numeric datatype reads little-endian elements", arguments: [
        (BinaryDatatype.bool, [1, 0, 7] as [UInt8], [1, 0, 1] as [Double]),
        (.uint8, [0, 255], [0, 255]),
        (.int8, [0x80, 0x7F], [-128, 127]),
        (.uint16, le([UInt16.max, 1]), [65535, 1]),
        (.int16, le([Int16.min, -1]), [-32768, -1]),
        (.uint32, le([UInt32.max]), [4_294_967_295]),
        (.int32, le([Int32.min, 42]), [-2_147_483_648, 42]),
        (.uint64, le([UInt64(1) << 53, 3]), [9_007_199_254_740_992, 3]),
        (.int64, le([Int64(-1) << 53, -7]), [-9_007_199_254_740_992, -7]),
        (.fp16, le([UInt16(0x3C00), 0xC000, 0x7BFF, 0x0001]), [1, -2, 65504, 0x1p-24]),
        (.bf16, le([UInt16(0x3F80), 0xC040]), [1, -3]),
        (.fp32, le([Float(1.5).bitPattern, Float(-0.25).bitPattern]), [1.5, -0.25]),
        (.fp64, le([Double(0.1).bitPattern, Double(-1e300).bitPattern]), [0.1, -1e300]),
    ])
    func numericDatatypes(datatype: BinaryDatatype, bytes: [UInt8], expected: [Double]) throws {
        #expect(try Self.read(datatype, bytes, count: expected.count) == expected)
    }

    @Test("an INT64 becomes the Float nearest to it, rounded once")
    func int64ToFloat() throws {
        let value = Int64(16_777_217)  // 2^24 + 1: not a float32
        let floats = try Self.le([value]).withUnsafeBytes { raw in
            try BinaryTensorReader(bytes: raw, datatype: .int64, count: 1).numbers(as: Float.self)
        }
        #expect(floats == [Float(value)])
    }

    #if !(os(macOS) && arch(x86_64))
    @Test("FP16 decoding equals Swift's Float16 for all 65,536 bit patterns")
    func halfPrecisionExhaustive() {
        for bits in 0...UInt16.max {
            let mine = BinaryTensorReader.halfToFloat(bits)
            let reference = Float(Float16(bitPattern: bits))
            #expect(mine.bitPattern == reference.bitPattern || (mine.isNaN && reference.isNaN), "bits \(bits)")
        }
    }
    #endif

    @Test("BYTES: length-prefixed elements round-trip through the writer, empty and multi-byte ones too")
    func bytesRoundTrip() throws {
        let elements: [[UInt8]] = [Array("abc".utf8), [], Array("é€".utf8), [0, 255]]
        var writer = BinaryTensorWriter()
        writer.append(byteElements: elements)
        #expect(writer.bytes.prefix(7) == [3, 0, 0, 0, 0x61, 0x62, 0x63])
        let decoded = try writer.bytes.withUnsafeBytes { raw in
            try BinaryTensorReader(bytes: raw, datatype: .bytes, count: 4).byteElements()
        }
        #expect(decoded == elements)
        let labels = try writer.bytes.withUnsafeBytes { raw in
            try BinaryTensorReader(bytes: raw, datatype: .bytes, count: 4).labelTexts()
        }
        #expect(labels.prefix(3) == ["abc", "", "é€"])
    }

    @Test("the writer's FP32 and INT64 read back exactly")
    func writerRoundTrip() throws {
        var writer = BinaryTensorWriter()
        writer.append(fp32: [Float.pi, -0.0, .greatestFiniteMagnitude])
        writer.append(int64: [Int64.min, 2])
        let (floats, integers) = try writer.bytes.withUnsafeBytes { raw in
            (try BinaryTensorReader(bytes: UnsafeRawBufferPointer(rebasing: raw[..<12]), datatype: .fp32, count: 3).numbers(as: Float.self),
             try BinaryTensorReader(bytes: UnsafeRawBufferPointer(rebasing: raw[12...]), datatype: .int64, count: 2).labelTexts())
        }
        #expect(floats.map(\.bitPattern) == [Float.pi, -0.0, .greatestFiniteMagnitude].map(\.bitPattern))
        #expect(integers == [String(Int64.min), "2"])
    }

    @Test("integer and BOOL labels are exact text", arguments: [
        (BinaryDatatype.uint64, le([UInt64.max]), ["18446744073709551615"]),
        (.int64, le([Int64.max]), ["9223372036854775807"]),
        (.int8, [0xFF], ["-1"]),
        (.bool, [0, 1], ["false", "true"]),
    ])
    func labelTexts(datatype: BinaryDatatype, bytes: [UInt8], expected: [String]) throws {
        let labels = try bytes.withUnsafeBytes { raw in
            try BinaryTensorReader(bytes: raw, datatype: datatype, count: expected.count).labelTexts()
        }
        #expect(labels == expected)
    }

    @Test("sizes that disagree with shape × datatype are problems", arguments: [
        (BinaryDatatype.fp32, [UInt8](repeating: 0, count: 7), 2, "binary_data_size is 7 bytes but 2 FP32 elements take 8"),
        (.int64, [UInt8](repeating: 0, count: 24), 2, "binary_data_size is 24 bytes but 2 INT64 elements take 16"),
        (.bytes, [3, 0, 0, 0, 0x61], 1, "declares 3 bytes but only 1 remain"),
        (.bytes, [1, 0], 1, "cut length prefix"),
        (.bytes, [0, 0, 0, 0, 0, 0, 0, 0], 1, "more than the 1 BYTES elements"),
        (.bytes, [0, 0, 0, 0], 2, "holds 1 BYTES elements but the shape declares 2"),
    ])
    func inconsistentSizes(datatype: BinaryDatatype, bytes: [UInt8], count: Int, fragment: String) {
        #expect {
            try bytes.withUnsafeBytes { raw in
                let reader = BinaryTensorReader(bytes: raw, datatype: datatype, count: count)
                _ = datatype == .bytes ? try reader.byteElements().map { _ in 0.0 } : try reader.numbers(as: Double.self)
            }
        } throws: { error in
            (error as? BinaryTensorProblem)?.message.contains(fragment) == true
        }
    }

    @Test("BYTES are not numbers")
    func bytesAreNotNumbers() {
        #expect(throws: BinaryTensorProblem.self) { try Self.read(.bytes, [0, 0, 0, 0], count: 1) }
    }

    @Test("sections hand out bytes in order and report what is left or missing")
    func sections() throws {
        let bytes: [UInt8] = [1, 2, 3, 4, 5]
        try bytes.withUnsafeBytes { raw in
            var sections = BinaryTensorSections(raw)
            #expect(Array(try sections.take(2)) == [1, 2])
            #expect(throws: BinaryTensorProblem("binary_data_size is 4 bytes but only 3 bytes of binary data remain after the JSON header")) {
                try sections.take(4)
            }
            #expect(throws: BinaryTensorProblem.self) { try sections.checkConsumed() }
            #expect(Array(try sections.take(3)) == [3, 4, 5])
            try sections.checkConsumed()
        }
    }
}
