import FuzzSupport

/// Parses the input as a `POST /v1/feedback` body with the gateway's own parser
/// (FeedbackRequest.swift, linked into this target from Sources/TurnoutGateway/Store).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFeedback(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = FeedbackRequest.parse(FuzzInput(data, size).data, maxItems: 10_000)
    return 0
}
