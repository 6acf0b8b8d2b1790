import FuzzSupport
import TurnoutCore

/// Parses and validates the input as a configuration file, as `turnout serve`, `turnout validate`
/// and a reload do.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfigYAML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = try? TurnoutConfig.parse(yaml: FuzzInput(data, size).text)
    return 0
}
