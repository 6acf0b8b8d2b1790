import FuzzSupport
import TurnoutModels

/// Reads the input as a model's response body in both protocols, and once more restricted to
/// one named output, as shadow comparison reads what the primary and a shadow answered.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModelOutput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    for format in ModelOutputReader.Format.allCases {
        _ = try? ModelOutputReader.read(input.bytes, format: format)
    }
    _ = try? ModelOutputReader.read(input.bytes, format: .v2, outputName: "probabilities")
    return 0
}
