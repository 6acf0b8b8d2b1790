import Foundation

/// The bytes libFuzzer hands a target, in the shapes Turnout's parsers take.
public struct FuzzInput {
    /// The input, valid only during the call to `LLVMFuzzerTestOneInput`.
    public let bytes: UnsafeRawBufferPointer

    /// Wraps the arguments of `LLVMFuzzerTestOneInput`.
    public init(_ data: UnsafePointer<UInt8>, _ size: Int) {
        bytes = UnsafeRawBufferPointer(start: data, count: size)
    }

    /// Wraps part of another input.
    public init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// A copy as `Data`.
    public var data: Data { Data(bytes) }

    /// A copy as an array.
    public var array: [UInt8] { Array(bytes) }

    /// The input as text, invalid UTF-8 replaced (as the gateway reads a body it takes as text).
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The part before the first NUL byte, and the part after it when there is one.
    ///
    /// Lets one input carry two documents (a flag file and an evaluation context): a NUL
    /// cannot occur in JSON text, so the split never cuts a valid document.
    public func splitAtNUL() -> (head: FuzzInput, tail: FuzzInput?) {
        guard let index = bytes.firstIndex(of: 0) else { return (self, nil) }
        let head = UnsafeRawBufferPointer(rebasing: bytes[..<index])
        let tail = UnsafeRawBufferPointer(rebasing: bytes[(index + 1)...])
        return (FuzzInput(head), FuzzInput(tail))
    }
}
