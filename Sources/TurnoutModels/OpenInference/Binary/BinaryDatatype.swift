/// Every tensor datatype of the Open Inference Protocol, as Triton's binary tensor data
/// extension lays it out: little-endian, row-major, no padding between elements.
enum BinaryDatatype: String, Sendable, CaseIterable {
    case bool = "BOOL"
    case uint8 = "UINT8"
    case uint16 = "UINT16"
    case uint32 = "UINT32"
    case uint64 = "UINT64"
    case int8 = "INT8"
    case int16 = "INT16"
    case int32 = "INT32"
    case int64 = "INT64"
    case fp16 = "FP16"
    case bf16 = "BF16"
    case fp32 = "FP32"
    case fp64 = "FP64"
    /// Variable-length elements: each a 4-byte little-endian length, then that many bytes.
    case bytes = "BYTES"

    /// The size of one element in bytes; nil for BYTES, whose elements carry their own length.
    var elementSize: Int? {
        switch self {
        case .bool, .uint8, .int8: 1
        case .uint16, .int16, .fp16, .bf16: 2
        case .uint32, .int32, .fp32: 4
        case .uint64, .int64, .fp64: 8
        case .bytes: nil
        }
    }

    /// True for the floating-point datatypes.
    var isFloatingPoint: Bool {
        self == .fp16 || self == .bf16 || self == .fp32 || self == .fp64
    }

    static let names = allCases.map(\.rawValue).joined(separator: ", ")
}
