import Foundation
import FuzzSupport
import TurnoutFlags

/// A fixed `$flagd.timestamp`, so an input always evaluates the same way.
private let now = 1_700_000_000.0

/// Reads the input as a flagd flag file, optionally followed by a NUL byte and an evaluation
/// context (JSON). Every flag of a file that validates is evaluated against that context (or a
/// fixed targeting key) untyped and as each OpenFeature type, and all of them at once through
/// OFREP's bulk evaluation with the context part as its request body.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFlagSet(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (flagFile, contextPart) = FuzzInput(data, size).splitAtNUL()
    guard let flags = try? FlagSet(parsing: flagFile.data) else { return 0 }
    let evaluator = FlagEvaluator(flagSet: flags, clock: { now })
    let context = contextPart.flatMap(evaluationContext) ?? EvaluationContext(targetingKey: "fuzz-user")
    for key in flags.flags.keys.sorted() {
        _ = evaluator.evaluate(key, context: context)
        for type in FlagValueType.allCases {
            _ = evaluator.evaluate(key, context: context, expecting: type)
        }
    }
    _ = OFREPService.evaluateAll(body: contextPart?.data ?? Data(), ifNoneMatch: nil, flags: flags, now: now)
    return 0
}

private func evaluationContext(_ part: FuzzInput) -> EvaluationContext? {
    guard let json = try? JSONValue(parsing: part.data) else { return nil }
    return try? EvaluationContext(json: json)
}
