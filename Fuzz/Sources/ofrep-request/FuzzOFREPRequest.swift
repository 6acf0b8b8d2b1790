import Foundation
import FuzzSupport
import TurnoutFlags

/// The flags the OFREP endpoint serves: the example file the OpenFeature client test uses.
private let flags: FlagSet = {
    do {
        return try FlagSet(parsing: Repository.data("examples/flags/ofrep-test.flagd.json"))
    } catch {
        fatalError("fuzz fixture examples/flags/ofrep-test.flagd.json is not a flag file: \(error)")
    }
}()
private let flagKeys = flags.flags.keys.sorted() + ["no-such-flag"]
/// A fixed `$flagd.timestamp`, so an input always evaluates the same way.
private let now = 1_700_000_000.0

/// Takes the input as an OFREP request body: parsed, then evaluated for every flag (and one that
/// does not exist) and in bulk, as `POST /ofrep/v1/evaluate/flags[/<key>]` do.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOFREPRequest(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let body = FuzzInput(data, size).data
    _ = try? OFREPRequest(body: body)
    for key in flagKeys {
        _ = OFREPService.evaluate(flag: key, body: body, flags: flags, now: now)
    }
    _ = OFREPService.evaluateAll(body: body, ifNoneMatch: nil, flags: flags, now: now)
    return 0
}
